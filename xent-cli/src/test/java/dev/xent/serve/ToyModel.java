// A deterministic toy model with every capability, plus hooks that fail, reject or block on demand, for server tests.
package dev.xent.serve;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * predict: labels a, b, c with probabilities proportional to (1 + count of that letter in the text).
 * tag: "CAP" for a capitalised token, else "low". generate: maxTokens words drawn by Random(seed + prompt hash)
 * (temperature 0: the first word repeated). score: one token per whitespace word, total nats = chars * ln 2, so
 * bits/char is exactly 1. translate: the words in reverse order, each repeated (beam - 1) extra times, "+" joined
 * when alpha > 0 (so both settings show in the answer). Special inputs: "boom" throws a bug, "reject" a ModelInputException, "block" waits on
 * {@link #release} (after counting down {@link #entered}). Read-only except for those latches: thread-safe.
 */
class ToyModel implements ServedModel {
    static final List<String> WORDS = List.of("alpha", "beta", "gamma", "delta", "epsilon");

    private final Set<Capability> capabilities;
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);

    ToyModel() {
        this(EnumSet.allOf(Capability.class));
    }

    ToyModel(Set<Capability> capabilities) {
        this.capabilities = Set.copyOf(capabilities);
    }

    @Override
    public Set<Capability> capabilities() {
        return capabilities;
    }

    @Override
    public List<LabelProbability> predict(String text, int k) {
        special(text);
        String[] labels = {"a", "b", "c"};
        double[] w = new double[3];
        double sum = 0;
        for (int i = 0; i < 3; i++) {
            char ch = labels[i].charAt(0);
            w[i] = 1 + text.chars().filter(x -> x == ch).count();
            sum += w[i];
        }
        List<LabelProbability> all = new ArrayList<>();
        for (int i = 0; i < 3; i++) all.add(new LabelProbability(labels[i], w[i] / sum));
        all.sort((x, y) -> Double.compare(y.probability(), x.probability()));  // stable: ties keep a, b, c order
        return all.subList(0, Math.min(k, 3));
    }

    @Override
    public List<String> tag(List<String> tokens) {
        for (String t : tokens) special(t);
        return tokens.stream().map(t -> Character.isUpperCase(t.codePointAt(0)) ? "CAP" : "low").toList();
    }

    @Override
    public String generate(String prompt, SamplingConfig s) {
        special(prompt);
        Random rng = new Random(s.seed() + prompt.hashCode());
        List<String> out = new ArrayList<>();
        for (int i = 0; i < s.maxTokens(); i++) {
            out.add(s.temperature() == 0 ? WORDS.get(0) : WORDS.get(rng.nextInt(WORDS.size())));
        }
        return String.join(" ", out);
    }

    @Override
    public TextScore score(String text) {
        special(text);
        int chars = text.codePointCount(0, text.length());
        int tokens = Math.max(1, text.strip().split("\\s+").length);
        return TextScore.of(chars * Math.log(2), tokens, chars);
    }

    @Override
    public List<String> translate(List<String> texts, int beam, double alpha) {
        List<String> out = new ArrayList<>();
        for (String text : texts) {
            special(text);
            List<String> words = new ArrayList<>();
            String[] w = text.strip().split("\\s+");
            for (int i = w.length - 1; i >= 0; i--) {
                if (!w[i].isEmpty()) for (int k = 0; k < beam; k++) words.add(w[i]);
            }
            out.add(String.join(alpha > 0 ? "+" : " ", words));
        }
        return out;
    }

    @Override
    public Map<String, Object> info() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", "toy");
        m.put("config", Map.of("labels", List.of("a", "b", "c")));
        return m;
    }

    private void special(String text) {
        if (text.contains("boom")) throw new IllegalStateException("toy bug: secret internal detail");
        if (text.contains("reject")) throw new ModelInputException("text", "the toy model rejects 'reject'",
                "send another word");
        if (text.contains("block")) {
            entered.countDown();
            try {
                if (!release.await(10, TimeUnit.SECONDS)) throw new IllegalStateException("never released");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
