// The settings of `xent train lm`: key, default (which fixes the type), meaning, flag; config.json records them.
package dev.xent.cli.lm;

import dev.xent.cli.run.SettingTable;

/**
 * Defaults are the README's main job: a 1-layer character LSTM (256 units) on 1.2 M characters of English Europarl,
 * one epoch of Adam with gradient clipping, at most 150 s of training (the time budget). level, cell and tied choose
 * the variant (word or BPE tokens, GRU, decoder weight = embedding table).
 */
public final class LmSettings {
    private LmSettings() {}

    public static final SettingTable TABLE = SettingTable.of("lm")
            .flag("input", "", "UTF-8 training text; \"\": the built-in Europarl sample (English)")
            .flag("valid", "", "UTF-8 validation text; \"\": the last validChars characters of the input")
            .set("maxChars", 1_200_000L, "characters of the input to use (0: all)")
            .set("validChars", 60_000L, "characters held out for validation when there is no -valid")
            .flag("level", "char", "token level: char, word or bpe (what one token, the unit of perplexity, is)")
            .flag("minCount", 5, "char/word level: rarer characters or words map to the unknown id; bpe: unused")
            .set("bpeVocab", 1000, "bpe level: vocabulary size (260 bytes and specials + learned merges)")
            .flag("cell", "lstm", "recurrent cell: lstm or gru")
            .flag("tied", false, "tie the decoder weight to the embedding table (dim is both sizes)")
            .flag("dim", 256, "embedding and LSTM/GRU size")
            .set("layers", 1, "stacked LSTM/GRU layers")
            .set("dropout", 0.0, "dropout after the embedding, between layers and before the decoder, in [0, 1)")
            .set("bptt", 64, "tokens per truncated-BPTT window")
            .set("batch", 32, "parallel token streams (batch columns)")
            .flag("lr", 0.003, "Adam learning rate")
            .set("clipNorm", 1.0, "max global gradient norm (0: off)")
            .flag("epoch", 1, "passes over the training text")
            .set("maxSteps", 0L, "stop after this many steps (0: no limit)")
            .set("maxSeconds", 150.0, "stop training after this many seconds (0: no limit; resume is exact only "
                    + "without it)")
            .flag("seed", 1L, "seed of initialisation, dropout and sampling")
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
}
