// Base of every reader: a lazy, single-pass iterator over records of one file, with skip-and-count of bad
// records, the empty-file check, and the report. Subclasses only parse: readRecord() returns the next record.
package dev.xent.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Streams the records of one file. Use in try-with-resources; iterate once. Errors are {@link DataException}s;
 * with {@link ReadOptions#skipBadLines()} a bad record is skipped and counted in {@link #report()} instead.
 *
 * @param <T> the record type
 */
public abstract class RecordReader<T> implements Iterator<T>, AutoCloseable {
    protected final String file;
    protected final ReadOptions options;
    protected final LineReader lines;
    private final ReadReport report;
    private final Map<String, String> canonical = new HashMap<>();
    private T next;
    private boolean done;

    protected RecordReader(InputStream in, String file, ReadOptions options) {
        this.file = file;
        this.options = options;
        this.lines = new LineReader(in, file, options.maxLineBytes());
        this.report = new ReadReport(file);
    }

    /** Opens {@code path}; a missing or unreadable file is a (non-skippable) DataException. */
    protected static InputStream openStream(Path path) {
        try {
            return Files.newInputStream(path);
        } catch (NoSuchFileException e) {
            throw DataException.fatal(path.toString(), 0, "file not found", null,
                    "check the path (relative paths start at " + Path.of("").toAbsolutePath() + ")");
        } catch (AccessDeniedException e) {
            throw DataException.fatal(path.toString(), 0, "permission denied", null, "make the file readable");
        } catch (IOException e) {
            throw new DataException(path.toString(), 0, "could not open the file (" + e + ")", null,
                    "check that the path is a readable file", false, e);
        }
    }

    /**
     * The first string equal to {@code s} that this reader returned: a file's tokens and tags repeat (6.75 M tokens
     * of 33 k distinct words in a 25,000-document file), and one String per occurrence cost ~100 bytes a token.
     */
    protected final String canonical(String s) {
        String seen = canonical.putIfAbsent(s, s);
        return seen == null ? s : seen;
    }

    /** The next record, or null at the end of the file. Throws DataException for a bad record. */
    protected abstract T readRecord();

    @Override
    public final boolean hasNext() {
        while (next == null && !done) {
            try {
                next = readRecord();
            } catch (DataException e) {
                if (!options.skipBadLines() || !e.skippable()) {
                    done = true;
                    closeQuietly();
                    throw e;
                }
                report.skipped(e);
                continue;
            }
            if (next == null) {
                done = true;
                closeQuietly();
                checkNotEmpty();
            } else {
                report.recordRead();
            }
        }
        return next != null;
    }

    @Override
    public final T next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more records in " + file);
        }
        T r = next;
        next = null;
        return r;
    }

    /** The remaining records as a sequential stream; closing the stream closes the file. */
    public final Stream<T> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED), false)
                .onClose(this::close);
    }

    /** The remaining records, in order; closes the file. E.g. {@code FastTextReader.open(file, opts).readAll()}. */
    public final List<T> readAll() {
        try (Stream<T> s = stream()) {
            return s.toList();
        }
    }

    /** Counts so far (complete once iteration has ended). */
    public final ReadReport report() {
        return report;
    }

    private void checkNotEmpty() {
        if (report.records() > 0) {
            return;
        }
        if (lines.totalBytes() == 0) {
            throw DataException.fatal(file, 0, "empty file (0 bytes)", null,
                    "check the path; the file may not have been written completely");
        }
        if (report.skipped() > 0) {
            throw DataException.fatal(file, 0, "no usable records: all " + report.skipped()
                    + " were skipped as bad; the first: " + report.problems().get(0), null,
                    "check that the reader matches the file's format (delimiter, columns, labels)");
        }
        throw DataException.fatal(file, 0, "no records in " + lines.lineNumber()
                + " lines (all blank or comments)", null, "check that this is the right file and format");
    }

    private void closeQuietly() {
        try {
            lines.close();
        } catch (RuntimeException ignored) {
            // closing after the end or after an error: the first problem is the one to report
        }
    }

    @Override
    public void close() {
        done = true;
        lines.close();
    }
}
