// Python's str.split() / str.rstrip() whitespace rules, which sacreBLEU's tokenisers and chrF rely on.
package dev.xent.metrics;

import java.util.ArrayList;
import java.util.List;

/**
 * Python 3's {@code str.isspace()} set, which differs from {@link Character#isWhitespace}: it includes the
 * no-break spaces U+00A0, U+2007, U+202F and NEL U+0085. All of these are in the Basic Multilingual Plane.
 */
final class PythonWhitespace {
    private PythonWhitespace() {}

    static boolean isSpace(char c) {
        return switch (c) {
            case '\t', '\n', '\u000B', '\f', '\r', '\u001C', '\u001D', '\u001E', '\u001F', ' ', '\u0085', '\u00A0',
                 '\u1680', '\u2028', '\u2029', '\u202F', '\u205F', '\u3000' -> true;
            default -> c >= '\u2000' && c <= '\u200A';
        };
    }

    /** {@code s.split()}: the maximal runs of non-whitespace characters. */
    static List<String> split(String s) {
        List<String> out = new ArrayList<>();
        int n = s.length();
        int i = 0;
        while (i < n) {
            while (i < n && isSpace(s.charAt(i))) i++;
            int start = i;
            while (i < n && !isSpace(s.charAt(i))) i++;
            if (i > start) out.add(s.substring(start, i));
        }
        return out;
    }

    /** {@code s.rstrip()}. */
    static String rstrip(String s) {
        int end = s.length();
        while (end > 0 && isSpace(s.charAt(end - 1))) end--;
        return s.substring(0, end);
    }

    /** {@code ''.join(s.split())}: s without any whitespace. */
    static String removeAll(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!isSpace(c)) b.append(c);
        }
        return b.toString();
    }
}
