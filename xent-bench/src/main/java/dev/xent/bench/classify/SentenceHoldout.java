// A leak-free validation split for phrase-level data (SST): hold out whole sentences, drop every phrase inside one.
package dev.xent.bench.classify;

import dev.xent.task.classify.SpanFreeHoldout;

import java.util.Arrays;

/**
 * SST-2's training rows are the phrases of ~6.9k parsed sentences: a sentence and many of its sub-phrases are
 * all rows. A random row hold-out therefore validates on phrases whose parents, children and siblings were
 * trained on, and rewards memorisation. This split instead:
 * <ol>
 *   <li>finds the <em>maximal</em> texts — those with at least {@code minTokens} tokens that are not a
 *       contiguous token span of any longer text (the sentences, plus the occasional orphan phrase whose
 *       parents were filtered out of the data);</li>
 *   <li>takes a seeded random {@code fraction} of them as validation;</li>
 *   <li>keeps for training every other text that is not a contiguous token span of a validation text.</li>
 * </ol>
 * A training text may still share words with validation texts, as dev sentences do, but no validation
 * sentence, and none of its phrases, is trained on. The validation texts are full sentences, like SST-2 dev.
 * The rule itself is xent-nlp's {@link SpanFreeHoldout} (what {@code -model auto} holds out); this adds the
 * experiments' conventions: a fraction check and the validation rows in ascending order.
 */
public final class SentenceHoldout {
    private SentenceHoldout() {}

    /** Row indices: {@code train} and {@code valid} are disjoint; {@code dropped} rows (spans of valid) are in neither. */
    public record Split(int[] train, int[] valid, int dropped, int maximal) {}

    public static Split split(int[][] texts, double fraction, int minTokens, long seed) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("fraction must be in (0, 1); got " + fraction);
        }
        if (minTokens < 1) throw new IllegalArgumentException("minTokens must be >= 1; got " + minTokens);
        SpanFreeHoldout.Split s = SpanFreeHoldout.split(texts, fraction, minTokens, seed);
        int[] valid = s.valid().clone();
        Arrays.sort(valid);
        return new Split(s.train(), valid, s.dropped(), s.maximal());
    }

    /** Texts with >= minTokens tokens that are no contiguous span of a longer text, ascending. */
    public static int[] maximalTexts(int[][] texts, int minTokens) {
        return SpanFreeHoldout.maximalTexts(texts, minTokens);
    }

    static boolean containsSpan(int[] hay, int[] needle) {
        return SpanFreeHoldout.containsSpan(hay, needle);
    }
}
