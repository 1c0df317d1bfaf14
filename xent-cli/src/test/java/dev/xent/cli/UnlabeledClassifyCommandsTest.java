package dev.xent.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * -unlabeled TEXT for classify: a neural model's embeddings start from vectors trained on the text (written to the
 * run's vectors.vec); -model auto adds the neural families, keeps their trial models, and its config.json names the
 * run's vectors, so `train classify --config` trains the chosen neural recipe again from them.
 */
class UnlabeledClassifyCommandsTest {
    static final ObjectMapper JSON = new ObjectMapper();

    static Path text(Path file, int lines, long seed) throws Exception {
        Random r = new Random(seed);
        String[] words = {"great", "fine", "lovely", "superb", "awful", "dull", "boring", "bad", "film", "the", "a",
                "plot", "actors", "was"};
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            for (int k = 0; k < 8; k++) sb.append(k == 0 ? "" : " ").append(words[r.nextInt(words.length)]);
            sb.append('\n');
        }
        Files.writeString(file, sb, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void aNeuralModelStartsFromVectorsTrainedOnTheText(@TempDir Path dir) throws Exception {
        Path train = ClassifyCommandsTest.data(dir.resolve("train.txt"), 120, 1, false);
        Path unl = text(dir.resolve("unl.txt"), 200, 2);
        Cli t = Cli.run("train", "classify", "-model", "cnn", "-input", train.toString(), "-unlabeled", unl.toString(),
                "-dim", "8", "--set", "filters=4", "-epoch", "2", "--set", "vectorMinCount=1", "-thread", "1",
                "--runs-dir", dir.resolve("runs").toString(), "-output", "c", "--progress", "none");
        assertEquals(0, t.code(), t.err());
        assertTrue(t.out().contains("vectors   skip-gram on " + unl), t.out());
        assertTrue(t.out().contains("vectors   14 of the 14 words start from " + dir.resolve("runs/c/vectors.vec")),
                t.out());
        assertTrue(Files.isRegularFile(dir.resolve("runs/c/vectors.vec")));
        Cli both = Cli.run("train", "classify", "-model", "cnn", "-input", train.toString(), "-unlabeled",
                unl.toString(), "-pretrainedVectors", dir.resolve("runs/c/vectors.vec").toString(), "-dim", "8",
                "--runs-dir", dir.resolve("runs").toString(), "-output", "b", "--progress", "none");
        assertTrue(both.cleanError() && both.err().contains("give one of the two"), both.err());
        Cli ft = Cli.run("train", "classify", "-model", "fasttext", "-input", train.toString(), "-unlabeled",
                unl.toString(), "--runs-dir", dir.resolve("runs").toString(), "-output", "f", "--progress", "none");
        assertTrue(ft.cleanError() && ft.err().contains("unlabeled"), ft.err());
    }

    @Test
    @Tag("slow")
    void autoWithUnlabeledTextSearchesTheNeuralFamiliesAndItsConfigTrainsAgain(@TempDir Path dir) throws Exception {
        Path train = ClassifyCommandsTest.data(dir.resolve("train.txt"), 100, 3, false);
        Path valid = ClassifyCommandsTest.data(dir.resolve("valid.txt"), 40, 4, false);
        Path unl = text(dir.resolve("unl.txt"), 100, 5);
        Path runs = dir.resolve("runs");
        Cli t = Cli.run("train", "classify", "-model", "auto", "-input", train.toString(), "-valid", valid.toString(),
                "-unlabeled", unl.toString(), "--set", "vectorMinCount=1", "--set", "vectorEpoch=1", "--set",
                "ensemble=3", "-thread", "1", "--runs-dir", runs.toString(), "-output", "a", "--progress", "none");
        assertEquals(0, t.code(), t.err());
        List<String> trials = Files.readAllLines(runs.resolve("a/trials.jsonl"));
        assertEquals(15, trials.size(), "7 n-gram recipes, BiLSTM and BiGRU of 3 seeds, 2 TextCNNs: " + t.out());
        assertEquals("rnn", JSON.readTree(trials.get(7)).path("model").asText());
        assertEquals("cnn", JSON.readTree(trials.get(14)).path("model").asText());
        assertTrue(JSON.readTree(trials.get(7)).path("settings").path("pretrainedVectors").asText()
                .endsWith("vectors.vec"), trials.get(7));
        Cli e = Cli.run("eval", runs.resolve("a/model.xent").toString(), valid.toString());
        assertEquals(0, e.code(), e.err());
        assertTrue(e.out().contains("accuracy 1.0000"), e.out());

        // the chosen neural recipe as a config file: trains again from the run's vectors
        Cli n = Cli.run("train", "classify", "-model", "auto", "-input", train.toString(), "-valid", valid.toString(),
                "-unlabeled", unl.toString(), "--set", "families=cnn", "--set", "vectorMinCount=1", "--set",
                "vectorEpoch=1", "-thread", "1", "--runs-dir", runs.toString(), "-output", "n", "--progress", "none");
        assertEquals(0, n.code(), n.err());
        JsonNode config = JSON.readTree(runs.resolve("n/config.json").toFile());
        assertEquals("cnn", config.path("model").asText());
        assertEquals(runs.resolve("n/vectors.vec").toString(), config.path("pretrainedVectors").asText());
        assertEquals("", config.path("unlabeled").asText(""), "the vectors are read, not trained again");
        Cli again = Cli.run("train", "classify", "--config", runs.resolve("n/config.json").toString(), "--runs-dir",
                runs.toString(), "-output", "again", "--progress", "none");
        assertEquals(0, again.code(), again.err());
        assertTrue(again.out().contains("start from " + runs.resolve("n/vectors.vec")), again.out());
    }
}
