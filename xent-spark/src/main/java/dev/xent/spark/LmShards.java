// The language model on Spark: its codec counted distributedly, and the factory of its shard tasks.
package dev.xent.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xent.task.lm.LmCodec;
import dev.xent.task.lm.WordSplit;
import dev.xent.task.lm.LmConfig;
import dev.xent.task.lm.LmTask;
import dev.xent.text.Vocabulary;
import dev.xent.text.VocabularyBuilder;
import dev.xent.train.TrainTask;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;
import scala.Tuple2;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Rows are lines of text: the training text is every row followed by a newline, in the dataset's order (what
 * {@code xent train lm} reads from a file of those lines). {@link #codec} counts its tokens with one
 * {@code reduceByKey} — characters (the row's code points and its newline) or words (each line's tokens and an
 * {@code <eos>}) — and orders them as {@code LmCodec.train} does (by count, ties by code point or token), so the
 * codec equals the single-machine one. BPE is not distributed (its merges are learned sequentially).
 */
final class LmShards {
    private static final int REPLACEMENT = 0xFFFD;   // CharVocabulary's id 0: unknown characters

    private LmShards() {}

    /**
     * The word split of the training text: {@code setting} "whitespace" or "word", or for "auto" what
     * {@code WordSplit.detect} finds in the text's first 2 M characters (rows in order, as LmCodec.train reads them).
     */
    static WordSplit split(JavaRDD<String> lines, String setting) {
        if (!setting.equals("auto")) return WordSplit.of(setting);
        StringBuilder head = new StringBuilder();
        java.util.Iterator<String> it = lines.toLocalIterator();
        while (it.hasNext() && head.length() <= 2_000_000) head.append(it.next()).append('\n');
        return WordSplit.detect(head.toString());
    }

    /**
     * The codec of {@code level} ("char" or "word", words cut by {@code split}) over {@code lines}, keeping tokens
     * seen {@code minCount} times.
     */
    static LmCodec codec(JavaRDD<String> lines, String level, int minCount, WordSplit split) {
        switch (level) {
            case "char" -> {
                Map<Integer, Long> counts = lines.flatMapToPair(r -> (r + "\n").codePoints()
                        .mapToObj(cp -> new Tuple2<>(cp, 1L)).iterator()).reduceByKey(Long::sum).collectAsMap();
                List<Map.Entry<Integer, Long>> kept = new ArrayList<>();
                for (Map.Entry<Integer, Long> e : counts.entrySet()) {
                    if (e.getValue() >= minCount && e.getKey() != REPLACEMENT) kept.add(e);
                }
                kept.sort((a, b) -> !a.getValue().equals(b.getValue()) ? Long.compare(b.getValue(), a.getValue())
                        : Integer.compare(a.getKey(), b.getKey()));
                ArrayNode cps = JsonNodeFactory.instance.arrayNode().add(REPLACEMENT);
                for (Map.Entry<Integer, Long> e : kept) cps.add(e.getKey());
                return LmCodec.read("char", cps);
            }
            case "word" -> {
                Map<String, Long> counts = lines.flatMapToPair(r -> {
                    List<Tuple2<String, Long>> out = new ArrayList<>();
                    for (String t : words(split, r)) out.add(new Tuple2<>(t, 1L));
                    return out.iterator();
                }).reduceByKey(Long::sum).collectAsMap();
                VocabularyBuilder b = Vocabulary.builder();
                counts.forEach(b::add);
                Vocabulary v = b.build(minCount, Integer.MAX_VALUE);
                ObjectNode o = JsonNodeFactory.instance.objectNode();
                o.put("tokenizer", split.id());
                ArrayNode t = o.putArray("tokens"), c = o.putArray("counts");
                for (int i = 0; i < v.size(); i++) {
                    t.add(v.token(i));
                    c.add(v.frequency(i));
                }
                return LmCodec.read("word", o);
            }
            default -> throw new IllegalArgumentException("level must be char or word on Spark; got '" + level
                    + "' (BPE merges are learned sequentially: train the codec on one machine)");
        }
    }

    /** The word tokens of one row and its newline: each line's tokens, then {@code <eos>} (LmCodec's rule). */
    private static List<String> words(WordSplit split, String row) {
        List<String> out = new ArrayList<>();
        for (String line : row.split("\n", -1)) {
            out.addAll(split.line(line));
            out.add(Vocabulary.EOS_TOKEN);
        }
        return out;
    }

    /** The training text of {@code rows}: each followed by a newline. */
    static String text(List<String> rows) {
        StringBuilder sb = new StringBuilder();
        for (String r : rows) sb.append(r).append('\n');
        return sb.toString();
    }

    /**
     * Partition p of P trains the single-machine task ({@code LmTask.create}) over its rows' tokens with ⌈batch / P⌉
     * streams (RNN) or blocks (Transformer) per step and seed + 1000·p (dropout and block draws). Its weights are
     * the driver's, copied in before every step.
     */
    record Factory(Broadcast<String> codecJson, String level, Settings settings)
            implements SyncTraining.ShardFactory<String> {
        @Override
        public TrainTask build(int p, int partitions, List<String> rows) {
            LmCodec codec = parse(level, codecJson.value());
            LmConfig c = settings.config();
            LmConfig shard = c.toBuilder().batch((c.batch() + partitions - 1) / partitions).seed(c.seed() + 1000L * p)
                    .build();
            int[] ids = codec.encode(text(rows));
            try {
                return LmTask.create(shard, codec, ids, null).trainTask();
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("partition " + p + " of the training text (" + rows.size()
                        + " rows, " + ids.length + " tokens) is too short for " + shard.batch() + " streams or blocks "
                        + "of " + shard.seqLen() + " tokens: " + e.getMessage() + ". Use fewer partitions", e);
            }
        }
    }

    /** The codec as the JSON {@link LmCodec#read} takes. */
    static String json(LmCodec codec) {
        return codec.toJson().toString();
    }

    /** An LmConfig that travels (the record is not Serializable). */
    record Settings(String level, int minCount, String arch, boolean tied, int dim, int layers, float dropout,
                    float embedDropout, float weightDropout, boolean variational, int[] cutoffs,
                    int heads, int feedForward, int batch, int seqLen, double lr, double weightDecay, long seed)
            implements Serializable {
        static Settings of(LmConfig c) {
            return new Settings(c.level(), c.minCount(), c.arch().name(), c.tied(), c.dim(), c.layers(), c.dropout(),
                    c.embedDropout(), c.weightDropout(), c.variational(), c.cutoffs(),
                    c.heads(), c.feedForward(), c.batch(), c.seqLen(), c.lr(), c.weightDecay(), c.seed());
        }

        LmConfig config() {
            return LmConfig.builder().level(level).minCount(minCount).arch(LmConfig.Arch.valueOf(arch)).tied(tied)
                    .dim(dim).layers(layers).dropout(dropout).embedDropout(embedDropout).weightDropout(weightDropout)
                    .variational(variational).cutoffs(cutoffs).heads(heads).feedForward(feedForward).batch(batch)
                    .seqLen(seqLen).lr(lr).weightDecay(weightDecay).seed(seed).build();
        }
    }

    /** A codec from {@link #json}'s text. */
    static LmCodec parse(String level, String json) {
        try {
            JsonNode tree = new ObjectMapper().readTree(json);
            return LmCodec.read(level, tree);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the broadcast codec does not parse: " + e.getMessage(), e);
        }
    }
}
