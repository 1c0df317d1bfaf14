/** The loopback load test of the prediction server (bench/serve.sh): a random fastText-shaped model and its requests. */
package dev.xent.bench.serve;
