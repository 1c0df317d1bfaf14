package dev.xent.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * xent tune tag | lm | translate on tiny data: a step budget repeats exactly (settings, scores, steps), trials.jsonl
 * holds every trial (the defaults first), config.json trains the best trial's model again (same score), the report
 * has the score-against-time and score-against-setting plots.
 */
class TuneTasksTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void tagStepBudgetRepeatsExactlyAndItsConfigTrainsTheBestTrialAgain(@TempDir Path dir) throws Exception {
        Path train = TagCommandsTest.conll(dir.resolve("train.conll"), 60, 1);
        Path valid = TagCommandsTest.conll(dir.resolve("valid.conll"), 20, 2);
        Path runs = dir.resolve("runs");
        String[] args = {"tune", "tag", "-input", train.toString(), "-valid", valid.toString(), "-dim", "8",
                "--set", "hidden=8", "--set", "charDim=4", "--set", "charFilters=4", "--budget", "40steps",
                "--trials", "4", "-thread", "1", "-seed", "3", "--runs-dir", runs.toString(), "--progress", "none"};
        Cli a = Cli.run(concat(args, "-output", "a")), b = Cli.run(concat(args, "-output", "b"));
        assertEquals(0, a.code(), a.err());
        assertEquals(0, b.code(), b.err());
        assertTrue(a.out().contains("search    4 trials of at most 10 steps each (budget 40 steps), scored on "
                + "validation entity F1"), a.out());
        List<JsonNode> ta = trials(runs.resolve("a")), tb = trials(runs.resolve("b"));
        assertEquals(4, ta.size());
        assertEquals(4, tb.size());
        assertEquals(JSON.createObjectNode(), ta.get(0).path("settings"), "the defaults first");
        for (int i = 0; i < 4; i++) {
            JsonNode x = ta.get(i), y = tb.get(i);
            assertEquals(i, x.path("trial").asInt());
            assertEquals(x.path("settings"), y.path("settings"));
            assertEquals(x.path("valid_f1"), y.path("valid_f1"));
            assertEquals(x.path("score"), x.path("valid_f1"));
            assertTrue(x.has("valid_accuracy") && x.has("elapsed_s") && x.has("seconds"), x.toString());
            assertEquals(10, x.path("steps").asLong(), "capped at the share: " + x);
            assertEquals(x.path("steps"), y.path("steps"));
            assertFalse(x.path("settings").has("dim") || x.path("settings").has("hidden"), "given settings stay fixed");
        }
        Path run = runs.resolve("a");
        JsonNode summary = JSON.readTree(run.resolve("summary.json").toFile());
        int chosen = summary.path("search").path("chosen_trial").asInt();
        JsonNode best = ta.get(chosen);
        for (JsonNode t : ta) assertTrue(t.path("score").asDouble() <= best.path("score").asDouble(), t.toString());
        JsonNode config = JSON.readTree(run.resolve("config.json").toFile());
        assertEquals(10, config.path("maxSteps").asLong());
        for (Iterator<Map.Entry<String, JsonNode>> it = best.path("settings").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            assertEquals(e.getValue().asDouble(), config.path(e.getKey()).asDouble(), e.getKey());
        }
        assertTrue(Files.exists(run.resolve("model.xent")));
        assertFalse(Files.exists(run.resolve("trials/000/checkpoints")), "trial checkpoints are deleted");
        assertTrue(Files.exists(run.resolve("trials/000/log.txt")));

        Cli again = Cli.run("train", "tag", "--config", run.resolve("config.json").toString(), "--runs-dir",
                runs.toString(), "-output", "again", "--progress", "none");
        assertEquals(0, again.code(), again.err());
        JsonNode fin = JSON.readTree(runs.resolve("again/summary.json").toFile()).path("final");
        assertEquals(best.path("valid_f1").asDouble(), fin.path("valid_f1").asDouble(), 0.0, "the best trial, again");

