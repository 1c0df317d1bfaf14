// The settings of a language model: token level, architecture, sizes, the batch plan and the optimizer's rate.
package dev.xent.task.lm;

import java.util.Locale;
import java.util.Set;

/**
 * What {@link LmTask#create} builds. Defaults ({@link #builder()}) are `xent train lm`'s: a character LSTM of 256
 * units, batch 32 × 64 tokens, Adam at 0.003, seed 1.
 *
 * @param level       "char", "word" or "bpe" ({@link LmCodec}): what one token, the unit of perplexity, is
 * @param tokenizer   word level: how a line is cut into tokens ({@link WordSplit}: whitespace, or word for raw
 *                    text); null: {@link WordSplit#detect} on the training text
 * @param minCount    char/word level: rarer characters or words map to the unknown id
 * @param bpeVocab    bpe level: vocabulary size (bytes and specials + learned merges)
 * @param arch        LSTM or GRU ({@link LstmLanguageModel}, truncated BPTT) or TRANSFORMER
 *                    ({@link TransformerLanguageModel}, random blocks)
 * @param tied        the output projection is the embedding table
 * @param dim         embedding and hidden size (Transformer: the model width)
 * @param layers      stacked recurrent layers or Transformer blocks
 * @param dropout     in [0, 1): after the embedding and each layer (Transformer: also inside the blocks)
 * @param embedDropout  RNN: probability of dropping a word's whole embedding row for a batch, in [0, 1)
 * @param weightDropout RNN: DropConnect on each W_hh, in [0, 1)
 * @param variational   RNN: the dropouts on activations use one mask per sequence (locked), not per element
 * @param cutoffs     RNN: adaptive-softmax cutoffs (ids sorted by falling frequency); empty: the full softmax;
 *                    null: {@link #autoCutoffs} of the vocabulary size
 * @param heads       Transformer: attention heads (dim must be a multiple)
 * @param feedForward Transformer: feed-forward width (0: 4·dim)
 * @param batch       parallel streams (RNN) or blocks per step (Transformer)
 * @param seqLen      tokens per training sequence: the BPTT window (RNN) or the block length, which is also the
 *                    longest context the Transformer sees
 * @param lr          learning rate: Adam (RNN), AdamW (Transformer)
 * @param weightDecay decoupled weight decay (AdamW; an RNN with 0 uses plain Adam)
 * @param seed        initialisation (seed), dropout and block draws (seed + 1)
 */
