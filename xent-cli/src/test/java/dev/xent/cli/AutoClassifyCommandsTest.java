package dev.xent.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * -model nbsvm end to end; -model auto (and when it is the default: no model's own setting given, small data) with
 * its trials, chosen config.json that trains again and model.xent; xent tune with a step budget repeating exactly.
 */
class AutoClassifyCommandsTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void nbsvmTrainsPredictsAndEvaluates(@TempDir Path dir) throws Exception {
        Path train = ClassifyCommandsTest.data(dir.resolve("train.txt"), 400, 1, false);
        Path valid = ClassifyCommandsTest.data(dir.resolve("valid.txt"), 100, 2, false);
        Cli t = Cli.run("train", "classify", "-model", "nbsvm", "-input", train.toString(), "-valid", valid.toString(),
                "-thread", "1", "--runs-dir", dir.resolve("runs").toString(), "-output", "nb", "--progress", "none");
        assertEquals(0, t.code(), t.err());
        assertTrue(t.out().contains("accuracy 1.0000"), t.out());
        Path model = dir.resolve("runs/nb/model.xent");
        Cli e = Cli.run("eval", model.toString(), valid.toString());
        assertEquals(0, e.code(), e.err());
        assertTrue(e.out().contains("accuracy 1.0000"), e.out());
        Cli i = Cli.run("info", model.toString());
        assertEquals(0, i.code(), i.err());
        Cli bad = Cli.run("train", "classify", "-model", "nbsvm", "-input", train.toString(), "-dim", "8",
                "--runs-dir", dir.resolve("runs").toString(), "-output", "nb2", "--progress", "none");
        assertTrue(bad.cleanError() && bad.err().contains("setting dim (flag -dim) applies to -model"), bad.err());
    }

    @Test
    void autoIsTheDefaultForSmallDataWithoutModelSettingsAndItsConfigTrainsAgain(@TempDir Path dir) throws Exception {
        Path train = ClassifyCommandsTest.data(dir.resolve("train.txt"), 300, 1, false);
        Path runs = dir.resolve("runs");
        Cli t = Cli.run("train", "classify", "-input", train.toString(), "-thread", "1", "--runs-dir", runs.toString(),
                "-output", "a", "--progress", "none");
        assertEquals(0, t.code(), t.err());
        assertTrue(t.out().contains("search    5-fold cross-validation of the 300 training examples"), t.out());
        Path run = runs.resolve("a");
        List<String> trials = Files.readAllLines(run.resolve("trials.jsonl"));
        assertEquals(7, trials.size(), "the fixed recipes of fasttext and nbsvm");
        JsonNode config = JSON.readTree(run.resolve("config.json").toFile());
        assertTrue(List.of("fasttext", "nbsvm").contains(config.path("model").asText()), config.toString());
        JsonNode summary = JSON.readTree(run.resolve("summary.json").toFile());
        int chosen = summary.path("search").path("chosen_trial").asInt();
        assertEquals(JSON.readTree(trials.get(chosen)).path("settings").path("lr"), config.path("lr"));
        Cli e = Cli.run("eval", run.resolve("model.xent").toString(), train.toString());
        assertEquals(0, e.code(), e.err());

        Cli again = Cli.run("train", "classify", "--config", run.resolve("config.json").toString(), "--runs-dir",
                runs.toString(), "-output", "again", "--progress", "none");
        assertEquals(0, again.code(), again.err());
        assertFalse(again.out().contains("search "), "the chosen model, not another search: " + again.out());

        Cli ft = Cli.run("train", "classify", "-input", train.toString(), "-dim", "8", "-thread", "1", "--runs-dir",
                runs.toString(), "-output", "ft", "--progress", "none");
        assertEquals(0, ft.code(), ft.err());
        assertFalse(ft.out().contains("search "), "a fastText flag keeps the fastText default: " + ft.out());
        assertEquals("fasttext", JSON.readTree(runs.resolve("ft/config.json").toFile()).path("model").asText());
    }

    @Test
    void anEnsembleIsChosenOnTheValidationPredictionsAndLoadsAsOneModel(@TempDir Path dir) throws Exception {
        Path train = ClassifyCommandsTest.data(dir.resolve("train.txt"), 200, 3, false);
        Path valid = ClassifyCommandsTest.data(dir.resolve("valid.txt"), 60, 4, false);
        Cli t = Cli.run("train", "classify", "-model", "auto", "-input", train.toString(), "-valid", valid.toString(),
                "--set", "ensemble=3", "--set", "families=nbsvm", "-thread", "1", "--runs-dir",
                dir.resolve("runs").toString(), "-output", "e", "--progress", "none");
        assertEquals(0, t.code(), t.err());
        assertTrue(t.out().contains("kept      the "), t.out());
        Cli e = Cli.run("eval", dir.resolve("runs/e/model.xent").toString(), valid.toString());
        assertEquals(0, e.code(), e.err());
        assertTrue(e.out().contains("accuracy 1.0000"), e.out());
    }

    @Test
    void multiLabelDataLeavesNbsvmOut(@TempDir Path dir) throws Exception {
        Path train = ClassifyCommandsTest.data(dir.resolve("train.txt"), 100, 5, false);
        Files.writeString(train, "__label__pos __label__neg a film both great and dull\n" + Files.readString(train));
        Cli t = Cli.run("train", "classify", "-model", "auto", "-input", train.toString(), "-thread", "1",
                "--runs-dir", dir.resolve("runs").toString(), "-output", "m", "--progress", "none");
        assertEquals(0, t.code(), t.err());
        assertTrue(t.out().contains("nbsvm (one label per text) is left out"), t.out());
        assertEquals(4, Files.readAllLines(dir.resolve("runs/m/trials.jsonl")).size(), "the fasttext recipes only");
    }

    @Test
    void tuneWithAStepBudgetRepeatsExactly(@TempDir Path dir) throws Exception {
        Path train = ClassifyCommandsTest.data(dir.resolve("train.txt"), 300, 1, false);
        Path valid = ClassifyCommandsTest.data(dir.resolve("valid.txt"), 60, 2, false);
        String[] args = {"tune", "classify", "-input", train.toString(), "-valid", valid.toString(), "--budget",
                "30000steps", "-thread", "1", "-seed", "4", "--runs-dir", dir.resolve("runs").toString()};
        Cli a = Cli.run(concat(args, "-output", "a")), b = Cli.run(concat(args, "-output", "b"));
        assertEquals(0, a.code(), a.err());
        assertEquals(0, b.code(), b.err());
        assertTrue(a.out().contains("step budget ended the search"), a.out());
        List<String> ta = Files.readAllLines(dir.resolve("runs/a/trials.jsonl"));
        List<String> tb = Files.readAllLines(dir.resolve("runs/b/trials.jsonl"));
        assertEquals(ta.size(), tb.size());
        assertTrue(ta.size() >= 2, ta.toString());
        for (int i = 0; i < ta.size(); i++) {
            JsonNode x = JSON.readTree(ta.get(i)), y = JSON.readTree(tb.get(i));
            assertEquals(x.path("settings"), y.path("settings"));
            assertEquals(x.path("accuracy"), y.path("accuracy"));
            assertEquals(x.path("log_loss"), y.path("log_loss"));
        }
        long steps = 0;
        for (String l : ta) steps += JSON.readTree(l).path("steps").asLong();
        assertTrue(steps <= 30000, "within the budget: " + steps);
        assertTrue(Files.exists(dir.resolve("runs/a/model.xent")));
        String report = Files.readString(dir.resolve("runs/a/report.html"));
        assertTrue(report.contains("alt=\"Accuracy against elapsed time\"") && report.contains("alt=\"Accuracy against lr\"")
                && report.contains("alt=\"Accuracy against model\""), "the search's plots");

        Cli bad = Cli.run("tune", "classify", "-input", train.toString(), "--budget", "soon");
        assertTrue(bad.cleanError() && bad.err().contains("--budget must be a positive time"), bad.err());
    }

    @Test
    void autoWithABudgetInStepsTriesTheStrongestRecipesFirstAndRepeatsExactly(@TempDir Path dir) throws Exception {
        Path train = ClassifyCommandsTest.data(dir.resolve("train.txt"), 300, 1, false);
        // 5 folds of 300: a 5-epoch recipe takes 5 x 240 x 5 = 6,000 steps; NBSVM bigrams and fastText bigrams fit
        // in 13,000, NBSVM at 10 epochs (12,000 more) does not
        String[] args = {"train", "classify", "-model", "auto", "-input", train.toString(), "--set", "budget=13000steps",
                "-thread", "1", "-seed", "3", "--runs-dir", dir.resolve("runs").toString(), "--progress", "none"};
        Cli a = Cli.run(concat(args, "-output", "a")), b = Cli.run(concat(args, "-output", "b"));
        assertEquals(0, a.code(), a.err());
        assertEquals(0, b.code(), b.err());
        assertTrue(a.out().contains("search    5-fold cross-validation of the 300 training examples (seed 3); budget "
                + "13,000 SGD steps"), a.out());
        assertTrue(a.out().contains("the step budget ended the search"), a.out());
        List<String> ta = Files.readAllLines(dir.resolve("runs/a/trials.jsonl"));
        assertEquals(Files.readAllLines(dir.resolve("runs/b/trials.jsonl")).stream().map(l -> drop(l, "seconds"))
                .toList(), ta.stream().map(l -> drop(l, "seconds")).toList(), "the same trials, scores and all");
        assertEquals(List.of("nbsvm", "fasttext"), ta.stream().map(l -> read(l).path("settings").path("model").asText())
                .toList(), "the strongest priors first, families alternating");
        assertEquals(2, read(ta.get(0)).path("settings").path("wordNgrams").asInt(), "NBSVM with bigrams first");
        assertEquals(12_000, ta.stream().mapToLong(l -> read(l).path("steps").asLong()).sum());
        assertTrue(Files.exists(dir.resolve("runs/a/model.xent")));
    }

    @Test
    void autoWithATimeBudgetScoresOnAHoldoutAndBadBudgetsOrFoldsAreNamed(@TempDir Path dir) throws Exception {
        Path train = ClassifyCommandsTest.data(dir.resolve("train.txt"), 300, 1, false);
        Path runs = dir.resolve("runs");
        Cli t = Cli.run("train", "classify", "-model", "auto", "-input", train.toString(), "--set", "budget=30s",
                "-thread", "1", "--runs-dir", runs.toString(), "-output", "t", "--progress", "none");
        assertEquals(0, t.code(), t.err());
        assertTrue(t.out().contains("search    a 20% hold-out of the 300 training examples (seed 0); budget 30.0 s for the whole command"),
                "one of the 5 folds held out: " + t.out());
        assertTrue(t.out().contains("scored    60 validation examples per trial"), t.out());

        Cli bad = Cli.run("train", "classify", "-model", "auto", "-input", train.toString(), "--set", "budget=soon",
                "--runs-dir", runs.toString(), "-output", "bad", "--progress", "none");
        assertTrue(bad.cleanError() && bad.err().contains("--set budget must be a positive time")
                && bad.err().contains("got 'soon'") && bad.err().contains("Fix: "), bad.err());
        Cli folds = Cli.run("train", "classify", "-model", "auto", "-input", train.toString(), "--set", "budget=30s",
                "--set", "folds=1", "--runs-dir", runs.toString(), "-output", "folds", "--progress", "none");
        assertTrue(folds.cleanError() && folds.err().contains("folds must be >= 2") && folds.err().contains("got 1")
                && folds.err().contains("Fix: --set folds=5"), folds.err());
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The JSON line without {@code key} (a measured time, which differs between runs). */
    private static String drop(String json, String key) {
        com.fasterxml.jackson.databind.node.ObjectNode o = (com.fasterxml.jackson.databind.node.ObjectNode) read(json);
        o.remove(key);
        o.remove("elapsed_s");
        return o.toString();
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
