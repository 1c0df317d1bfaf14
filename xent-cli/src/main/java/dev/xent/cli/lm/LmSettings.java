// The settings of `xent train lm`: key, default (which fixes the type), meaning, flag; config.json records them.
package dev.xent.cli.lm;

import dev.xent.cli.run.ResolvedConfig;
import dev.xent.cli.run.SettingTable;
import dev.xent.task.lm.LmConfig;
import dev.xent.task.lm.WordSplit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.xent.cli.run.SettingTable.per;

/**
 * Defaults are the README's main job: -model rnn, a 1-layer character LSTM (256 units) on 1.2 M characters of
 * English Europarl, one epoch of Adam with gradient clipping, at most 150 s of training (the time budget). level,
 * cell and tied choose the variant (word or BPE tokens, GRU, decoder weight = embedding table). -model transformer
 * is a GPT-style decoder (CharTransformerBenchmark's shape: 4 blocks of width 128, 4 heads, blocks of 128 tokens,
 * AdamW with weight decay 0.1, dropout 0.1, tied), trained on random blocks.
 */
public final class LmSettings {
    private LmSettings() {}

    public static final List<String> MODELS = List.of("rnn", "transformer");

    public static final SettingTable TABLE = SettingTable.of("lm", MODELS.toArray(String[]::new))
            .flag("input", "", "UTF-8 training text; \"\": the built-in Europarl sample (English)")
            .flag("valid", "", "UTF-8 validation text; \"\": the last validChars characters of the input")
            .set("maxChars", 1_200_000L, "characters of the input to use (0: all)")
            .set("validChars", 60_000L, "characters held out for validation when there is no -valid")
            .flag("level", "char", "token level: char, word or bpe (what one token, the unit of perplexity, is)")
            .set("tokenizer", "auto", "word level: whitespace (text already tokenised, as LM benchmarks: <unk> "
                    + "and @-@ stay one token), word (splits punctuation off raw text) or auto (whitespace when under 2% "
                    + "of the training text's tokens are , ; : ! ? or a line-final . stuck to a word)")
            .flag("minCount", 5, "char/word level: rarer characters or words map to the unknown id; bpe: unused")
            .set("bpeVocab", 1000, "bpe level: vocabulary size (260 bytes and specials + learned merges)")
            .flag("cell", per("rnn", "lstm"), "recurrent cell: lstm or gru")
            .flag("tied", per("rnn", false, "transformer", true), "tie the decoder weight to the embedding table "
                    + "(rnn: dim is both sizes)")
            .flag("dim", per("rnn", 256, "transformer", 128), "embedding and LSTM/GRU size (transformer: the model "
                    + "width)")
            .set("layers", per("rnn", 1, "transformer", 4), "stacked LSTM/GRU layers or Transformer blocks")
            .set("heads", per("transformer", 4), "attention heads (dim must be a multiple of heads)")
            .set("feedForward", per("transformer", 0), "feed-forward width of a block (0: 4·dim)")
            .set("dropout", per("rnn", 0.0, "transformer", 0.1), "dropout after the embedding, between layers and "
                    + "before the decoder (transformer: also inside the blocks), in [0, 1)")
            .set("embedDropout", per("rnn", 0.0), "probability of dropping a word's whole embedding row for a batch "
                    + "(AWD-LSTM's dropoute), in [0, 1)")
            .set("weightDropout", per("rnn", 0.0), "DropConnect on each layer's recurrent weights W_hh (AWD-LSTM's "
                    + "wdrop), in [0, 1)")
            .set("variational", per("rnn", false), "dropout masks shared over time (locked/variational dropout) "
                    + "instead of drawn per element")
            .set("cutoffs", per("rnn", "auto"), "adaptive softmax cutoffs, e.g. 2000,10000 (ids by frequency); "
                    + "none: full softmax; auto: none below 10,000 tokens of vocabulary, else 2000[,10000[,50000]]")
            .set("bptt", per("rnn", 64), "tokens per truncated-BPTT window")
            .set("blockLen", per("transformer", 128), "tokens per training block, also the longest context the "
                    + "model reads when it generates")
            .set("batch", 32, "parallel token streams (rnn) or random blocks per step (transformer)")
            .flag("lr", per("rnn", 0.003, "transformer", 0.001), "Adam (rnn) or AdamW (transformer) learning rate")
            .set("weightDecay", per("transformer", 0.1), "AdamW weight decay")
            .set("lrDecay", "none", "learning rate over the run's budget (maxSteps, maxSeconds or epochs, whichever "
                    + "ends it): none, linear or cosine (to 0)")
            .set("clipNorm", 1.0, "max global gradient norm (0: off)")
            .flag("epoch", 1, "passes over the training text (transformer: as many random blocks as cover it)")
            .set("maxSteps", 0L, "stop after this many steps (0: no limit)")
            .set("maxSeconds", 150.0, "stop training after this many seconds (0: no limit; resume is exact only "
                    + "without it)")
            .flag("seed", 1L, "seed of initialisation, dropout, blocks and sampling")
            .flag("thread", 0, "kernel threads (0: all cores)")
            .set("checkpointEvery", 100L, "steps between checkpoints (0: only at epoch ends)")
            .set("keepCheckpoints", 2, "checkpoints kept")
            .set("logEvery", 10L, "steps between metrics records")
            .flag("skipBadLines", false, "skip malformed input lines (counted in the report) instead of stopping")
            .set("samples", 3, "samples generated at the end")
            .set("sampleLength", 240, "tokens per sample")
            .set("temperature", 0.7, "sampling temperature (0: greedy)")
            .set("topK", 0, "sample from the K likeliest tokens (0: all)")
            .set("topP", 0.95, "sample from the smallest set of likeliest tokens holding this probability (1: off)")
            .build();

