package dev.xent.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xent.metrics.ChunkF1;
import dev.xent.text.BpeTokenizer;
import dev.xent.text.CharTokenizer;
import dev.xent.text.Vocabulary;
import dev.xent.text.VocabularyBuilder;
import dev.xent.text.WordTokenizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The examples of docs/data.md, run on small files made here. Keep the two in step. */
class DataDocExamplesTest {
    @TempDir
    Path dir;

    @Test
    void tokenizersAndVocabulary() throws Exception {
        // --- docs: tokenizers
        WordTokenizer words = new WordTokenizer(true, true); // lowercase, digits -> 0
        List<String> w = words.tokenize("In 1987, IBM's café sold 3.5M PCs!");
        // [in, 0000, ,, ibm, ', s, café, sold, 0.0m, pcs, !]
        List<String> c = new CharTokenizer().tokenize("naïve 😀"); // [n, a, ï, v, e,  , 😀]

        List<String> corpus = List.of("the cat sat on the mat", "the dog sat on the log");
        BpeTokenizer bpe = BpeTokenizer.train(corpus, 300); // at most 300 ids: 4 specials + 256 bytes + merges
        int[] ids = bpe.encode("the catalogue 東京"); // unseen text still encodes, byte by byte
        String back = bpe.decode(ids); // == "the catalogue 東京"
        bpe.save(dir.resolve("bpe.json"));
        BpeTokenizer again = BpeTokenizer.load(dir.resolve("bpe.json"));

        VocabularyBuilder counts = Vocabulary.builder();
        corpus.forEach(line -> counts.addAll(words.tokenize(line)));
        Vocabulary vocab = counts.build(2, 10_000); // min count 2, at most 10k ids including the 4 specials
        int[] x = vocab.encode(words.tokenize("the cat sat")); // unknown words -> Vocabulary.UNK (1)
        vocab.save(dir.resolve("vocab.json"));
        // --- end

        assertEquals(List.of("in", "0000", ",", "ibm", "'", "s", "café", "sold", "0.0m", "pcs", "!"), w);
        assertEquals(List.of("n", "a", "ï", "v", "e", " ", "😀"), c);
        assertEquals("the catalogue 東京", back);
        assertTrue(java.util.Arrays.equals(ids, again.encode("the catalogue 東京")));
        assertEquals(List.of("<pad>", "<unk>", "<bos>", "<eos>", "the", "on", "sat"), vocab.tokens());
        assertEquals(List.of(4, 1, 6), java.util.Arrays.stream(x).boxed().toList());
    }