        String report = Files.readString(run.resolve("report.html"));
        assertTrue(report.contains("alt=\"Entity F1 against elapsed time\""), "score against time");
        for (Iterator<String> it = varied(ta).iterator(); it.hasNext(); ) {
            String key = it.next();
            assertTrue(report.contains("alt=\"Entity F1 against " + key + "\""), key);
        }
        assertTrue(varied(ta).size() >= 2, ta.toString());
    }

    @Test
    void lmAndTranslateTrialsScoreOnPerplexityAndBleu(@TempDir Path dir) throws Exception {
        Path text = TinyText.write(dir.resolve("text.txt"), 6000, 1);
        Path runs = dir.resolve("runs");
        Cli lm = Cli.run("tune", "lm", "-input", text.toString(), "--set", "validChars=1000", "-dim", "16",
                "--set", "bptt=16", "--set", "batch=4", "--budget", "12steps", "--trials", "3", "-thread", "1",
                "--runs-dir", runs.toString(), "-output", "lm", "--progress", "none", "--set", "samples=0");
        assertEquals(0, lm.code(), lm.err());
        List<JsonNode> tl = trials(runs.resolve("lm"));
        assertEquals(3, tl.size());
        for (JsonNode t : tl) assertTrue(t.path("valid_perplexity").asDouble() > 1 && t.path("steps").asLong() == 4, t.toString());
        double bestLm = tl.stream().mapToDouble(t -> t.path("score").asDouble()).min().orElseThrow();
        assertEquals(bestLm, JSON.readTree(runs.resolve("lm/summary.json").toFile()).path("final")
                .path("valid_perplexity").asDouble(), 0.0, "lower perplexity is better");
        assertTrue(Files.readString(runs.resolve("lm/report.html")).contains("alt=\"Perplexity against elapsed time\""));

        Cli word = Cli.run("tune", "lm", "-level", "word", "-input", text.toString(), "--set", "validChars=1000",
                "--set", "bptt=8", "--set", "batch=4", "--budget", "6steps", "--trials", "2", "-thread", "1",
                "--runs-dir", runs.toString(), "-output", "word", "--progress", "none", "--set", "samples=0");
        assertEquals(0, word.code(), word.err());
        List<JsonNode> tw = trials(runs.resolve("word"));
        assertEquals(JSON.createObjectNode(), tw.get(0).path("settings"), "the word recipe first");
        assertEquals(JSON.readTree("{\"dropout\":0.4}"), tw.get(1).path("settings"), "then one change to it");
        JsonNode wordConfig = JSON.readTree(runs.resolve("word/config.json").toFile());
        assertTrue(wordConfig.path("tied").asBoolean() && wordConfig.path("variational").asBoolean()
                && wordConfig.path("minCount").asInt() == 1, "the word recipe's settings: " + wordConfig);

        TranslateCommandsTest.pairs(dir, "train", 60, 1);
        TranslateCommandsTest.pairs(dir, "val", 10, 2);
        Cli tr = Cli.run("tune", "translate", "-src", dir.resolve("train.de.gz").toString(),
                "-tgt", dir.resolve("train.en.gz").toString(), "-valid-src", dir.resolve("val.de.gz").toString(),
                "-valid-tgt", dir.resolve("val.en.gz").toString(), "-dim", "16", "--set", "heads=2",
                "--set", "encoderLayers=1", "--set", "decoderLayers=1", "--set", "feedForward=32",
                "--set", "bpeVocab=300", "--set", "maxTokens=128", "--set", "maxLen=32", "--set", "samples=0",
                "--budget", "10steps", "--trials", "2", "-thread", "1", "--runs-dir", runs.toString(), "-output", "tr",
                "--progress", "none");
        assertEquals(0, tr.code(), tr.err());
        List<JsonNode> tt = trials(runs.resolve("tr"));
        assertEquals(2, tt.size());
        for (JsonNode t : tt) assertTrue(t.has("val_bleu") && t.path("steps").asLong() <= 5, t.toString());
        assertTrue(tr.out().contains("validation BLEU"), tr.out());
    }

    @Test
    void badBudgetsAndMissingValidationAreRefused(@TempDir Path dir) throws Exception {
        Path train = TagCommandsTest.conll(dir.resolve("train.conll"), 10, 1);
        Cli noValid = Cli.run("tune", "tag", "-input", train.toString(), "--budget", "10steps", "--runs-dir",
                dir.resolve("runs").toString());
        assertTrue(noValid.cleanError() && noValid.err().contains("tune tag needs -input TRAIN and -valid DEV"),
                noValid.err());
        Cli few = Cli.run("tune", "tag", "-input", train.toString(), "-valid", train.toString(), "--budget", "3steps",
                "--trials", "4", "--runs-dir", dir.resolve("runs").toString());
        assertTrue(few.cleanError() && few.err().contains("fewer than one step for each of 4 trials"), few.err());
        assertFalse(Files.exists(dir.resolve("runs")) && Files.list(dir.resolve("runs")).findAny().isPresent(),
                "a refused search leaves no run directory");
    }

    /** Adam at rate 1e38 diverges at step 2 (TagTrainStopsTest): each trial fails, is logged, and the search goes on. */
    @Test
    void failedTrialsAreLoggedAndTheSearchGoesOn(@TempDir Path dir) throws Exception {
        Path train = TagCommandsTest.conll(dir.resolve("train.conll"), 40, 1);
        Path valid = TagCommandsTest.conll(dir.resolve("valid.conll"), 10, 2);
        Cli t = Cli.run("tune", "tag", "-input", train.toString(), "-valid", valid.toString(), "-dim", "6",
                "--set", "hidden=6", "--set", "batch=4", "-lr", "1e38", "--budget", "20steps", "--trials", "2",
                "-thread", "1", "--runs-dir", dir.resolve("runs").toString(), "-output", "nan", "--progress", "none");
        assertEquals(ExitCodes.FAILURE, t.code(), t.out() + t.err());
        assertTrue(t.cleanError() && t.err().contains("every trial failed (2;"), t.err());
        assertTrue(t.out().contains("trial 0 failed: training diverged"), t.out());
        List<JsonNode> tl = trials(dir.resolve("runs/nan"));
        assertEquals(2, tl.size());
        for (JsonNode x : tl) {
            assertEquals("NaN", x.path("score").asText());
            assertTrue(x.path("error").asText().contains("diverged"), x.toString());
        }
        assertFalse(Files.exists(dir.resolve("runs/nan/model.xent")));
    }

    static List<JsonNode> trials(Path run) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(run.resolve("trials.jsonl"))) out.add(JSON.readTree(line));
        return out;
    }

    /** The settings that take more than one value over the trials (a trial without one has the default). */
    static List<String> varied(List<JsonNode> trials) {
        List<String> keys = new ArrayList<>();
        for (JsonNode t : trials) t.path("settings").fieldNames().forEachRemaining(k -> {
            if (!keys.contains(k)) keys.add(k);
        });
        return keys;
    }

    static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
