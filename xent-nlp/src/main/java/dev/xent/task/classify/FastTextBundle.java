// Saving and loading a FastTextClassifier as a model bundle: "config" (the FastTextConfig plus the format name),
// "vocab" (words with counts, labels with counts), and the weights "input" (rows, dim), "output" (labels, dim)
// and, with n-grams, the int tensor "input.buckets" (which hash bucket each n-gram row holds).
package dev.xent.task.classify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xent.io.ModelBundle;
import dev.xent.io.Provenance;
import dev.xent.tensor.IntTensor;
import dev.xent.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/** Reads and writes {@link FastTextClassifier} bundles. */
final class FastTextBundle {
    static final String FORMAT = "xent.fasttext-classifier";
    static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    private FastTextBundle() {
    }

    static void write(FastTextClassifier c, Path file, Map<String, String> dataFingerprint) throws IOException {
        FastTextConfig cfg = c.config();
        FastTextDictionary d = c.dictionary();
        FastTextModel m = c.model();
        ObjectNode conf = JSON.createObjectNode();
        conf.put("format", FORMAT).put("version", VERSION).put("dim", cfg.dim()).put("epoch", cfg.epoch())
                .put("lr", cfg.lr()).put("wordNgrams", cfg.wordNgrams()).put("bucket", cfg.bucket())
                .put("minCount", cfg.minCount()).put("loss", cfg.loss().name()).put("threads", cfg.threads())
                .put("seed", cfg.seed()).put("lrUpdateRate", cfg.lrUpdateRate())
                .put("tokenizer", "whitespace+eos");
        if (cfg.maxn() > 0) conf.put("minn", cfg.minn()).put("maxn", cfg.maxn());   // absent: no subwords
        ObjectNode cw = conf.putObject("classWeights");
        cfg.classWeights().forEach(cw::put);
        ObjectNode vocab = JSON.createObjectNode();
        ArrayNode words = vocab.putArray("words");
        ArrayNode wordCounts = vocab.putArray("wordCounts");
        for (int i = 0; i < d.words.length; i++) {
            words.add(d.words[i]);
            wordCounts.add(d.wordCounts[i]);
        }
        ArrayNode labels = vocab.putArray("labels");
        ArrayNode labelCounts = vocab.putArray("labelCounts");
        for (int i = 0; i < d.labels.length; i++) {
            labels.add(d.labels[i]);
            labelCounts.add(d.labelCounts[i]);
        }
        ModelBundle.Builder b = ModelBundle.builder(conf, Provenance.now(cfg.seed(), dataFingerprint))
                .json("vocab", vocab)
                .weight("input", Tensor.of(m.input, d.rows(), m.dim))
                .weight("output", Tensor.of(m.output, m.nLabels, m.dim));
        int[] buckets = d.bucketsOfRows();
        if (buckets.length > 0) {
            b.intWeight("input.buckets", IntTensor.of(buckets, buckets.length));
        }
        b.write(file);   // straight from the matrices: no serialised copy of them in memory
    }

    static FastTextClassifier read(Path file) throws IOException {
        return read(ModelBundle.read(file), file);
    }

    /** {@code bundle} was read from {@code file}, which errors name. */
    static FastTextClassifier read(ModelBundle bundle, Path file) {
        JsonNode conf = bundle.config();
        String format = conf.path("format").asText("");
        if (!format.equals(FORMAT)) {
            throw new IllegalArgumentException(file + ": config \"format\" must be \"" + FORMAT + "\"; got \""
                    + format + "\". Fix: load this bundle with the class that saved it");
        }
        if (conf.path("version").asInt(-1) != VERSION) {
            throw new IllegalArgumentException(file + ": unsupported " + FORMAT + " version "
                    + conf.path("version") + " (this xent reads " + VERSION + "). Fix: use a matching xent");
        }
        Map<String, Double> weights = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = conf.path("classWeights").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            weights.put(e.getKey(), e.getValue().asDouble());
        }
        FastTextConfig cfg = new FastTextConfig(conf.path("dim").asInt(), conf.path("epoch").asInt(),
                conf.path("lr").asDouble(), conf.path("wordNgrams").asInt(), conf.path("bucket").asInt(),
                conf.path("minCount").asInt(), FastTextConfig.Loss.valueOf(conf.path("loss").asText()),
                conf.path("threads").asInt(), conf.path("seed").asLong(), conf.path("lrUpdateRate").asInt(),
                weights, conf.path("minn").asInt(0), conf.path("maxn").asInt(0));
        JsonNode v = bundle.json("vocab");
        String[] words = strings(v.path("words"));
        String[] labels = strings(v.path("labels"));
        long[] wordCounts = longs(v.path("wordCounts"), words.length, file, "wordCounts");
        long[] labelCounts = longs(v.path("labelCounts"), labels.length, file, "labelCounts");
        IntTensor bt = bundle.intWeights().get("input.buckets");
        int[] buckets = bt == null ? new int[0] : bt.data();
        FastTextDictionary dict = new FastTextDictionary(words, wordCounts, labels, labelCounts, cfg.wordNgrams(),
                cfg.bucket(), cfg.minn(), cfg.maxn(), buckets);
        Tensor in = bundle.weight("input");
        Tensor out = bundle.weight("output");
        checkShape(file, "input", in.shape(), dict.rows(), cfg.dim());
        checkShape(file, "output", out.shape(), labels.length, cfg.dim());
        FastTextModel model = new FastTextModel(cfg.dim(), labels.length, words.length, cfg.seed(), in.data(),
                out.data());
        return new FastTextClassifier(cfg, dict, model, Double.NaN);
    }

    private static String[] strings(JsonNode a) {
        String[] s = new String[a.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = a.get(i).asText();
        }
        return s;
    }

    private static long[] longs(JsonNode a, int n, Path file, String name) {
        if (a.size() != n) {
            throw new IllegalArgumentException(file + ": vocab \"" + name + "\" has " + a.size()
                    + " entries; expected " + n + ". Fix: the file is damaged; retrain");
        }
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
            v[i] = a.get(i).asLong();
        }
        return v;
    }

    private static void checkShape(Path file, String name, int[] shape, int rows, int cols) {
        if (shape.length != 2 || shape[0] != rows || shape[1] != cols) {
            throw new IllegalArgumentException(file + ": weight \"" + name + "\" has shape "
                    + java.util.Arrays.toString(shape) + "; expected [" + rows + ", " + cols
                    + "]. Fix: the file is damaged; retrain");
        }
    }
}
