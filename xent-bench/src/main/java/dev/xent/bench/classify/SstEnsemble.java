// SST-2 ensembles from saved probabilities: members chosen greedily on the sentence hold-out, then scored once on dev.
package dev.xent.bench.classify;

import dev.xent.data.CsvOptions;
import dev.xent.data.Example;
import dev.xent.task.classify.LabeledTokens;
import dev.xent.task.classify.Objective;
import dev.xent.text.Vocabulary;
import dev.xent.text.WordTokenizer;
import dev.xent.train.ConfusionMatrix;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Each run name R stands for the files R.valid and R.dev that {@code --save-probs} wrote (the kept epoch's
 * probabilities on the sentence hold-out and on dev; the hold-out must be the same, i.e. the same --holdout and
 * --seed). Prints every run's hold-out and dev scores, the mean of all runs, and a greedy selection that looks
 * only at the hold-out (Caruana et al. 2004, with repetition): start from the run with the lowest hold-out log
 * loss, repeatedly add the run that gives the lowest hold-out log loss of the mean probability, stop when no
 * addition lowers it or after 10 additions. Log loss rather than accuracy: on ~700 sentences accuracy moves in
 * steps of 0.15 points and the search stops at the first plateau. Dev is scored for the chosen ensemble, never
 * used to choose.
 */
final class SstEnsemble {
    private SstEnsemble() {}

    static void run(Path dir, String[] runs, double holdout, long seed) throws Exception {
        WordTokenizer tok = new WordTokenizer(true, false);
        List<Example> train = NeuralClassifierBenchmark.read(dir.resolve("sst2/train.tsv"), CsvOptions.glueTsv("sentence", "label"));
        List<Example> dev = NeuralClassifierBenchmark.read(dir.resolve("sst2/dev.tsv"), CsvOptions.glueTsv("sentence", "label"));
        Vocabulary vocab = NeuralClassifierBenchmark.vocabulary(train, tok);
        List<String> classes = List.of("0", "1");
        LabeledTokens all = NeuralClassifierBenchmark.encode(train, tok, vocab, classes);
        LabeledTokens valid = all.subset(SentenceHoldout.split(all.tokens(), holdout, 2, seed).valid());
        LabeledTokens test = NeuralClassifierBenchmark.encode(dev, tok, vocab, classes);
        List<float[][]> pv = new ArrayList<>(), pd = new ArrayList<>();
        for (String r : runs) {
            pv.add(readProbs(Path.of(r + ".valid"), valid.size()));
            pd.add(readProbs(Path.of(r + ".dev"), test.size()));
            System.out.printf("%-36s hold-out %s | dev %s%n", Path.of(r).getFileName(),
                    score(pv.get(pv.size() - 1), valid).summary(),
                    score(pd.get(pd.size() - 1), test).summary());
        }
        System.out.printf("%-36s hold-out %s | dev %s%n", "mean of all",
                score(NeuralClassifierBenchmark.average(pv), valid).summary(),
                score(NeuralClassifierBenchmark.average(pd), test).summary());
        List<Integer> chosen = new ArrayList<>();
        ConfusionMatrix best = null;
        for (int step = 0; step < 11; step++) {
            int pick = -1;
            ConfusionMatrix pickScores = null;
            for (int i = 0; i < runs.length; i++) {
                List<float[][]> trial = new ArrayList<>();
                for (int c : chosen) trial.add(pv.get(c));
                trial.add(pv.get(i));
                ConfusionMatrix s = score(NeuralClassifierBenchmark.average(trial), valid);
                if (pickScores == null || s.logLoss() < pickScores.logLoss()) {
                    pick = i;
                    pickScores = s;
                }
            }
            if (best != null && !(pickScores.logLoss() < best.logLoss())) break;
            chosen.add(pick);
            best = pickScores;
        }
        List<float[][]> d = new ArrayList<>();
        StringBuilder names = new StringBuilder();
        for (int c : chosen) {
            d.add(pd.get(c));
            names.append(names.length() == 0 ? "" : " + ").append(Path.of(runs[c]).getFileName());
        }
        System.out.printf("greedy on hold-out: %s%n%-36s hold-out %s | dev %s%n", names, "chosen ensemble",
                best.summary(), score(NeuralClassifierBenchmark.average(d), test).summary());
    }

    private static ConfusionMatrix score(float[][] probs, LabeledTokens data) {
        return Objective.BINARY.score(probs, data);
    }

    static float[][] readProbs(Path f, int n) throws Exception {
        List<String> lines = Files.readAllLines(f);
        if (lines.size() != n) {
            throw new IllegalArgumentException(f + " has " + lines.size() + " lines; expected " + n
                    + " (same --holdout and --seed as the runs that wrote it?)");
        }
        float[][] p = new float[n][];
        for (int i = 0; i < n; i++) {
            String[] v = lines.get(i).trim().split(" ");
            p[i] = new float[] {Float.parseFloat(v[0]), Float.parseFloat(v[1])};
        }
        return p;
    }
}
