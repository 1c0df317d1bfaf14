package dev.xent.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** train tag → eval → predict on a tiny NER-like CoNLL corpus the test writes (each word has one tag). */
class TagCommandsTest {
    static final String[] PEOPLE = {"Anna", "Marco", "Lena", "Paul"}, CITIES = {"Paris", "Rome", "Oslo", "Lima"};
    static final String[] VERBS = {"visited", "left", "loves", "saw"};

    static Path conll(Path file, int sentences, long seed) throws IOException {
        Random r = new Random(seed);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < sentences; i++) {
            sb.append(PEOPLE[r.nextInt(4)]).append(" B-PER\n").append(VERBS[r.nextInt(4)]).append(" O\n")
                    .append(CITIES[r.nextInt(4)]).append(" B-LOC\n\n");
        }
        Files.writeString(file, sb, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void trainEvalPredict(@TempDir Path dir) throws Exception {
        Path train = conll(dir.resolve("train.conll"), 120, 1), valid = conll(dir.resolve("valid.conll"), 30, 2);
        Cli t = Cli.run("train", "tag", "-input", train.toString(), "-valid", valid.toString(), "-dim", "8",
                "--set", "hidden=8", "-epoch", "8", "-lr", "0.05", "--runs-dir", dir.resolve("runs").toString(),
                "-output", "ner", "--progress", "none");
        assertEquals(0, t.code(), t.err());
        Path run = dir.resolve("runs/ner");
        JsonNode s = new ObjectMapper().readTree(run.resolve("summary.json").toFile());
        assertEquals(1.0, s.path("final").path("valid_accuracy").asDouble(), 1e-9, t.out());
        assertEquals(1.0, s.path("final").path("valid_f1").asDouble(), 1e-9, t.out());
        assertTrue(s.path("per_tag").has("PER") && s.path("per_tag").has("LOC"), s.toString());
        assertTrue(Files.readString(run.resolve("report.html")).contains("Per-tag scores"));

        Path model = run.resolve("model.xent");
        dev.xent.task.tag.Tagger tagger = dev.xent.task.tag.Tagger.load(model);
        assertTrue(tagger.model().config().crf(), "crf auto: a CRF for BIO tags");
        assertEquals(dev.xent.data.TagScheme.IOB2, tagger.outputScheme(), "learned as IOBES, output as BIO");
        Cli e = Cli.run("eval", model.toString(), valid.toString());
        assertEquals(0, e.code(), e.err());
        assertTrue(e.out().contains("accuracy 1.0000") && e.out().contains("F1 1.0000"), e.out());

        // gold ≠ prediction (the model tags every sentence PERSON VERB CITY as B-PER O B-LOC): gold 5 phrases
        // (PER 3, LOC 2), found 6 (PER 3, LOC 3), correct 3 (Anna+Paris of line 1, Lena), tags right 5 of 9;
        // P = 3/6, R = 3/5, F1 = 6/11; LOC 1/3, 1/2, 2/5; PER 2/3, 2/3, 2/3 — as conlleval prints them
        Path wrong = Files.writeString(dir.resolve("wrong.conll"), """
                Anna B-PER\nsaw O\nParis B-LOC\n
                Anna B-LOC\nsaw O\nParis O\n
                Lena B-PER\nsaw B-PER\nRome I-PER\n
                """, StandardCharsets.UTF_8);
        Cli w = Cli.run("eval", model.toString(), wrong.toString());
        assertEquals(0, w.code(), w.err());
        assertEquals("""
                tokens 9  accuracy 0.5556  entity precision 0.5000 recall 0.6000 F1 0.5455
                processed 9 tokens with 5 phrases; found: 6 phrases; correct: 3.
                accuracy:  55.56%; precision:  50.00%; recall:  60.00%; FB1:  54.55
                              LOC: precision:  33.33%; recall:  50.00%; FB1:  40.00  3
                              PER: precision:  66.67%; recall:  66.67%; FB1:  66.67  3
                """, w.out());

        Path in = Files.writeString(dir.resolve("in.txt"), "Lena saw Oslo\n", StandardCharsets.UTF_8);
        Cli p = Cli.run("predict", model.toString(), in.toString());
        assertEquals(0, p.code(), p.err());
        assertEquals("Lena/B-PER saw/O Oslo/B-LOC\n", p.out());
    }

    @Test
    void posTagsGetNoCrfByDefaultAndTheCrfSettingIsChecked(@TempDir Path dir) throws Exception {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 20; i++) sb.append("the DET\ncat NOUN\nsat VERB\n\n");
        Path pos = Files.writeString(dir.resolve("pos.conll"), sb, StandardCharsets.UTF_8);
        Cli t = Cli.run("train", "tag", "-input", pos.toString(), "-valid", pos.toString(), "-dim", "8",
                "--set", "hidden=8", "--set", "charDim=4", "-epoch", "2", "--runs-dir", dir.resolve("runs").toString(),
                "-output", "pos", "--progress", "none");
        assertEquals(0, t.code(), t.err());
        dev.xent.task.tag.Tagger tagger = dev.xent.task.tag.Tagger.load(dir.resolve("runs/pos/model.xent"));
        assertTrue(!tagger.model().config().crf() && tagger.outputScheme() == null, "softmax, tags as learned");

        Cli bad = Cli.run("train", "tag", "-input", pos.toString(), "--set", "crf=maybe", "--runs-dir",
                dir.resolve("runs").toString(), "--progress", "none");
        assertEquals(2, bad.code(), bad.out() + bad.err());
        assertTrue(bad.cleanError() && bad.err().contains("crf must be auto, true or false; got \"maybe\""), bad.err());
    }

