// SparkData's fastText line parser: the same rows as the regex split it replaced, on any line of separators and words.
package dev.xent.spark;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SparkDataTest {
    /** The parser as first written: strip, split at [ \t\u000B\f]+, labels are the words with the prefix. */
    private static List<Row> byRegex(String path, String line) {
        if (line.isBlank()) return List.of();
        List<String> labels = new ArrayList<>(1);
        StringBuilder text = new StringBuilder();
        for (String w : line.strip().split("[ \\t\\u000B\\f]+")) {
            if (w.startsWith(SparkData.PREFIX)) {
                labels.add(w.substring(SparkData.PREFIX.length()));
            } else {
                if (!text.isEmpty()) text.append(' ');
                text.append(w);
            }
        }
        if (labels.size() != 1 || labels.get(0).isEmpty()) throw new IllegalArgumentException("labels " + labels);
        return List.of(RowFactory.create(text.toString(), labels.get(0)));
    }

    @Provide
    Arbitrary<String> lines() {   // pieces: separators, other whitespace, words, labels (empty ones too)
        Arbitrary<String> piece = Arbitraries.of(" ", "\t", "\u000B", "\f", "  ", "\n", "\r", "\u00A0", "\u2003",
                "a", "film", "é", "__label__", "__label__pos", "__label__neg", "x__label__y", "__lab");
        return piece.list().ofMaxSize(12).map(p -> String.join("", p));
    }

    @Property(tries = 2000)
    void sameRowsAsTheRegexSplit(@ForAll("lines") String line) {
        String expected;
        try {
            expected = byRegex("f", line).toString();
        } catch (IllegalArgumentException e) {
            expected = "refused";
        }
        String got;
        try {
            got = SparkData.parseFastText("f", line).toString();
        } catch (IllegalArgumentException e) {
            got = "refused";
        }
        assertEquals(expected, got, "line \"" + line + "\"");
    }
}
