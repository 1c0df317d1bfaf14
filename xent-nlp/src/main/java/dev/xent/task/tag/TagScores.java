// A tagger's scores on labelled sentences: token accuracy and, for chunk tags (BIO, BIOES), entity P/R/F1.
package dev.xent.task.tag;

import dev.xent.metrics.ChunkF1;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * @param tokens        tokens scored
 * @param correctTokens tokens whose predicted tag equals the gold tag exactly (a gold tag never seen in training
 *                      is always wrong)
 * @param entities      entity counts as conlleval counts them ({@link ChunkF1}), or null when the tags are not
 *                      chunk tags (e.g. POS tags)
 */
public record TagScores(long tokens, long correctTokens, ChunkF1 entities) {

    public double accuracy() {
        return tokens == 0 ? Double.NaN : (double) correctTokens / tokens;
    }

    /** Whether entity scores exist (the tagger's tags are chunk tags). */
    public boolean chunked() {
        return entities != null;
    }

    /**
     * The scores under {@code prefix} ("val_" for epoch logs): accuracy, and for chunk tags f1, precision, recall
     * (fractions in [0, 1]).
     */
    public Map<String, Double> metrics(String prefix) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put(prefix + "accuracy", accuracy());
        if (chunked()) {
            m.put(prefix + "f1", entities.f1());
            m.put(prefix + "precision", entities.precision());
            m.put(prefix + "recall", entities.recall());
        }
        return m;
    }

    /**
     * {@link #text()}, and for chunk tags conlleval's report below it: the overall line, then one line per entity
     * type (sorted) with precision, recall, F1 (percent) and the number of phrases predicted of that type, e.g.
     * <pre>
     * processed 9 tokens with 4 phrases; found: 2 phrases; correct: 2.
     * accuracy:  66.67%; precision: 100.00%; recall:  50.00%; FB1:  66.67
     *               LOC: precision:   0.00%; recall:   0.00%; FB1:   0.00  0
     * </pre>
     * Each line ends with a newline.
     */
    public String report() {
        StringBuilder s = new StringBuilder(text()).append('\n');
        if (!chunked()) return s.toString();
        s.append(entities.toString().replaceFirst("\\. accuracy", ".\naccuracy")).append('\n');
        entities.perType().forEach((type, c) -> s.append(String.format(Locale.ROOT,
                "%17s: precision: %6.2f%%; recall: %6.2f%%; FB1: %6.2f  %d%n", type, 100 * c.precision(),
                100 * c.recall(), 100 * c.f1(), c.predicted())));
        return s.toString();
    }

    /** E.g. "tokens 40  accuracy 0.9750  entity precision 0.9000 recall 0.9474 F1 0.9231". */
    public String text() {
        String s = String.format(Locale.ROOT, "tokens %d  accuracy %.4f", tokens, accuracy());
        if (chunked()) {
            s += String.format(Locale.ROOT, "  entity precision %.4f recall %.4f F1 %.4f", entities.precision(),
                    entities.recall(), entities.f1());
        }
        return s;
    }
}