    /** eval and predict --ensemble: two seeds of a POS tagger as one; members with other tags are refused. */
    @Test
    void evalAndPredictAnEnsembleOfTaggers(@TempDir Path dir) throws Exception {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 20; i++) sb.append("the DET\ncat NOUN\nsat VERB\n\n");
        Path pos = Files.writeString(dir.resolve("pos.conll"), sb, StandardCharsets.UTF_8);
        for (String seed : new String[] {"1", "2"}) {
            Cli t = Cli.run("train", "tag", "-input", pos.toString(), "-valid", pos.toString(), "-dim", "8",
                    "--set", "hidden=8", "--set", "charDim=4", "-epoch", "6", "-lr", "0.05", "-seed", seed,
                    "--runs-dir", dir.resolve("runs").toString(), "-output", "pos" + seed, "--progress", "none");
            assertEquals(0, t.code(), t.err());
        }
        String m1 = dir.resolve("runs/pos1/model.xent").toString(), m2 = dir.resolve("runs/pos2/model.xent").toString();
        Cli e = Cli.run("eval", m1, pos.toString(), "--ensemble", m2);
        assertEquals(0, e.code(), e.err());
        assertTrue(e.out().startsWith("ensemble of 2 taggers\ntokens 60  accuracy 1.0000"), e.out());
        Path in = Files.writeString(dir.resolve("in.txt"), "the cat sat\n\nthe cat\n", StandardCharsets.UTF_8);
        Cli p = Cli.run("predict", m1, in.toString(), "--ensemble", m2);
        assertEquals(0, p.code(), p.err());
        assertEquals("the/DET cat/NOUN sat/VERB\n\nthe/DET cat/NOUN\n", p.out());

        Path ner = conll(dir.resolve("ner.conll"), 20, 1);
        Cli t = Cli.run("train", "tag", "-input", ner.toString(), "-dim", "8", "--set", "hidden=8", "-epoch", "1",
                "--runs-dir", dir.resolve("runs").toString(), "-output", "ner", "--progress", "none");
        assertEquals(0, t.code(), t.err());
        Cli bad = Cli.run("eval", m1, pos.toString(), "--ensemble", dir.resolve("runs/ner/model.xent").toString());
        assertEquals(2, bad.code(), bad.out() + bad.err());
        assertTrue(bad.cleanError() && bad.err().contains("--ensemble: ensemble member 1 has tags"), bad.err());
    }

    /** lrDecay k: the rate of epoch e (from 0) is lr / (1 + k·e), as each train record of metrics.jsonl shows. */
    @Test
    void lrDecayLowersTheRateEachEpoch(@TempDir Path dir) throws Exception {
        Path train = conll(dir.resolve("train.conll"), 100, 1);   // batch 4: 25 steps an epoch, a record every 10
        Cli t = Cli.run("train", "tag", "-input", train.toString(), "-dim", "4", "--set", "hidden=4", "--set",
                "charDim=0", "--set", "batch=4", "-epoch", "3", "-lr", "0.01", "--set", "lrDecay=0.5",
                "--runs-dir", dir.resolve("runs").toString(), "-output", "d",
                "--progress", "none");
        assertEquals(0, t.code(), t.err());
        double[] want = {0.01, 0.01 / 1.5, 0.01 / 2};
        int[] records = new int[3];
        for (String line : Files.readAllLines(dir.resolve("runs/d/metrics.jsonl"))) {
            JsonNode r = new ObjectMapper().readTree(line);
            if (!r.path("split").asText().equals("train")) continue;
            assertEquals(want[r.path("epoch").asInt() - 1], r.path("lr").asDouble(), 1e-12, line);
            records[r.path("epoch").asInt() - 1]++;
        }
        for (int n : records) assertTrue(n > 0, "train records per epoch: " + java.util.Arrays.toString(records));

        Cli bad = Cli.run("train", "tag", "-input", train.toString(), "--set", "lrDecay=-1", "--runs-dir",
                dir.resolve("runs").toString(), "--progress", "none");
        assertEquals(2, bad.code(), bad.out() + bad.err());
        assertTrue(bad.cleanError() && bad.err().contains("lrDecay must be >= 0"), bad.err());
    }
}
