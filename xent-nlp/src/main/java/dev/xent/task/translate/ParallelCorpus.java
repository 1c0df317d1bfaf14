// A parallel corpus: two line-aligned UTF-8 files (plain or gzipped), line i of the source translating line i of the target.
package dev.xent.task.translate;

import dev.xent.data.DataException;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Reading checks the pairing: the two files must have the same number of lines and no line may be empty or blank
 * (an empty line usually means the files drifted apart); each error names the file, the line and the fix. A file
 * is gunzipped when it starts with the gzip magic bytes (whatever its name). Lines are stripped of surrounding
 * whitespace and of a trailing '\r'.
 */
public record ParallelCorpus(List<String> sources, List<String> targets) {
    public ParallelCorpus {
        if (sources.size() != targets.size()) {
            throw new IllegalArgumentException("a parallel corpus needs as many targets as sources; got "
                    + sources.size() + " and " + targets.size());
        }
        sources = List.copyOf(sources);
        targets = List.copyOf(targets);
    }

    public int size() {
        return sources.size();
    }

    public String source(int i) {
        return sources.get(i);
    }

    public String target(int i) {
        return targets.get(i);
    }

    /** Reads line i of {@code src} with line i of {@code tgt}; see the class comment for the checks. */
    public static ParallelCorpus read(Path src, Path tgt) throws IOException {
        List<String> s = lines(src), t = lines(tgt);
        if (s.size() != t.size()) {
            boolean srcLonger = s.size() > t.size();
            Path longer = srcLonger ? src : tgt;
            int extra = Math.min(s.size(), t.size()) + 1;
            throw DataException.fatal(longer.toString(), extra, "the two sides of the parallel corpus differ in length ("
                    + src + " has " + s.size() + " lines, " + tgt + " has " + t.size() + "); this is the first line "
                    + "without a partner", (srcLonger ? s : t).get(extra - 1),
                    "give the two files of one corpus, line i of one translating line i of the other");
        }
        for (int i = 0; i < s.size(); i++) {
            checkLine(src, i, s.get(i), tgt, t.get(i));
            checkLine(tgt, i, t.get(i), src, s.get(i));
        }
        return new ParallelCorpus(s, t);
    }

    private static void checkLine(Path file, int i, String line, Path other, String partner) {
        if (line.isEmpty()) {
            throw DataException.bad(file.toString(), i + 1, "empty line in a parallel corpus (its partner, line "
                    + (i + 1) + " of " + other + ", is shown)", partner,
                    "remove the pair from both files, or check that the files are aligned");
        }
    }

    /** The file's lines, trimmed; gzipped input is detected by its magic bytes. */
    public static List<String> lines(Path file) throws IOException {
        List<String> out = new ArrayList<>();
        InputStream raw;
        try {
            raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        } catch (NoSuchFileException e) {
            throw DataException.fatal(file.toString(), 0, "file not found", null, "check the path");
        }
        try (InputStream in = gunzipIfGzip(raw);
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                     .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)))) {
            String line;
            try {
                while ((line = r.readLine()) != null) out.add(line.strip());
            } catch (CharacterCodingException e) {
                throw DataException.fatal(file.toString(), out.size() + 1, "not valid UTF-8", null,
                        "convert the file to UTF-8 (iconv -t UTF-8)");
            }
        }
        return out;
    }

    private static InputStream gunzipIfGzip(InputStream in) throws IOException {
        in.mark(2);
        int b0 = in.read(), b1 = in.read();
        in.reset();
        return b0 == 0x1f && b1 == 0x8b ? new GZIPInputStream(in, 1 << 16) : in;
    }
}
