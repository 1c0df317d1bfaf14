// An ensemble of trained classifiers: the probability of a label is the mean of the members' probabilities of it
// (0 from a member that does not know the label); members may repeat (a weight), as greedy selection picks them.
package dev.xent.task.classify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xent.io.ModelBundle;
import dev.xent.io.Provenance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/** Saved as one bundle (format "xent.ensemble-classifier") holding each member's whole bundle as a byte section. */
public final class EnsembleClassifier implements TrainedClassifier {
    static final String FORMAT = "xent.ensemble-classifier";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<TrainedClassifier> members;
    private final List<String> labels;
    private final int[][] index;   // [member][its label c] -> position in labels

    public EnsembleClassifier(List<TrainedClassifier> members) {
        if (members.isEmpty()) throw new IllegalArgumentException("an ensemble needs at least one member; got none");
        this.members = List.copyOf(members);
        LinkedHashSet<String> all = new LinkedHashSet<>();
        for (TrainedClassifier m : members) all.addAll(m.labels());
        this.labels = List.copyOf(all);
        index = new int[members.size()][];
        for (int k = 0; k < index.length; k++) {
            List<String> ml = members.get(k).labels();
            index[k] = new int[ml.size()];
            for (int c = 0; c < ml.size(); c++) index[k][c] = labels.indexOf(ml.get(c));
        }
    }

    public List<TrainedClassifier> members() {
        return members;
    }

    @Override
    public List<String> labels() {
        return labels;
    }

    @Override
    public float[] probabilities(String text) {
        float[] p = new float[labels.size()];
        for (int k = 0; k < members.size(); k++) {
            float[] q = members.get(k).probabilities(text);
            for (int c = 0; c < q.length; c++) p[index[k][c]] += q[c] / members.size();
        }
        return p;
    }

    @Override
    public float[][] probabilities(List<String> texts) {
        float[][] p = new float[texts.size()][labels.size()];
        for (int k = 0; k < members.size(); k++) {
            float[][] q = members.get(k).probabilities(texts);   // batched where the member batches
            for (int i = 0; i < p.length; i++) {
                for (int c = 0; c < q[i].length; c++) p[i][index[k][c]] += q[i][c] / members.size();
            }
        }
        return p;
    }

    /** The {@code k} most probable labels, most probable first. */
    public List<Prediction> predict(String text, int k) {
        float[] p = probabilities(text);
        List<Integer> order = new ArrayList<>();
        for (int c = 0; c < p.length; c++) order.add(c);
        order.sort((a, b) -> Float.compare(p[b], p[a]));
        List<Prediction> out = new ArrayList<>();
        for (int i = 0; i < Math.min(k, p.length); i++) out.add(new Prediction(labels.get(order.get(i)), p[order.get(i)]));
        return out;
    }

    @Override
    public void save(Path file, Map<String, String> dataFingerprint) throws IOException {
        ObjectNode conf = JSON.createObjectNode();
        conf.put("format", FORMAT).put("version", 1).put("members", members.size());
        ModelBundle.Builder b = ModelBundle.builder(conf, Provenance.now(0, dataFingerprint));
        Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".member", ".xent");
        try {
            for (int k = 0; k < members.size(); k++) {
                members.get(k).save(tmp, dataFingerprint);
                b.bytes("member-" + k, Files.readAllBytes(tmp));
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        b.build().write(file);
    }

    /** Loads an ensemble bundle: its members are whole fastText-style, NBSVM or neural bundles inside it. */
    public static EnsembleClassifier load(ModelBundle bundle, Path file) {
        int n = bundle.config().path("members").asInt(0);
        if (n < 1) {
            throw new IllegalArgumentException(file + ": the ensemble has no members. Fix: the file is damaged; retrain");
        }
        List<TrainedClassifier> members = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            ModelBundle b = ModelBundle.parse(bundle.bytes("member-" + k), file + " member " + k);
            String format = b.config().path("format").asText("");
            members.add(format.equals(NbSvmBundle.FORMAT) ? NbSvmClassifier.load(b, file)
                    : format.equals(NeuralClassifierBundle.FORMAT)
                    ? new TrainedNeuralClassifier(NeuralClassifier.load(b, file), null, null)
                    : FastTextClassifier.load(b, file));
        }
        return new EnsembleClassifier(members);
    }
}
