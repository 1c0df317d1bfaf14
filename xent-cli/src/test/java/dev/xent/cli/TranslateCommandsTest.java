package dev.xent.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** train translate (gzipped files, -src/-tgt/-valid-src/-valid-tgt) → translate, on a toy word-for-word pair. */
class TranslateCommandsTest {
    static final String[] DE = {"der", "hund", "katze", "läuft", "schläft", "rot"};
    static final String[] EN = {"the", "dog", "cat", "runs", "sleeps", "red"};

    /** Writes n pairs as FILE.de.gz and FILE.en.gz. */
    static void pairs(Path dir, String name, int n, long seed) throws IOException {
        Random r = new Random(seed);
        StringBuilder de = new StringBuilder(), en = new StringBuilder();
        for (int i = 0; i < n; i++) {
            int len = 2 + r.nextInt(3);
            for (int k = 0; k < len; k++) {
                int w = r.nextInt(DE.length);
                de.append(k == 0 ? "" : " ").append(DE[w]);
                en.append(k == 0 ? "" : " ").append(EN[w]);
            }
            de.append('\n');
            en.append('\n');
        }
        gzip(dir.resolve(name + ".de.gz"), de.toString());
        gzip(dir.resolve(name + ".en.gz"), en.toString());
    }

    static String gunzip(Path p) throws IOException {
        try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(p))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static void gzip(Path p, String text) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(p))) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void trainThenTranslate(@TempDir Path dir) throws Exception {
        pairs(dir, "train", 200, 1);
        pairs(dir, "val", 20, 2);
        Cli t = Cli.run("train", "translate", "-src", dir.resolve("train.de.gz").toString(),
                "-tgt", dir.resolve("train.en.gz").toString(), "-valid-src", dir.resolve("val.de.gz").toString(),
                "-valid-tgt", dir.resolve("val.en.gz").toString(), "-dim", "16", "--set", "heads=2",
                "--set", "encoderLayers=1", "--set", "decoderLayers=1", "--set", "feedForward=32",
                "--set", "bpeVocab=300", "--set", "maxTokens=128", "--set", "maxLen=32", "--set", "warmup=10",
                "--set", "dropout=0", "--set", "bleuSentences=20", "-lr", "0.005", "-epoch", "2",
                "--runs-dir", dir.resolve("runs").toString(), "-output", "toy", "--progress", "none");
        assertEquals(0, t.code(), t.err() + t.out());
        assertTrue(t.out().contains("epoch 2/2") && t.out().contains("val_bleu"), t.out());
        Path run = dir.resolve("runs/toy");
        JsonNode s = new ObjectMapper().readTree(run.resolve("summary.json").toFile());
        assertTrue(s.path("final").has("val_perplexity") && s.path("final").has("val_bleu"), s.toString());
        // report: per-epoch loss, perplexity and BLEU, and the default 10 sample translations beside their references
        JsonNode perEpoch = s.path("per_epoch");
        assertEquals("[1,2]", perEpoch.path("epoch").toString());
        assertEquals(2, perEpoch.path("bleu").path("valid (greedy)").size(), perEpoch.toString());
        assertEquals(s.path("final").path("epoch").asInt(), perEpoch.path("selected").asInt());
        assertEquals(s.path("final").path("val_bleu").asDouble(),
                perEpoch.path("bleu").path("valid (greedy)").get(perEpoch.path("selected").asInt() - 1).asDouble());
        JsonNode samples = s.path("translations").path("pairs");
        assertEquals(10, samples.size(), s.toString());
        String[] valDe = gunzip(dir.resolve("val.de.gz")).split("\n"), valEn = gunzip(dir.resolve("val.en.gz")).split("\n");
        assertEquals(valDe[3], samples.get(3).path("source").asText());
        assertEquals(valEn[3], samples.get(3).path("reference").asText());
        assertTrue(t.out().contains("  reference   " + valEn[0]), t.out());
        String report = Files.readString(run.resolve("report.html"));
        assertTrue(report.contains("BLEU per epoch") && report.contains("Perplexity per epoch")
                && report.contains("Sample translations"), "report sections");

        Path in = Files.writeString(dir.resolve("in.de"), "der hund läuft\n\nrot katze\n", StandardCharsets.UTF_8);
        Cli p = Cli.run("translate", run.resolve("model.xent").toString(), in.toString(), "--beam", "3");
        assertEquals(0, p.code(), p.err());
        String[] lines = p.out().split("\n", -1);
        assertEquals(4, lines.length, p.out());   // three lines and the final newline
        assertEquals("", lines[1], "a blank line translates to a blank line");

        // eval on the validation files, greedy: the run's own validation BLEU and perplexity
        Path model = run.resolve("model.xent");
        Cli e = Cli.run("eval", model.toString(), dir.resolve("val.de.gz").toString(),
                dir.resolve("val.en.gz").toString(), "--beam", "1", "--thread", "2");
        assertEquals(0, e.code(), e.err());
        double bleu = number(e.out(), "BLEU = "), ppl = number(e.out(), "perplexity ");
        assertEquals(s.path("final").path("val_bleu").asDouble(), bleu, 0.005, e.out());
        assertEquals(s.path("final").path("val_perplexity").asDouble(), ppl, 1e-3 * ppl, e.out());
        assertTrue(e.out().contains("chrF2 = ") && e.out().contains("pairs          20") && e.out().contains("greedy"),
                e.out());
        Cli beam5 = Cli.run("eval", model.toString(), dir.resolve("val.de.gz").toString(),
                dir.resolve("val.en.gz").toString());
        assertEquals(0, beam5.code(), beam5.err());
        assertTrue(beam5.out().contains("beam 5, alpha 0.6"), beam5.out());

        gzip(dir.resolve("short.en.gz"), "the dog\n");
        Cli uneven = Cli.run("eval", model.toString(), dir.resolve("val.de.gz").toString(),
                dir.resolve("short.en.gz").toString());
        assertEquals(ExitCodes.BAD_INPUT, uneven.code(), uneven.err());
        assertTrue(uneven.err().contains("val.de.gz") && uneven.err().contains("differ in length")
                && uneven.err().contains("has 20 lines") && uneven.err().contains("give the two files"), uneven.err());
        Cli oneFile = Cli.run("eval", model.toString(), dir.resolve("val.de.gz").toString());
        assertEquals(ExitCodes.USAGE, oneFile.code(), oneFile.err());
        assertTrue(oneFile.err().contains("is a translation model") && oneFile.err().contains("xent eval MODEL SRC TGT"),
                oneFile.err());
    }

    /** The number after {@code label} in {@code text}. */
    static double number(String text, String label) {
        int at = text.indexOf(label);
        assertTrue(at >= 0, "no '" + label + "' in " + text);
        String rest = text.substring(at + label.length()).strip();
        return Double.parseDouble(rest.split("[\\s,)]")[0]);
    }

    @Test
    void evalRefusesTranslationArgumentsForAnotherKindOfModel(@TempDir Path dir) throws Exception {
        Path train = ClassifyCommandsTest.data(dir.resolve("train.txt"), 60, 1, false);
        assertEquals(0, Cli.run("train", "classify", "-model", "fasttext", "-input", train.toString(), "-dim", "4",
                "-epoch", "1", "-bucket", "100", "--runs-dir", dir.toString(), "-output", "c", "-q").code());
        String model = dir.resolve("c/model.xent").toString();
        Cli tgt = Cli.run("eval", model, train.toString(), train.toString());
        assertEquals(ExitCodes.USAGE, tgt.code(), tgt.err());
        assertTrue(tgt.err().contains("TGT " + train) && tgt.err().contains("translation models only")
                && tgt.err().contains("is a classifier"), tgt.err());
        Cli beam = Cli.run("eval", model, train.toString(), "--beam", "3");
        assertEquals(ExitCodes.USAGE, beam.code(), beam.err());
        assertTrue(beam.err().contains("--beam applies to translation models only"), beam.err());
    }

    @Test
    void theAttentionRnnTrainsAndTranslates(@TempDir Path dir) throws Exception {
        pairs(dir, "train", 100, 3);
        pairs(dir, "val", 10, 4);
        Cli t = Cli.run("train", "translate", "-model", "rnn", "-src", dir.resolve("train.de.gz").toString(),
                "-tgt", dir.resolve("train.en.gz").toString(), "-valid-src", dir.resolve("val.de.gz").toString(),
                "-valid-tgt", dir.resolve("val.en.gz").toString(), "-dim", "8", "--set", "hidden=8",
                "--set", "bpeVocab=300", "--set", "maxTokens=128", "--set", "warmup=5", "-epoch", "1",
                "--runs-dir", dir.resolve("runs").toString(), "-output", "rnn", "--progress", "none");
        assertEquals(0, t.code(), t.err() + t.out());
        assertTrue(t.out().contains("attention RNN") && t.out().contains("val_perplexity"), t.out());
        Cli p = Cli.run("translate", dir.resolve("runs/rnn/model.xent").toString(), dir.resolve("val.de.gz").toString(),
                "--beam", "2");
        assertEquals(0, p.code(), p.err());
        assertEquals(10, p.out().split("\n", -1).length - 1, p.out());
        Cli scored = Cli.run("translate", dir.resolve("runs/rnn/model.xent").toString(),
                dir.resolve("val.de.gz").toString(), "--beam", "2", "--ref", dir.resolve("val.en.gz").toString());
        assertEquals(p.out(), scored.out());
        assertTrue(scored.err().contains("BLEU = ") && scored.err().contains("chrF2 = "), scored.err());
        Cli bad = Cli.run("train", "translate", "-model", "rnn", "--set", "heads=2", "-src", "x", "-tgt", "y",
                "--runs-dir", dir.resolve("runs").toString(), "--progress", "none");
        assertTrue(bad.code() != 0 && bad.err().contains("heads"), bad.err());
    }

    @Test
    void aMissingTargetFileIsNamed(@TempDir Path dir) throws Exception {
        pairs(dir, "train", 5, 1);
        Cli t = Cli.run("train", "translate", "-src", dir.resolve("train.de.gz").toString(),
                "-tgt", dir.resolve("nope.en").toString(), "--runs-dir", dir.resolve("runs").toString(),
                "--progress", "none");
        assertTrue(t.code() != 0 && t.err().contains("nope.en") && t.err().contains("not found"), t.err());
    }

    @Test
    void srcAndInputTogetherAreRefused(@TempDir Path dir) {
        Cli t = Cli.run("train", "translate", "-src", "a", "-input", "b", "-tgt", "c",
                "--runs-dir", dir.resolve("runs").toString(), "--progress", "none");
        assertTrue(t.code() != 0 && t.err().contains("-src and -input are the same setting"), t.err());
    }
}
