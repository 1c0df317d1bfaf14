// Every LM variant of `xent train lm` (level char|word|bpe × cell lstm|gru × tied) end to end at a tiny size:
// training lowers validation perplexity, the bundle round-trips, and generate, score, eval, info and serve work;
// the same for -model transformer.
package dev.xent.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xent.io.ModelBundle;
import dev.xent.io.Provenance;
import dev.xent.serve.SamplingConfig;
import dev.xent.serve.ServedModel;
import dev.xent.serve.TextScore;
import dev.xent.task.lm.CharVocabulary;
import dev.xent.task.lm.LmBundle;
import dev.xent.task.lm.LstmLanguageModel;
import dev.xent.tensor.Rng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LmVariantsCommandsTest {
    private static final String[] TINY = {"-dim", "12", "--set", "bptt=8", "--set", "batch=4", "--set", "validChars=800",
        "--set", "maxSeconds=0", "--set", "samples=1", "--set", "sampleLength=8", "--set", "checkpointEvery=0",
        "--set", "maxSteps=20", "--set", "minCount=1", "--set", "bpeVocab=300", "-lr", "0.03", "--progress", "none"};

    private static Path train(Path dir, String level, String cell, String tied) throws Exception {
        Path text = TinyText.write(dir.resolve("train.txt"), 4000, 3);
        String[] head = {"train", "lm", "-input", text.toString(), "--runs-dir", dir.resolve("runs").toString(),
            "-output", "m", "-level", level, "-cell", cell, "--set", "tied=" + tied};
        String[] args = Arrays.copyOf(head, head.length + TINY.length);
        System.arraycopy(TINY, 0, args, head.length, TINY.length);
        Cli t = Cli.run(args);
        assertEquals(0, t.code(), t.err());
        return dir.resolve("runs/m");
    }

    @ParameterizedTest(name = "{0} {1} tied={2}")
    @CsvSource({"char,lstm,false", "char,lstm,true", "char,gru,false", "char,gru,true",
        "word,lstm,false", "word,lstm,true", "word,gru,false", "word,gru,true",
        "bpe,lstm,false", "bpe,lstm,true", "bpe,gru,false", "bpe,gru,true"})
    void trainsAndEveryCommandReadsTheBundle(String level, String cell, boolean tied, @TempDir Path dir) throws Exception {
        Path run = train(dir, level, cell, Boolean.toString(tied));
        String unit = level.equals("char") ? "char" : level.equals("word") ? "word" : "token";
        JsonNode fin = new ObjectMapper().readTree(run.resolve("summary.json").toFile()).path("final");
        // random words from a 22-word list: a word model cannot go far below ~20 (the data has no more structure)
        assertTrue(fin.path("valid_perplexity").asDouble() < 0.9 * fin.path("valid_perplexity_before").asDouble(),
                "training lowers validation perplexity: " + fin);
        assertTrue(fin.has("valid_bits_per_" + unit), fin.toString());
        Path model = run.resolve("model.xent");

        // bundle: config, tied alias, and a write/read round trip that scores identically
        LmBundle lm = LmBundle.read(model);
        JsonNode c = lm.bundle().config();
        assertEquals(level, c.path("level").asText());
        assertEquals(cell, c.path("model").asText());
        assertEquals(tied, c.path("tied").asBoolean());
        assertEquals(tied, lm.rnn().tied());
        assertEquals(cell.toUpperCase(), lm.rnn().cell().name());
        assertEquals(unit, lm.codec().unit());
        if (tied) {
            assertArrayEquals(lm.bundle().weights().get("encoder.weight").data(),
                    lm.bundle().weights().get("decoder.weight").data(), "decoder.weight is stored for PyTorch, = encoder");
        }
        String probe = "the commission must act on this report.\nwe vote for it today.\n";
        int[] ids = lm.codec().encode(probe);
        var first = lm.score(ids);
        Path again = dir.resolve("again.xent");
        ModelBundle.Builder copy = ModelBundle.builder(lm.bundle().config(), lm.bundle().provenance())
                .json("vocabulary", lm.codec().toJson());
        lm.bundle().weights().forEach(copy::weight);
        copy.build().write(again);
        LmBundle back = LmBundle.read(again);
        assertArrayEquals(ids, back.codec().encode(probe), "the codec round-trips");
        assertEquals(first.nats(), back.score(ids).nats(), 1e-9);
        assertEquals(probe, lm.codec().decode(ids), "decodes back (word level: on this plainly spaced text)");

        Cli g1 = Cli.run("generate", model.toString(), "--prompt", "the commission ", "-n", "6", "--seed", "4");
        Cli g2 = Cli.run("generate", model.toString(), "--prompt", "the commission ", "-n", "6", "--seed", "4");
        assertEquals(0, g1.code(), g1.err());
        assertTrue(g1.out().startsWith("the commission ") && g1.out().length() > "the commission \n".length(), g1.out());
        assertEquals(g1.out(), g2.out(), "seeded generation repeats");
        Cli greedy = Cli.run("generate", model.toString(), "--prompt", "we ", "-n", "4", "--temperature", "0", "--count", "2");
        assertEquals(0, greedy.code(), greedy.err());

        Path probeFile = Files.writeString(dir.resolve("probe.txt"), probe, StandardCharsets.UTF_8);
        Cli s = Cli.run("score", model.toString(), probeFile.toString());
        assertEquals(0, s.code(), s.err());
        assertTrue(s.out().startsWith("text\t" + unit + "s\tnats/" + unit + "\tbits/" + unit), s.out());
        Cli e = Cli.run("eval", model.toString(), probeFile.toString());
        assertEquals(0, e.code(), e.err());
        double nats = Double.parseDouble(e.out().split("cross-entropy ")[1].split(" ")[0]);
        assertEquals(first.natsPerToken(), nats, 1e-4, "eval scores the file as one stream: " + e.out());
        assertTrue(e.out().contains("nats/" + unit) && e.out().contains("bits/char"), e.out());
        Cli i = Cli.run("info", model.toString());
        assertEquals(0, i.code(), i.err());
        assertTrue(i.out().contains("\"level\" : \"" + level + "\"") && i.out().contains("\"tied\" : " + tied), i.out());

        ServedModel served = ServedModels.load(model);
        String gen = served.generate("the ", new SamplingConfig(5, 0.8, 0, 1.0, 3));
        assertEquals(gen, served.generate("the ", new SamplingConfig(5, 0.8, 0, 1.0, 3)));
        TextScore ts = served.score(probe);
        assertEquals(first.natsPerToken(), ts.crossEntropy(), 1e-4);
        assertEquals(level, served.info().get("level"));
        assertEquals(tied, served.info().get("tied"));
    }

    /** -model transformer: training lowers perplexity, and generate, score, eval, info and serve read its bundle. */
    @ParameterizedTest(name = "transformer {0}")
    @CsvSource({"char", "bpe"})
    void aTransformerTrainsAndEveryCommandReadsItsBundle(String level, @TempDir Path dir) throws Exception {
        Path text = TinyText.write(dir.resolve("train.txt"), 4000, 3);
        Cli t = Cli.run("train", "lm", "-model", "transformer", "-input", text.toString(), "--runs-dir",
                dir.resolve("runs").toString(), "-output", "m", "-level", level, "-dim", "16", "--set", "layers=1",
                "--set", "heads=2", "--set", "blockLen=16", "--set", "batch=4", "--set", "validChars=800",
                "--set", "maxSeconds=0", "--set", "maxSteps=30", "--set", "samples=1", "--set", "sampleLength=8",
                "--set", "bpeVocab=300", "-lr", "0.01", "--progress", "none");
        assertEquals(0, t.code(), t.err());
        assertTrue(t.out().contains("Transformer (tied), 1 layer(s) of 16"), t.out());
        Path model = dir.resolve("runs/m/model.xent");
        JsonNode fin = new ObjectMapper().readTree(dir.resolve("runs/m/summary.json").toFile()).path("final");
        assertTrue(fin.path("valid_perplexity").asDouble() < 0.9 * fin.path("valid_perplexity_before").asDouble(),
                "training lowers validation perplexity: " + fin);
        LmBundle lm = LmBundle.read(model);
        assertTrue(lm.isTransformer());
        assertEquals("transformer", lm.bundle().config().path("model").asText());
        assertEquals(16, lm.transformer().config().maxLen(), "the block length is the context");

        Cli g1 = Cli.run("generate", model.toString(), "--prompt", "the commission ", "-n", "20", "--seed", "4");
        Cli g2 = Cli.run("generate", model.toString(), "--prompt", "the commission ", "-n", "20", "--seed", "4");
        assertEquals(0, g1.code(), g1.err());
        assertTrue(g1.out().startsWith("the commission "), g1.out());
        assertEquals(g1.out(), g2.out(), "seeded generation repeats, past the 16-token context");
        String probe = "the commission must act on this report.\nwe vote for it today.\n";
        Path probeFile = Files.writeString(dir.resolve("probe.txt"), probe, StandardCharsets.UTF_8);
        Cli s = Cli.run("score", model.toString(), probeFile.toString());
        assertEquals(0, s.code(), s.err());
        Cli e = Cli.run("eval", model.toString(), probeFile.toString());
        assertEquals(0, e.code(), e.err());
        double nats = Double.parseDouble(e.out().split("cross-entropy ")[1].split(" ")[0]);
        assertEquals(lm.score(lm.codec().encode(probe)).natsPerToken(), nats, 1e-4, e.out());
        Cli i = Cli.run("info", model.toString());
        assertEquals(0, i.code(), i.err());
        assertTrue(i.out().contains("\"model\" : \"transformer\""), i.out());
        ServedModel served = ServedModels.load(model);
        assertEquals(served.generate("the ", new SamplingConfig(5, 0.8, 0, 1.0, 3)),
                served.generate("the ", new SamplingConfig(5, 0.8, 0, 1.0, 3)));
        assertEquals(nats, served.score(probe).crossEntropy(), 1e-4);
        assertEquals("transformer", served.info().get("model"));
    }

    @Test
    void wordLevelUsesUnkForRareWordsAndEosForLineEnds(@TempDir Path dir) throws Exception {
        Path run = train(dir, "word", "gru", "true");
        LmBundle lm = LmBundle.read(run.resolve("model.xent"));
        int[] ids = lm.codec().encode("the zyzzyva must act.\n");
        assertEquals(6, ids.length, "the, zyzzyva, must, act, '.', <eos>");
        assertEquals(dev.xent.text.Vocabulary.UNK, ids[1]);
        assertEquals(dev.xent.text.Vocabulary.EOS, ids[5]);
        assertEquals("the <unk> must act.\n", lm.codec().decode(ids), "no space before closing punctuation");
        assertEquals(" must act", lm.codec().continuation("the", new int[] {ids[2], ids[3]}));
        Cli blank = Cli.run("generate", run.resolve("model.xent").toString(), "--prompt", "   ");
        assertEquals(ExitCodes.USAGE, blank.code(), blank.err());
        assertTrue(blank.cleanError() && blank.err().contains("no word token"), blank.err());
    }

    /** A bundle as `xent train lm` wrote it before levels, GRU and tying: config without "tied", code points. */
    @Test
    void aCharLstmBundleInTheOriginalFormatStillLoads(@TempDir Path dir) throws Exception {
        CharVocabulary vocab = CharVocabulary.build("the commission must act.\n", 1);
        LstmLanguageModel m = new LstmLanguageModel(vocab.size(), 6, 6, 1, 0f, new Rng(3));
        ObjectNode config = JsonNodeFactory.instance.objectNode();
        config.put("task", "lm").put("model", "lstm").put("level", "char").put("vocab", m.vocabularySize())
                .put("dim", 6).put("hidden", 6).put("layers", 1);
        ArrayNode cps = JsonNodeFactory.instance.arrayNode();
        for (int cp : vocab.codePoints()) cps.add(cp);
        ModelBundle.Builder b = ModelBundle.builder(config, Provenance.now(1, Map.of())).json("vocabulary", cps);
        m.stateDict().forEach(b::weight);
        Path old = dir.resolve("old.xent");
        b.build().write(old);
        LmBundle lm = LmBundle.read(old);
        assertEquals(LstmLanguageModel.Cell.LSTM, lm.rnn().cell());
        assertTrue(!lm.rnn().tied());
        Cli g = Cli.run("generate", old.toString(), "--prompt", "the ", "-n", "5");
        assertEquals(0, g.code(), g.err());
        assertEquals("the ".length() + 5 + 1, g.out().length(), g.out());
    }

    /** A GRU has no cell state: its checkpoints hold h only, and a resumed run continues as the uninterrupted one. */
    @Test
    void aGruRunResumedFromAMidEpochCheckpointMatchesTheUninterruptedRun(@TempDir Path dir) throws Exception {
        Path text = TinyText.write(dir.resolve("train.txt"), 4000, 3);
        Cli full = Cli.run("train", "lm", "-input", text.toString(), "--runs-dir", dir.resolve("runs").toString(),
                "-output", "full", "-level", "word", "-cell", "gru", "-tied", "true", "-dim", "12", "-thread", "1",
                "-epoch", "1",   // the word level's default runs until its time budget
                "-lr", "0.03", "--set", "bptt=8", "--set", "batch=4", "--set", "validChars=800", "--set", "maxSeconds=0",
                "--set", "samples=1", "--set", "sampleLength=4", "--set", "checkpointEvery=6",
                "--set", "keepCheckpoints=100", "--set", "minCount=1", "--progress", "none");
        assertEquals(0, full.code(), full.err());
        Path a = dir.resolve("runs/full"), b = dir.resolve("runs/cut");
        Files.createDirectories(b.resolve("checkpoints"));
        for (String f : new String[] {"config.json", "metrics.jsonl"}) Files.copy(a.resolve(f), b.resolve(f));
        Files.copy(a.resolve("checkpoints/ckpt-6.xent"), b.resolve("checkpoints/ckpt-6.xent"));
        assertTrue(hasHiddenStateOnly(b.resolve("checkpoints/ckpt-6.xent")));
        Cli resumed = Cli.run("train", "lm", "--resume", b.toString(), "--progress", "none");
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.out().contains("step 6"), resumed.out());
        double lossA = new ObjectMapper().readTree(a.resolve("summary.json").toFile()).path("final").path("valid_loss").asDouble();
        double lossB = new ObjectMapper().readTree(b.resolve("summary.json").toFile()).path("final").path("valid_loss").asDouble();
        assertEquals(lossA, lossB, 1e-6 * lossA, "resumed GRU run = uninterrupted run");
    }

    private static boolean hasHiddenStateOnly(Path ckpt) throws Exception {
        var k = dev.xent.io.Checkpoint.read(ckpt);
        return k.tensors().containsKey("task/h0") && !k.tensors().containsKey("task/c0");
    }

    @Test
    void badVariantSettingsAreCleanErrors(@TempDir Path dir) throws Exception {
        Path text = TinyText.write(dir.resolve("t.txt"), 3000, 1);
        for (String[] bad : new String[][] {{"-level", "sentence"}, {"-cell", "rnn"}, {"--set", "tied=maybe"}}) {
            Cli t = Cli.run("train", "lm", "-input", text.toString(), "--runs-dir", dir.toString(), "-output", "x",
                    bad[0], bad[1], "--progress", "none");
            assertTrue(t.code() != 0 && t.cleanError(), t.err());
            assertTrue(t.err().contains(bad[1].replace("tied=", "")), t.err());
        }
    }
}
