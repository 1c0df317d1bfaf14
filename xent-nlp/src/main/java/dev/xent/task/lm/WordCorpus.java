// A word-level LM corpus as pytorch/examples word_language_model reads it: whitespace tokens plus <eos> per line.
package dev.xent.task.lm;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One shared dictionary grown over the files in the order they are read (train, valid, test — so the
 * ids equal PyTorch's), and each file as one id stream. A line "a b" gives the tokens a, b, &lt;eos&gt;;
 * an empty line gives just &lt;eos&gt;. Tokens are split on runs of whitespace (Python's str.split()).
 * On WikiText-2 this yields the classic vocabulary of 33,278 words.
 */
public final class WordCorpus {
    public static final String EOS = "<eos>";

    private final Map<String, Integer> ids = new HashMap<>();
    private final List<String> words = new ArrayList<>();

    /** Appends the ids of a file's tokens, adding unseen words to the dictionary. */
    public int[] read(Path file) throws IOException {
        IntBuffer out = new IntBuffer();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line; (line = r.readLine()) != null; ) addLine(line, out);
        }
        return out.toArray();
    }

    /** The ids of a text given as a string (lines end with '\n', as a file's), adding unseen words. */
    public int[] readText(String text) {
        IntBuffer out = new IntBuffer();
        String[] lines = text.split("\n", -1);
        int n = text.endsWith("\n") ? lines.length - 1 : lines.length;   // no line after a final newline
        for (int i = 0; i < n; i++) addLine(lines[i], out);
        return out.toArray();
    }

    private void addLine(String line, IntBuffer out) {
        int n = line.length(), i = 0;
        while (i < n) {
            while (i < n && isSpace(line.charAt(i))) i++;
            int start = i;
            while (i < n && !isSpace(line.charAt(i))) i++;
            if (i > start) out.add(id(line.substring(start, i)));
        }
        out.add(id(EOS));
    }

    private static boolean isSpace(char ch) {
        return WordSplit.isSpace(ch);
    }

    private int id(String w) {
        Integer id = ids.get(w);
        if (id == null) {
            id = words.size();
            ids.put(w, id);
            words.add(w);
        }
        return id;
    }

    public int vocabularySize() {
        return words.size();
    }

    public String word(int id) {
        return words.get(id);
    }

    private static final class IntBuffer {
        int[] a = new int[1024];
        int n;

        void add(int v) {
            if (n == a.length) a = Arrays.copyOf(a, 2 * n);
            a[n++] = v;
        }

        int[] toArray() {
            return Arrays.copyOf(a, n);
        }
    }
}
