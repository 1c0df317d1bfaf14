// How a word-level LM cuts a line into tokens: on whitespace (pre-tokenised corpora) or by WordTokenizer's rules.
package dev.xent.task.lm;

import dev.xent.text.Vocabulary;
import dev.xent.text.WordTokenizer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The tokens of a text, line by line, each line followed by {@code <eos>} (a last line without a newline gets none,
 * so a prompt is not ended):
 * <ul>
 * <li>WHITESPACE: maximal runs of non-whitespace, as Python's {@code str.split()} and so pytorch/examples'
 *     word_language_model cut them. LM benchmarks (PTB, WikiText) are distributed tokenised this way, with rare
 *     words already replaced by {@code <unk>}: this split keeps {@code <unk>} and {@code @-@} as one token each and
 *     gives their standard token counts (WikiText-2 train: 2,088,628 with the {@code <eos>}s).
 * <li>WORD: {@link WordTokenizer} (words, numbers, each punctuation mark on its own): for raw text, where
 *     "Commission," should be "Commission" and ",".
 * </ul>
 */
public enum WordSplit {
    WHITESPACE, WORD;

    /** "whitespace" or "word": the setting's value and the bundle's "tokenizer" entry. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@link #id()}; anything else is an error naming both values. */
    public static WordSplit of(String id) {
        for (WordSplit s : values()) if (s.id().equals(id)) return s;
        throw new IllegalArgumentException("tokenizer must be whitespace (pre-tokenised text, as LM benchmarks) or "
                + "word (split punctuation off raw text); got '" + id + "'");
    }

    /**
     * The split a training text asks for: WHITESPACE when it is already tokenised, else WORD. Tokenised means that
     * fewer than 2 % of its whitespace tokens are punctuation stuck to a word: a token ending in a comma, semicolon,
     * colon, ! or ? right after a letter or digit ("said," "end;"), or a line's last token ending in a full stop
     * after a letter or digit ("today."). A full stop inside a line does not count: tokenised corpora keep
     * abbreviations whole ("U.S.", "mr.", "inc." in the PTB) but end sentences with a separate ".". WikiText-2's
     * training text has 0.002 % such tokens (6 in its first 2 M characters), raw English (tinyshakespeare) 18.4 %. Reads at
     * most the first 2 M characters.
     */
    public static WordSplit detect(String text) {
        String head = text.length() > 2_000_000 ? text.substring(0, 2_000_000) : text;
        long tokens = 0, stuck = 0;
        for (String line : head.split("\n")) {
            List<String> ts = WHITESPACE.line(line);
            tokens += ts.size() + 1;                                   // and the line's <eos>
            for (int i = 0; i < ts.size(); i++) {
                String t = ts.get(i);
                int n = t.length();
                if (n < 2 || !Character.isLetterOrDigit(t.charAt(n - 2))) continue;
                char last = t.charAt(n - 1);
                if (",;:!?".indexOf(last) >= 0 || (last == '.' && i == ts.size() - 1)) stuck++;
            }
        }
        return tokens > 0 && stuck * 50 >= tokens ? WORD : WHITESPACE;
    }

    /** The tokens of one line (no newline in it). */
    public List<String> line(String line) {
        if (this == WORD) return new WordTokenizer().tokenize(line);
        List<String> out = new ArrayList<>();
        int n = line.length(), i = 0;
        while (i < n) {
            while (i < n && isSpace(line.charAt(i))) i++;
            int start = i;
            while (i < n && !isSpace(line.charAt(i))) i++;
            if (i > start) out.add(line.substring(start, i));
        }
        return out;
    }

    /** Every line's tokens followed by {@code <eos>}; the text after the last newline gets no {@code <eos>}. */
    public List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        int start = 0;
        while (start <= text.length()) {
            int nl = text.indexOf('\n', start);
            out.addAll(line(nl < 0 ? text.substring(start) : text.substring(start, nl)));
            if (nl < 0) break;
            out.add(Vocabulary.EOS_TOKEN);
            start = nl + 1;
        }
        return out;
    }

    /** Python's str.split() whitespace within the BMP: Java's whitespace, Unicode space separators, U+001C..1F, U+0085. */
    static boolean isSpace(char ch) {
        return Character.isWhitespace(ch) || Character.isSpaceChar(ch) || (ch >= '\u001c' && ch <= '\u001f')
                || ch == '\u0085';
    }
}