    /** The model the resolved settings describe; a bad level or cell is an error naming the setting and the fix. */
    public static LmConfig config(ResolvedConfig c) {
        String level = c.getString("level");
        if (!List.of("char", "word", "bpe").contains(level)) {
            throw new IllegalArgumentException("level must be char, word or bpe; got '" + level
                    + "'. Fix: --set level=char (or word, bpe)");
        }
        boolean transformer = c.getString("model").equals("transformer");
        LmConfig.Arch arch = transformer ? LmConfig.Arch.TRANSFORMER : switch (c.getString("cell")) {
            case "lstm" -> LmConfig.Arch.LSTM;
            case "gru" -> LmConfig.Arch.GRU;
            default -> throw new IllegalArgumentException("cell must be lstm or gru; got '" + c.getString("cell")
                    + "'. Fix: --set cell=lstm or --set cell=gru");
        };
        WordSplit split = null;   // auto: detected from the training text
        if (!c.getString("tokenizer").equals("auto")) {
            try {
                split = WordSplit.of(c.getString("tokenizer"));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(e.getMessage().replace("; got", ", or auto; got")
                        + ". Fix: --set tokenizer=auto (or whitespace, word)");
            }
        }
        LmConfig.Builder b = LmConfig.builder().level(level).tokenizer(split).minCount(c.getInt("minCount")).bpeVocab(c.getInt("bpeVocab"))
                .arch(arch).tied(c.getBoolean("tied")).dim(c.getInt("dim")).layers(c.getInt("layers"))
                .dropout(c.getDouble("dropout")).batch(c.getInt("batch")).lr(c.getDouble("lr")).seed(c.getLong("seed"));
        if (!transformer) {
            b.embedDropout(c.getDouble("embedDropout")).weightDropout(c.getDouble("weightDropout"))
                    .variational(c.getBoolean("variational")).cutoffs(cutoffs(c.getString("cutoffs")));
        }
        if (transformer) {
            b.heads(c.getInt("heads")).feedForward(c.getInt("feedForward")).seqLen(c.getInt("blockLen"))
                    .weightDecay(c.getDouble("weightDecay"));
        } else {
            b.seqLen(c.getInt("bptt"));
        }
        return b.build();
    }

    /** "auto" → null (chosen from the vocabulary size), "none" → empty, "2000,10000" → those ids. */
    static int[] cutoffs(String v) {
        if (v.equals("auto")) return null;
        if (v.equals("none") || v.isEmpty()) return new int[0];
        try {
            return java.util.Arrays.stream(v.split(",")).map(String::strip).mapToInt(Integer::parseInt).toArray();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("cutoffs must be auto, none or increasing ids like 2000,10000; got '" + v
                    + "'. Fix: --set cutoffs=auto");
        }
    }

    /**
     * The word level's own defaults, for the settings not given ({@code given}: setting flags and --set): every word
     * kept (minCount 1, so the counts and perplexities are the benchmarks'), the whole -input and -valid file, and
     * the word recipe (docs/language-models.md). Empty unless the command line says -level word.
     */
    public static Map<String, String> levelDefaults(Map<String, String> given) {
        Map<String, String> out = new LinkedHashMap<>();
        if (!"word".equals(given.get("level"))) return out;
        out.put("minCount", "1");
        if (!given.getOrDefault("input", "").isEmpty()) out.put("maxChars", "0");
        if (given.containsKey("valid")) out.put("validChars", "0");
        out.putAll(WORD_RECIPE);
        out.keySet().removeAll(given.keySet());
        return out;
    }

    /** The word-level model and schedule chosen on WikiText-2 validation perplexity per minute of training. */
    static final Map<String, String> WORD_RECIPE = Map.of("dim", "400", "tied", "true", "dropout", "0.25",
            "variational", "true", "embedDropout", "0.1", "lrDecay", "linear", "epoch", "100");
}
