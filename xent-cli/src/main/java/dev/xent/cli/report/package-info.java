/**
 * The self-contained HTML report of a run: curves from {@code metrics.jsonl}, results from {@code summary.json},
 * plots written as SVG (Charts) and inlined as data URIs (the page loads nothing from anywhere).
 */
package dev.xent.cli.report;