public record LmConfig(String level, WordSplit tokenizer, int minCount, int bpeVocab, Arch arch, boolean tied, int dim, int layers,
                       float dropout, float embedDropout, float weightDropout, boolean variational, int[] cutoffs, int heads, int feedForward, int batch, int seqLen, double lr, double weightDecay,
                       long seed) {
    private static final Set<String> LEVELS = Set.of("char", "word", "bpe");

    /** Value equality: a record compares its int[] cutoffs by reference, so two equal configs would differ. */
    @Override
    public boolean equals(Object o) {
        return o instanceof LmConfig c && toString().equals(c.toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }

    /** Every component, cutoffs by value (the record's own toString prints the array's identity). */
    @Override
    public String toString() {
        return "LmConfig[level=" + level + ", tokenizer=" + tokenizer + ", minCount=" + minCount + ", bpeVocab=" + bpeVocab
                + ", arch=" + arch + ", tied=" + tied + ", dim=" + dim + ", layers=" + layers + ", dropout=" + dropout
                + ", embedDropout=" + embedDropout + ", weightDropout=" + weightDropout + ", variational=" + variational
                + ", cutoffs=" + java.util.Arrays.toString(cutoffs) + ", heads=" + heads + ", feedForward=" + feedForward
                + ", batch=" + batch + ", seqLen=" + seqLen + ", lr=" + lr + ", weightDecay=" + weightDecay + ", seed="
                + seed + "]";
    }

    /** The network: a recurrent cell, or a decoder-only Transformer. */
    public enum Arch {
        LSTM, GRU, TRANSFORMER;

        /** "lstm", "gru" or "transformer". */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public LmConfig {
        if (!LEVELS.contains(level)) throw new IllegalArgumentException("level must be char, word or bpe; got '" + level + "'");
        if (arch == null) throw new IllegalArgumentException("arch must be LSTM, GRU or TRANSFORMER; got null");
        if (minCount < 1 || bpeVocab < 1 || dim < 1 || layers < 1 || heads < 1 || feedForward < 0 || batch < 1 || seqLen < 1) {
            throw new IllegalArgumentException("minCount, bpeVocab, dim, layers, heads, batch and seqLen must be >= 1 and "
                    + "feedForward >= 0; got " + minCount + ", " + bpeVocab + ", " + dim + ", " + layers + ", " + heads
                    + ", " + batch + ", " + seqLen + " and " + feedForward);
        }
        if (!(dropout >= 0 && dropout < 1)) throw new IllegalArgumentException("dropout must be in [0, 1); got " + dropout);
        if (!(embedDropout >= 0 && embedDropout < 1) || !(weightDropout >= 0 && weightDropout < 1)) {
            throw new IllegalArgumentException("embedDropout and weightDropout must be in [0, 1); got " + embedDropout
                    + " and " + weightDropout);
        }
        cutoffs = cutoffs == null ? null : cutoffs.clone();
        if (!(lr > 0) || Double.isInfinite(lr)) throw new IllegalArgumentException("lr must be a finite number > 0; got " + lr);
        if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
            throw new IllegalArgumentException("weightDecay must be a finite number >= 0; got " + weightDecay);
        }
        if (arch == Arch.TRANSFORMER && dim % heads != 0) {
            throw new IllegalArgumentException("dim (" + dim + ") must be a multiple of heads (" + heads
                    + ") so each head gets dim/heads features; e.g. dim " + (dim / heads + 1) * heads);
        }
    }

    /**
     * The adaptive softmax's cutoffs for a vocabulary of V ids (sorted by falling frequency): none below 10,000 (the
     * full softmax is cheap enough), then a shortlist of 2,000 and, above 20,000, a second cluster from 10,000
     * (WikiText-2, V = 33,280: 2,000 and 10,000, which hold 77 % and 93 % of its tokens), and above 100,000 a third
     * from 50,000.
     */
    public static int[] autoCutoffs(int vocab) {
        if (vocab < 10_000) return new int[0];
        if (vocab <= 20_000) return new int[] {2_000};
        if (vocab <= 100_000) return new int[] {2_000, 10_000};
        return new int[] {2_000, 10_000, 50_000};
    }

    /** The cutoffs for a vocabulary of V ids: as given, or {@link #autoCutoffs}; always empty for a Transformer. */
    public int[] cutoffsFor(int vocab) {
        if (transformer()) return new int[0];
        return cutoffs == null ? autoCutoffs(vocab) : cutoffs.clone();
    }

    public boolean transformer() {
        return arch == Arch.TRANSFORMER;
    }

    /** Validation streams (RNN) or blocks per validation batch (Transformer): min(batch, 16). */
    public int validBatch() {
        return Math.min(batch, 16);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().level(level).tokenizer(tokenizer).minCount(minCount).bpeVocab(bpeVocab).arch(arch).tied(tied).dim(dim)
                .layers(layers).dropout(dropout).embedDropout(embedDropout).weightDropout(weightDropout).variational(variational)
                .cutoffs(cutoffs).heads(heads).feedForward(feedForward).batch(batch).seqLen(seqLen)
                .lr(lr).weightDecay(weightDecay).seed(seed);
    }

    /** Starts from the defaults of `xent train lm`; {@link #build()} checks the values. */
    public static final class Builder {
        private String level = "char";
        private int minCount = 5, bpeVocab = 1000, dim = 256, layers = 1, heads = 4, feedForward, batch = 32, seqLen = 64;
        private Arch arch = Arch.LSTM;
        private WordSplit tokenizer;   // null: detected from the training text
        private boolean tied;
        private float dropout, embedDropout, weightDropout;
        private boolean variational;
        private int[] cutoffs = new int[0];
        private double lr = 0.003, weightDecay;
        private long seed = 1;

        public Builder level(String v) { level = v; return this; }

        public Builder tokenizer(WordSplit v) { tokenizer = v; return this; }

        public Builder minCount(int v) { minCount = v; return this; }

        public Builder bpeVocab(int v) { bpeVocab = v; return this; }

        public Builder arch(Arch v) { arch = v; return this; }

        public Builder tied(boolean v) { tied = v; return this; }

        public Builder dim(int v) { dim = v; return this; }

        public Builder layers(int v) { layers = v; return this; }

        public Builder dropout(double v) { dropout = (float) v; return this; }

        public Builder embedDropout(double v) { embedDropout = (float) v; return this; }

        public Builder weightDropout(double v) { weightDropout = (float) v; return this; }

        public Builder variational(boolean v) { variational = v; return this; }

        /** Empty: the full softmax (the default); null: {@link LmConfig#autoCutoffs}. */
        public Builder cutoffs(int[] v) { cutoffs = v; return this; }

        public Builder heads(int v) { heads = v; return this; }

        public Builder feedForward(int v) { feedForward = v; return this; }

        public Builder batch(int v) { batch = v; return this; }

        public Builder seqLen(int v) { seqLen = v; return this; }

        public Builder lr(double v) { lr = v; return this; }

        public Builder weightDecay(double v) { weightDecay = v; return this; }

        public Builder seed(long v) { seed = v; return this; }

        public LmConfig build() {
            return new LmConfig(level, tokenizer, minCount, bpeVocab, arch, tied, dim, layers, dropout, embedDropout,
                    weightDropout, variational, cutoffs, heads, feedForward, batch,
                    seqLen, lr, weightDecay, seed);
        }
    }
}