    @Test
    void readers() throws Exception {
        Path agNews = dir.resolve("ag.csv");
        Files.writeString(agNews, "\"3\",\"Wall St. Bears\",\"Short-sellers are back.\"\n\"2\",\"Win\",\"A \"\"big\"\" one\"\n");
        Path sst = dir.resolve("dev.tsv");
        Files.writeString(sst, "sentence\tlabel\nit 's a charming film \t1\n");
        Path ft = dir.resolve("train.txt");
        Files.writeString(ft, "__label__pos __label__funny great fun\n");
        Path jsonl = dir.resolve("d.jsonl");
        Files.writeString(jsonl, "{\"text\": \"hello\", \"label\": \"greeting\"}\n");
        Path wikiann = dir.resolve("wikiann");
        Files.writeString(wikiann, "en:Peter\tB-PER\nen:Blackburn\tI-PER\n\nen:in\tO\nen:Paris\tB-LOC\n");
        Path conllu = dir.resolve("ud.conllu");
        Files.writeString(conllu, ConllUReaderTest.DATA);
        Path wiki = dir.resolve("wiki.txt");
        Files.writeString(wiki, " = Title = \n \n the text\n");

        // --- docs: readers
        ReadOptions strict = ReadOptions.defaults(); // stop at the first bad line
        ReadOptions lenient = ReadOptions.defaults().withSkipBadLines(true);

        try (PlainTextReader r = PlainTextReader.open(wiki, true, strict)) { // true: leave out blank lines
            r.forEachRemaining(line -> { /* " = Title = ", " the text" */ });
        }
        try (CsvReader r = CsvReader.open(agNews, CsvOptions.agNews(), lenient)) {
            while (r.hasNext()) {
                Example e = r.next(); // e.label() = "3", e.text() = "Wall St. Bears Short-sellers are back."
            }
            String summary = r.report().toString(); // ".../ag.csv: 2 records read, 0 skipped"
            assertTrue(summary.endsWith("ag.csv: 2 records read, 0 skipped"), summary);
        }
        List<Example> sst2 = CsvReader.open(sst, CsvOptions.glueTsv("sentence", "label"), strict).readAll();
        List<Example> multi = FastTextReader.open(ft, strict).readAll(); // labels [pos, funny]
        List<Example> json = JsonlReader.open(jsonl, "text", "label", strict).readAll();
        List<TaggedSentence> ner = ConllReader.open(wikiann, ConllReader.Format.wikiann("en"), strict)
                .readAll(); // tokens [Peter, Blackburn], tags [B-PER, I-PER]; prefix "en:" stripped
        List<TaggedSentence> pos = ConllUReader.open(conllu, ConllUReader.Tag.UPOS, strict).readAll();
        // --- end

        assertEquals("Wall St. Bears Short-sellers are back.", CsvReader.open(agNews, CsvOptions.agNews(), strict)
                .readAll().get(0).text());
        assertEquals("it 's a charming film", sst2.get(0).text());
        assertEquals(List.of("pos", "funny"), multi.get(0).labels());
        assertEquals("greeting", json.get(0).label());
        assertEquals(List.of("Peter", "Blackburn"), ner.get(0).tokens());
        assertEquals(List.of("PRON", "AUX", "PART", "VERB", "PUNCT"), pos.get(0).tags());
        assertEquals(List.of(" = Title = ", " the text"), PlainTextReader.open(wiki, true, strict).readAll());
    }

    @Test
    void schemesSplitsAndMetrics() {
        // --- docs: schemes
        List<String> iob1 = List.of("I-PER", "I-PER", "B-PER", "O");
        TagScheme found = TagScheme.detect(List.of(iob1)); // IOB1
        List<String> bio = TagScheme.IOB2.convert(iob1); // [B-PER, I-PER, B-PER, O]
        List<String> iobes = TagScheme.IOBES.convert(iob1); // [B-PER, E-PER, S-PER, O]
        String why = TagScheme.IOB2.firstViolation(iob1); // tag 1 "I-PER" follows "O": in IOB2 an entity starts with B-
        // --- end
        // --- docs: splits
        Splits.Split s = Splits.trainValidTest(1000, 0.1, 0.1, 42); // 800 / 100 / 100 indices
        List<Splits.Fold> folds = Splits.kFold(7600, 5, 42); // AG News test set, 5-fold CV
        Splits.Part part = Splits.partOf(123_456L, 0.01, 0.01, 42); // for a stream too big to index
        // --- end
        // --- docs: metrics
        ChunkF1 f1 = new ChunkF1();
        f1.add(List.of("B-PER", "I-PER", "O", "B-LOC"), List.of("B-PER", "O", "O", "B-LOC"));
        double p = f1.precision(); // 0.5 (LOC right, PER cut short)
        String line = f1.toString(); // conlleval's summary line
        // --- end
        assertEquals(TagScheme.IOB1, found);
        assertEquals(List.of("B-PER", "I-PER", "B-PER", "O"), bio);
        assertEquals(List.of("B-PER", "E-PER", "S-PER", "O"), iobes);
        assertEquals("tag 1 \"I-PER\" follows \"O\": in IOB2 an entity starts with B-", why);
        assertEquals(800, s.train().length);
        assertEquals(5, folds.size());
        assertTrue(part != null);
        assertEquals(0.5, p);
        assertTrue(line.startsWith("processed 4 tokens with 2 phrases; found: 2 phrases; correct: 1."));
    }
}
