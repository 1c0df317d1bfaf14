/**
 * The prediction server: {@link dev.xent.serve.XentServer} serves one {@link dev.xent.serve.ServedModel} (a
 * classifier, tagger or language model behind a narrow interface) as JSON over HTTP on the JDK's built-in server,
 * one virtual thread per request, with limits on body size, text length, generation length and batch size, and
 * JSON errors that name the field and the fix. The loopback load test ({@code bench/serve.sh}) serves a random
 * bag-of-words classifier from the xent-bench module ({@code dev.xent.bench.serve.ServeBenchMain}).
 */
package dev.xent.serve;
