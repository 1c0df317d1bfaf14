// CoNLL column files (CoNLL-2003, WikiANN): one token per line with whitespace-separated columns, a blank line
// ends a sentence, -DOCSTART- lines are skipped. Token and tag columns are configurable; a token prefix such as
// WikiANN's "en:" can be stripped; tags can be checked against a tag scheme.
package dev.xent.data;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Streams the sentences of a CoNLL file as {@link TaggedSentence}s. */
public final class ConllReader extends RecordReader<TaggedSentence> {
    /**
     * @param tokenColumn 0-based column of the token (usually 0)
     * @param tagColumn 0-based column of the tag; negative counts from the end (-1: last column)
     * @param tokenPrefix stripped from the start of every token that has it ("" for none; WikiANN: "en:")
     * @param scheme when not null, every sentence's tags must be valid in this scheme
     */
    public record Format(int tokenColumn, int tagColumn, String tokenPrefix, TagScheme scheme) {
        /** Token in the first column, tag in the last, nothing stripped, tags not checked. */
        public static Format standard() {
            return new Format(0, -1, "", null);
        }

        /** WikiANN: "en:Token\tB-PER" (prefix "en:" for English), IOB2 tags. */
        public static Format wikiann(String language) {
            return new Format(0, -1, language + ":", TagScheme.IOB2);
        }
    }

    private final Format format;

    public ConllReader(InputStream in, String name, Format format, ReadOptions options) {
        super(in, name, options);
        this.format = format;
    }

    public static ConllReader open(Path path, Format format, ReadOptions options) {
        return new ConllReader(openStream(path), path.toString(), format, options);
    }

    @Override
    protected TaggedSentence readRecord() {
        List<String> tokens = new ArrayList<>();
        List<String> tags = new ArrayList<>();
        long start = 0;
        DataException bad = null; // first problem in this sentence; the rest of it is read, then it is thrown
        String line;
        while ((line = lines.next()) != null) {
            String stripped = line.strip();
            if (stripped.isEmpty()) {
                if (!tokens.isEmpty() || bad != null) {
                    break;
                }
                continue;
            }
            if (stripped.startsWith("-DOCSTART-")) {
                if (!tokens.isEmpty() || bad != null) {
                    break; // a document marker also ends a sentence
                }
                continue;
            }
            if (tokens.isEmpty() && bad == null) {
                start = lines.lineNumber();
            }
            if (bad != null) {
                continue;
            }
            String[] cols = stripped.split("[ \\t]+");
            int tagCol = format.tagColumn() < 0 ? cols.length + format.tagColumn() : format.tagColumn();
            int need = Math.max(format.tokenColumn(), tagCol) + 1;
            if (cols.length < 2 || tagCol < 0 || cols.length < need || tagCol == format.tokenColumn()) {
                bad = DataException.bad(file, lines.lineNumber(), "wrong column count: expected a token (column "
                        + format.tokenColumn() + ") and a tag (column " + format.tagColumn() + "), got "
                        + cols.length + " column" + (cols.length == 1 ? "" : "s"), line,
                        "separate token and tag with a tab or space, or set tokenColumn/tagColumn to the file's layout");
                continue;
            }
            if (tokens.size() >= options.maxSentenceLength()) {
                bad = DataException.bad(file, start, "sentence longer than maxSentenceLength = "
                        + options.maxSentenceLength() + " tokens", line, "check for a missing blank line between"
                        + " sentences, or raise maxSentenceLength");
                continue;
            }
            String token = cols[format.tokenColumn()];
            if (!format.tokenPrefix().isEmpty() && token.startsWith(format.tokenPrefix())) {
                token = token.substring(format.tokenPrefix().length());
            }
            tokens.add(canonical(token));
            tags.add(canonical(cols[tagCol]));
        }
        if (bad != null) {
            throw bad;
        }
        if (tokens.isEmpty()) {
            return null;
        }
        if (format.scheme() != null) {
            String why = format.scheme().firstViolation(tags);
            if (why != null) {
                throw DataException.bad(file, start, "tags do not follow " + format.scheme() + ": " + why,
                        String.join(" ", tags), "convert the tags (TagScheme.convert) or choose the scheme the file"
                                + " uses (TagScheme.detect tells)");
            }
        }
        return new TaggedSentence(tokens, tags, start);
    }
}
