// The prompts of a run's samples: the opening words of lines spread evenly over the training text, deterministically.
package dev.xent.cli.lm;

import java.util.ArrayList;
import java.util.List;

/**
 * A model is prompted with text of the kind it was trained on, whatever the corpus: prompt i (of n) is the first
 * {@code words} whitespace-separated words of the non-blank line at the centre of the i-th of n equal parts of the
 * training text's non-blank lines, with the space after the last word kept (so a character model continues with a
 * new word). The same text always gives the same prompts.
 */
final class SamplePrompts {
    private SamplePrompts() {}

    static List<String> pick(String text, int count, int words) {
        if (count < 1) return List.of();
        String[] lines = text.split("\n");
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) if (!lines[i].isBlank()) candidates.add(i);
        if (candidates.isEmpty()) throw new IllegalArgumentException("the training text has no non-blank line to prompt with");
        List<String> out = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            long centre = (2L * k + 1) * candidates.size() / (2L * count);
            out.add(opening(lines[candidates.get((int) centre)], words));
        }
        return out;
    }

    /** The first {@code words} words of a non-blank line, leading whitespace dropped, one space after the last. */
    static String opening(String line, int words) {
        String[] parts = line.strip().split("\\s+");
        return String.join(" ", java.util.Arrays.copyOf(parts, Math.min(words, parts.length))) + " ";
    }
}
