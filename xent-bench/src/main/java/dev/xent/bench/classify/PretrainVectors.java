// Trains word vectors (skip-gram/CBOW) on the shared unlabelled text for SST-2: WikiText-2 train, SST-2 train sentences, AG News.
package dev.xent.bench.classify;

import dev.xent.data.CsvOptions;
import dev.xent.data.CsvReader;
import dev.xent.data.Example;
import dev.xent.data.ReadOptions;
import dev.xent.task.embed.WordVectorConfig;
import dev.xent.task.embed.WordVectorTrainer;
import dev.xent.text.WordTokenizer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The corpus, tokenised as the SST-2 classifiers tokenise (WordTokenizer, lowercase): every non-empty, non-heading
 * line of WikiText-2 train.txt (its number separators "@-@", "@,@", "@.@" turned back into "-", ",", "."), every
 * distinct SST-2 train phrase that is no part of a longer one (the sentences — sub-phrases would repeat their
 * words ~10 times; no labels are read), and every AG News test.csv row's text. SST-2 dev is not used.
 * Writes a fastText .vec file.
 */
public final class PretrainVectors {
    private PretrainVectors() {}

    public static void run(Path data, Path out, WordVectorConfig cfg) throws Exception {
        WordTokenizer tok = new WordTokenizer(true, false);
        List<String[]> corpus = new ArrayList<>();
        long wiki = 0, sst = 0, ag = 0;
        for (String line : Files.readAllLines(data.resolve("wikitext-2/train.txt"))) {
            String t = line.trim();
            if (t.isEmpty() || t.startsWith("= ")) continue;
            t = t.replace(" @-@ ", "-").replace(" @,@ ", ",").replace(" @.@ ", ".");
            String[] w = tok.tokenize(t).toArray(new String[0]);
            corpus.add(w);
            wiki += w.length;
        }
        List<String> phrases = new ArrayList<>();
        try (CsvReader r = CsvReader.open(data.resolve("sst2/train.tsv"), CsvOptions.glueTsv("sentence", "label"),
                ReadOptions.defaults())) {
            r.forEachRemaining(e -> phrases.add(e.text().trim()));
        }
        for (String[] w : sentences(phrases, tok)) {
            corpus.add(w);
            sst += w.length;
        }
        try (CsvReader r = CsvReader.open(data.resolve("ag_news/test.csv"), CsvOptions.agNews(), ReadOptions.defaults())) {
            for (Example e : (Iterable<Example>) r.stream()::iterator) {
                String[] w = tok.tokenize(e.text().replace("\\n", " ")).toArray(new String[0]);
                corpus.add(w);
                ag += w.length;
            }
        }
        System.out.printf("word-vector corpus: %,d lines; tokens: WikiText-2 %,d, SST-2 sentences %,d, AG News %,d%n",
                corpus.size(), wiki, sst, ag);
        System.out.println("config: " + cfg);
        WordVectorTrainer.Result r = WordVectorTrainer.train(corpus, cfg);
        r.vectors().save(out);
        System.out.printf("%,d words x %d, mean loss %.4f, %.1f s (%,.0f corpus tokens/s per epoch) -> %s%n",
                r.vectors().size(), r.vectors().dim(), r.meanLoss(), r.seconds(),
                r.corpusTokens() * (double) cfg.epochs() / r.seconds(), out);
    }

    /** The token lists of the distinct phrases that are no contiguous span of a longer one (SST-2's sentences). */
    static List<String[]> sentences(List<String> phrases, WordTokenizer tok) {
        List<String[]> unique = new ArrayList<>();
        for (String p : new LinkedHashSet<>(phrases)) unique.add(tok.tokenize(p).toArray(new String[0]));
        Map<String, Integer> ids = new HashMap<>();
        int[][] texts = new int[unique.size()][];
        for (int i = 0; i < texts.length; i++) {
            texts[i] = Arrays.stream(unique.get(i)).mapToInt(w -> ids.computeIfAbsent(w, k -> ids.size() + 1)).toArray();
        }
        List<String[]> out = new ArrayList<>();
        for (int i : SentenceHoldout.maximalTexts(texts, 1)) out.add(unique.get(i));
        return out;
    }
}
