// mteval-v13a tokenisation exactly as sacreBLEU's default '13a' tokenizer applies it before BLEU.
package dev.xent.metrics;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A port of sacreBLEU's {@code Tokenizer13a} (sacrebleu/tokenizers/tokenizer_13a.py and tokenizer_re.py), which
 * reproduces WMT's mteval-v13a.pl on detokenised text: drop {@code <skipped>}, join "-\n" hyphenations, unescape
 * {@code &quot; &amp; &lt; &gt;}, pad with spaces, then four regex substitutions, in order:
 * <ol>
 * <li>space around every ASCII symbol except {@code ' - . ,} (the class {@code [{-~[-` -&(-+:-@/]});</li>
 * <li>split {@code .} and {@code ,} from a preceding non-digit;</li>
 * <li>split {@code .} and {@code ,} from a following non-digit;</li>
 * <li>split {@code -} from a preceding digit;</li>
 * </ol>
 * and finally collapse whitespace (Python's definition, {@link PythonWhitespace}). Case is kept. Java's and
 * Python's regex engines agree on these patterns: both scan left to right for non-overlapping matches and treat
 * {@code [^0-9]} as any code point but an ASCII digit.
 */
public final class Tokenizer13a {
    private static final Pattern SYMBOL = Pattern.compile("([\\{-\\~\\[-\\` -\\&\\(-\\+\\:-\\@\\/])");
    private static final Pattern PERIOD_COMMA_AFTER_NON_DIGIT = Pattern.compile("([^0-9])([\\.,])");
    private static final Pattern PERIOD_COMMA_BEFORE_NON_DIGIT = Pattern.compile("([\\.,])([^0-9])");
    private static final Pattern DASH_AFTER_DIGIT = Pattern.compile("([0-9])(-)");

    private Tokenizer13a() {}

    /** The tokenised line: tokens joined by single spaces, no leading or trailing space. */
    public static String tokenize(String line) {
        line = line.replace("<skipped>", "")
                .replace("-\n", "")
                .replace("\n", " ")
                .replace("&quot;", "\"")
                .replace("&amp;", "&")
                .replace("&lt;", "<")
                .replace("&gt;", ">");
        line = " " + line + " ";
        line = SYMBOL.matcher(line).replaceAll(" $1 ");
        line = PERIOD_COMMA_AFTER_NON_DIGIT.matcher(line).replaceAll("$1 $2 ");
        line = PERIOD_COMMA_BEFORE_NON_DIGIT.matcher(line).replaceAll(" $1 $2");
        line = DASH_AFTER_DIGIT.matcher(line).replaceAll("$1 $2 ");
        return String.join(" ", PythonWhitespace.split(line));
    }

    /** The tokens of {@link #tokenize(String)}. */
    public static List<String> tokens(String line) {
        return PythonWhitespace.split(tokenize(line));
    }
}
