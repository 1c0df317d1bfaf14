// CoNLL-U (Universal Dependencies): 10 tab-separated columns per word, "#" comment lines, a blank line after
// each sentence. Multiword-token lines (ID "3-4") and empty nodes (ID "8.1") are skipped: tagging is over
// syntactic words. The tag is UPOS (column 4) or XPOS (column 5).
package dev.xent.data;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Streams the sentences of a CoNLL-U file as {@link TaggedSentence}s of FORM and UPOS or XPOS. */
public final class ConllUReader extends RecordReader<TaggedSentence> {
    /** Which part-of-speech column is the tag. */
    public enum Tag {
        UPOS(3), XPOS(4);

        final int column;

        Tag(int column) {
            this.column = column;
        }
    }

    private final Tag tag;

    public ConllUReader(InputStream in, String name, Tag tag, ReadOptions options) {
        super(in, name, options);
        this.tag = tag;
    }

    public static ConllUReader open(Path path, Tag tag, ReadOptions options) {
        return new ConllUReader(openStream(path), path.toString(), tag, options);
    }

    @Override
    protected TaggedSentence readRecord() {
        List<String> tokens = new ArrayList<>();
        List<String> tags = new ArrayList<>();
        long start = 0;
        boolean begun = false;
        DataException bad = null; // first problem in this sentence; the rest is read, then it is thrown
        String line;
        while ((line = lines.next()) != null) {
            if (line.isBlank()) {
                if (begun) {
                    break;
                }
                continue;
            }
            if (!begun) {
                begun = true;
                start = lines.lineNumber();
            }
            if (line.startsWith("#") || bad != null) {
                continue;
            }
            String[] cols = line.split("\t", -1);
            if (cols.length != 10) {
                bad = DataException.bad(file, lines.lineNumber(), "wrong column count: CoNLL-U has 10 tab-separated"
                        + " columns, got " + cols.length, line, "separate the columns ID FORM LEMMA UPOS XPOS FEATS"
                        + " HEAD DEPREL DEPS MISC with single tabs (spaces are not separators in CoNLL-U)");
                continue;
            }
            String id = cols[0];
            if (id.matches("\\d{1,9}-\\d{1,9}") || id.matches("\\d{1,9}\\.\\d{1,9}")) {
                continue; // multiword token or empty node
            }
            if (!id.matches("\\d{1,9}")) {
                bad = DataException.bad(file, lines.lineNumber(), "invalid ID \"" + id + "\"", line,
                        "the first column must be a word index (1, 2, ...), a range (3-4) or an empty node (8.1)");
                continue;
            }
            String t = cols[tag.column];
            if (t.isEmpty() || t.equals("_")) {
                bad = DataException.bad(file, lines.lineNumber(), "label missing: " + tag + " is \"" + t + "\"", line,
                        "annotate " + tag + " on every word, read the other POS column, or pass skipBadLines");
                continue;
            }
            if (tokens.size() >= options.maxSentenceLength()) {
                bad = DataException.bad(file, start, "sentence longer than maxSentenceLength = "
                        + options.maxSentenceLength() + " words", line, "check for a missing blank line between"
                        + " sentences, or raise maxSentenceLength");
                continue;
            }
            tokens.add(canonical(cols[1]));
            tags.add(canonical(t));
        }
        if (bad != null) {
            throw bad;
        }
        if (!begun) {
            return null;
        }
        if (tokens.isEmpty()) {
            throw DataException.bad(file, start, "sentence has no words (only comments or multiword lines)", null,
                    "remove the stray comment block or add the word lines");
        }
        return new TaggedSentence(tokens, tags, start);
    }
}
