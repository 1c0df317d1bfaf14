// The tagger on Spark: its vocabularies and tag set counted distributedly, and the factory of its shard tasks.
package dev.xent.spark;

import dev.xent.data.TagScheme;
import dev.xent.data.TaggedSentence;
import dev.xent.task.tag.BiLstmTagger;
import dev.xent.task.tag.TagEncoder;
import dev.xent.task.tag.Tagger;
import dev.xent.task.tag.TaggerConfig;
import dev.xent.task.tag.TaggerTask;
import dev.xent.text.Vocabulary;
import dev.xent.text.VocabularyBuilder;
import dev.xent.train.TrainTask;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;
import scala.Tuple2;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Rows are sentences as {@code String[][] {tokens, tags}}. {@link #encoder} counts, with one {@code reduceByKey},
 * the normalised words, the characters (each word cut to maxWordChars) and the tags, and decides as
 * {@code TaggerTask.create} does whether the tags are chunk tags, in which scheme, and whether they are learned as
 * IOBES: a vocabulary is a function of its counts alone (by count, ties by token), so the result equals
 * {@code TagEncoder.build} on the same sentences in any order and any partitioning.
 */
final class TagShards {
    private TagShards() {}

    /** What a worker needs to rebuild the encoder: the counts, the tags in id order, the normalisation. */
    record Parts(Map<String, Long> words, Map<String, Long> chars, List<String> tags, boolean lowercase,
                 int maxWordChars, String outputScheme, boolean chunkTags, String tokenPrefix) implements Serializable {

        TagEncoder encoder() {
            return TagEncoder.of(vocabulary(words), vocabulary(chars), tags, lowercase, maxWordChars, tokenPrefix);
        }

        /** The scheme predictions are written back in (IOB1/IOB2 data learned as IOBES), or null. */
        TagScheme output() {
            return outputScheme == null ? null : TagScheme.valueOf(outputScheme);
        }

        private static Vocabulary vocabulary(Map<String, Long> counts) {
            VocabularyBuilder b = Vocabulary.builder();
            counts.forEach(b::add);
            return b.build(1, Integer.MAX_VALUE);
        }
    }

    /** The encoder parts of {@code rows} for a config whose {@code iobes} is {@code iobes}. */
    static Parts encoder(JavaRDD<String[][]> rows, boolean lowercase, int maxWordChars, boolean iobes) {
        String prefix = languagePrefix(rows);
        Map<String, Long> counts = rows.flatMapToPair(s -> {
            List<Tuple2<String, Long>> out = new ArrayList<>();
            for (String raw : s[0]) {
                String tok = !prefix.isEmpty() && raw.length() > prefix.length() && raw.startsWith(prefix)
                        ? raw.substring(prefix.length()) : raw;
                out.add(new Tuple2<>("w" + TagEncoder.normalize(tok, lowercase), 1L));
                tok.codePoints().limit(maxWordChars).forEach(cp -> out.add(new Tuple2<>("c" + Character.toString(cp), 1L)));
            }
            for (String tag : s[1]) out.add(new Tuple2<>("t" + tag, 1L));
            return out.iterator();
        }).reduceByKey(Long::sum).collectAsMap();
        Map<String, Long> words = new java.util.HashMap<>(), chars = new java.util.HashMap<>();
        TreeSet<String> tags = new TreeSet<>();
        counts.forEach((k, n) -> {
            String v = k.substring(1);
            switch (k.charAt(0)) {
                case 'w' -> words.put(v, n);
                case 'c' -> chars.put(v, n);
                default -> tags.add(v);
            }
        });
        List<String> tagList = new ArrayList<>(tags);
        boolean chunk = TaggerTask.chunkTags(List.of(new TaggedSentence(tagList, tagList, 0)));
        TagScheme output = null;
        if (chunk && iobes) {
            TagScheme data = dataScheme(rows);
            output = data == TagScheme.IOBES ? null : data;
        }
        if (output != null) {   // learned as IOBES: the tag set is that of the rewritten tags
            tagList = rows.flatMap(s -> TagScheme.IOBES.convert(Arrays.asList(s[1])).iterator()).distinct().collect();
            tagList = new ArrayList<>(new TreeSet<>(tagList));
        }
        return new Parts(words, chars, tagList, lowercase, maxWordChars, output == null ? null : output.name(), chunk,
                prefix);
    }

    /**
     * TagEncoder.languagePrefix over the partitions: each partition's own prefix ("" when its tokens share none; no
     * answer when it holds no token), then the prefix of all of them if every answering partition gives the same one.
     */
    private static String languagePrefix(JavaRDD<String[][]> rows) {
        List<String> each = rows.mapPartitions(it -> {
            List<TaggedSentence> part = new ArrayList<>();
            while (it.hasNext()) {
                String[][] s = it.next();
                if (s[0].length > 0) part.add(new TaggedSentence(Arrays.asList(s[0]), Arrays.asList(s[1]), 0));
            }
            return (part.isEmpty() ? List.<String>of() : List.of(TagEncoder.languagePrefix(part))).iterator();
        }).collect();
        String prefix = each.isEmpty() ? "" : each.get(0);
        for (String p : each) if (!p.equals(prefix)) return "";
        return prefix;
    }

    /** TaggerTask.dataScheme counted over the partitions: IOBES if any E-/S-; IOB1 if more I- than B- starts. */
    private static TagScheme dataScheme(JavaRDD<String[][]> rows) {
        long[] c = rows.map(s -> {
            long[] n = new long[3];   // B- starts, I- starts, E-/S- tags
            String prev = "O";
            for (String tag : s[1]) {
                if (tag.startsWith("E-") || tag.startsWith("S-")) n[2]++;
                else if (tag.startsWith("B-")) n[0]++;
                else if (tag.startsWith("I-") && (prev.equals("O") || !prev.substring(2).equals(tag.substring(2)))) n[1]++;
                prev = tag;
            }
            return n;
        }).fold(new long[3], (a, b) -> new long[] {a[0] + b[0], a[1] + b[1], a[2] + b[2]});
        return c[2] > 0 ? TagScheme.IOBES : c[1] > c[0] ? TagScheme.IOB1 : TagScheme.IOB2;
    }

    /** {@code sentences} as rows. */
    static String[][] row(TaggedSentence s) {
        return new String[][] {s.tokens().toArray(String[]::new), s.tags().toArray(String[]::new)};
    }

    /** The tagger of the driver: the config's weights (seed), the distributed encoder. */
    static Tagger tagger(TaggerConfig cfg, Parts parts) {
        TagEncoder enc = parts.encoder();
        return new Tagger(new BiLstmTagger(cfg, enc.words().size(), enc.chars().size(), enc.tags().size()), enc,
                parts.output());
    }

    /**
     * Partition p of P trains a {@code TaggerTask} over its sentences with batches of ⌈batch / P⌉ sentences (so a
     * global batch holds about {@code batch}) and seed + 1000·p (its batch order and dropout masks; partition 0 has
     * the config's). Its weights are overwritten by the driver's before every step.
     */
    record Factory(Broadcast<Parts> parts, Settings settings) implements SyncTraining.ShardFactory<String[][]> {
        @Override
        public TrainTask build(int p, int partitions, List<String[][]> rows) {
            TaggerConfig c = settings.config();
            TaggerConfig shard = new TaggerConfig(c.wordDim(), c.charDim(), c.charFilters(), c.charWidth(), c.hidden(),
                    c.crf(), c.iobes(), c.dropout(), c.wordDropout(), c.lowercase(), c.lr(),
                    (c.batchSize() + partitions - 1) / partitions, c.epochs(), c.clip(), c.sparse(), c.seed() + 1000L * p);
            Parts pt = parts.value();
            Tagger tagger = tagger(shard, pt);
            List<TaggedSentence> sentences = new ArrayList<>(rows.size());
            for (int i = 0; i < rows.size(); i++) {
                List<String> tags = Arrays.asList(rows.get(i)[1]);
                if (pt.output() != null) tags = TagScheme.IOBES.convert(tags);
                sentences.add(new TaggedSentence(Arrays.asList(rows.get(i)[0]), tags, i + 1));
            }
            if (sentences.stream().noneMatch(s -> s.size() > 0)) {
                throw new IllegalArgumentException("partition " + p + " of the training data has no non-empty "
                        + "sentence; repartition the data so every partition holds sentences (df.repartition(n))");
            }
            return new TaggerTask(tagger, sentences, List.of());
        }
    }

    /** A TaggerConfig that travels (the record is not Serializable). */
    record Settings(int wordDim, int charDim, int charFilters, int charWidth, int hidden, boolean crf, boolean iobes,
                    float dropout, double wordDropout, boolean lowercase, double lr, int batchSize, int epochs,
                    double clip, boolean sparse, long seed) implements Serializable {
        static Settings of(TaggerConfig c) {
            return new Settings(c.wordDim(), c.charDim(), c.charFilters(), c.charWidth(), c.hidden(), c.crf(), c.iobes(),
                    c.dropout(), c.wordDropout(), c.lowercase(), c.lr(), c.batchSize(), c.epochs(), c.clip(),
                    c.sparse(), c.seed());
        }

        TaggerConfig config() {
            return new TaggerConfig(wordDim, charDim, charFilters, charWidth, hidden, crf, iobes, dropout, wordDropout,
                    lowercase, lr, batchSize, epochs, clip, sparse, seed);
        }
    }
}
