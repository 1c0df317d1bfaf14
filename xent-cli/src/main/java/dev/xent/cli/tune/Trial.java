// One finished trial of a search: its settings, its score and other validation metrics, and what it cost.
package dev.xent.cli.tune;

import java.util.Map;

/**
 * {@code label} names the model family (classify: fasttext, nbsvm; else the task's model); {@code settings} are the
 * searched settings the trial changed from the run's ({} = the defaults); {@code seconds} its wall time,
 * {@code elapsed} the search's wall time when it ended; {@code steps} the optimizer steps it took.
 */
public record Trial(int index, String label, Map<String, Object> settings, double score, Map<String, Double> metrics,
                    double seconds, long steps, double elapsed) {}
