// Saving and loading an NbSvmClassifier as a model bundle: "config" (NbSvmConfig + format), "vocab" (labels with
// counts), weights "keys" (F, 2) int (each n-gram key's high and low 32 bits), "scaled" (K, F) = ratio ∘ weight (the
// product prediction uses; version 1 stored "ratio" and "weight" apart: twice the bytes), "bias" (K).
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
import java.util.Arrays;
import java.util.Map;

/** Reads and writes {@link NbSvmClassifier} bundles. */
final class NbSvmBundle {
    static final String FORMAT = "xent.nbsvm-classifier";
    static final int VERSION = 2;
    private static final ObjectMapper JSON = new ObjectMapper();

    private NbSvmBundle() {
    }

    static void write(NbSvmClassifier c, Path file, Map<String, String> dataFingerprint) throws IOException {
        NbSvmConfig cfg = c.config();
        ObjectNode conf = JSON.createObjectNode();
        conf.put("format", FORMAT).put("version", VERSION).put("ngrams", cfg.ngrams()).put("alpha", cfg.alpha())
                .put("epoch", cfg.epoch()).put("lr", cfg.lr()).put("lowercase", cfg.lowercase())
                .put("threads", cfg.threads()).put("seed", cfg.seed()).put("tokenizer", "whitespace");
        ObjectNode vocab = JSON.createObjectNode();
        ArrayNode labels = vocab.putArray("labels");
        ArrayNode counts = vocab.putArray("labelCounts");
        for (int i = 0; i < c.labels().size(); i++) {
            labels.add(c.labels().get(i));
            counts.add(c.labelCounts[i]);
        }
        int nf = c.features.size(), k = c.labels().size();
        int[] keys = new int[2 * nf];
        for (int f = 0; f < nf; f++) {
            keys[2 * f] = (int) (c.features.keys[f] >>> 32);
            keys[2 * f + 1] = (int) c.features.keys[f];
        }
        ModelBundle.builder(conf, Provenance.now(cfg.seed(), dataFingerprint)).json("vocab", vocab)
                .intWeight("keys", IntTensor.of(keys, nf, 2))
                .weight("scaled", Tensor.of(scaled(c, k * nf), k, nf))
                .weight("bias", Tensor.of(c.bias, k))
                .build().write(file);
    }

    /** ratio ∘ weight, (K, F) flattened: what {@link NbSvmClassifier#scores} multiplies per feature. */
    private static float[] scaled(NbSvmClassifier c, int n) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) out[i] = c.features.ratio[i] * c.weight[i];
        return out;
    }

    /** {@code bundle} was read from {@code file}, which errors name. */
    static NbSvmClassifier read(ModelBundle bundle, Path file) {
        JsonNode conf = bundle.config();
        String format = conf.path("format").asText("");
        if (!format.equals(FORMAT)) {
            throw new IllegalArgumentException(file + ": config \"format\" must be \"" + FORMAT + "\"; got \"" + format
                    + "\". Fix: load this bundle with the class that saved it");
        }
        int version = conf.path("version").asInt(-1);
        if (version != 1 && version != VERSION) {
            throw new IllegalArgumentException(file + ": unsupported " + FORMAT + " version " + conf.path("version")
                    + " (this xent reads 1 and " + VERSION + "). Fix: use a matching xent");
        }
        NbSvmConfig cfg = new NbSvmConfig(conf.path("ngrams").asInt(), conf.path("alpha").asDouble(),
                conf.path("epoch").asInt(), conf.path("lr").asDouble(), conf.path("lowercase").asBoolean(),
                conf.path("threads").asInt(), conf.path("seed").asLong());
        JsonNode v = bundle.json("vocab");
        String[] labels = new String[v.path("labels").size()];
        long[] counts = new long[labels.length];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = v.path("labels").get(i).asText();
            counts[i] = v.path("labelCounts").path(i).asLong();
        }
        IntTensor kt = bundle.intWeights().get("keys");
        Tensor bias = bundle.weight("bias"), ratio, weight;
        if (version == 1) {
            ratio = bundle.weight("ratio");
            weight = bundle.weight("weight");
        } else {
            // scores use ratio[i] * weight[i]: the product as the ratio and weights of 1 give the same floats
            ratio = bundle.weight("scaled");
            float[] ones = new float[ratio.data().length];
            Arrays.fill(ones, 1f);
            weight = Tensor.of(ones, ratio.shape());
        }
        int nf = kt == null ? -1 : kt.shape()[0];
        if (kt == null || !Arrays.equals(ratio.shape(), new int[] {labels.length, nf})
                || !Arrays.equals(weight.shape(), ratio.shape()) || !Arrays.equals(bias.shape(), new int[] {labels.length})) {
            throw new IllegalArgumentException(file + ": the weights keys/ratio/weight/bias do not fit " + labels.length
                    + " labels and " + nf + " features. Fix: the file is damaged; retrain");
        }
        long[] keys = new long[nf];
        int[] kd = kt.data();
        for (int f = 0; f < nf; f++) keys[f] = ((long) kd[2 * f] << 32) | (kd[2 * f + 1] & 0xFFFFFFFFL);
        NbSvmFeatures features = new NbSvmFeatures(cfg.ngrams(), cfg.lowercase(), keys, ratio.data());
        return new NbSvmClassifier(cfg, labels, counts, features, weight.data(), bias.data());
    }
}
