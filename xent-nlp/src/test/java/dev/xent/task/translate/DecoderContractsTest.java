// Both translators' incremental decoders pass the decode package's DecoderContract: batched (shuffled, duplicated
// rows) equals alone, caches are copied on select, rows are log-softmax.
package dev.xent.task.translate;

import dev.xent.task.translate.decode.DecoderContract;
import dev.xent.task.translate.decode.IncrementalDecoder;
import dev.xent.tensor.Rng;
import org.junit.jupiter.api.Test;

class DecoderContractsTest {
    static final int[][] SOURCES = {{5, 6, 7}, {8, 9, 10, 11, 12, 13, 14}, {15}, {16, 17, 4, 5}};

    @Test
    void transformerDecoding() {
        TransformerTranslator m = new TransformerTranslator(
                new TransformerTranslator.Config(20, 8, 2, 2, 2, 16, 32, 0f), new Rng(8));
        DecoderContract.check(m.decoder(), SOURCES, 6, 2e-5);
    }

    /** A cache started at 1 position grows while select shuffles and duplicates rows at every step. */
    @Test
    void transformerDecodingWithACacheThatGrows() {
        TransformerTranslator m = new TransformerTranslator(
                new TransformerTranslator.Config(20, 8, 2, 2, 2, 16, 32, 0f), new Rng(8));
        TransformerDecoding dec = new TransformerDecoding(m);
        DecoderContract.check(new IncrementalDecoder<TransformerDecoding.State>() {
            public int vocabSize() {
                return dec.vocabSize();
            }

            public int bos() {
                return dec.bos();
            }

            public int eos() {
                return dec.eos();
            }

            public TransformerDecoding.State start(int[][] sources) {
                return dec.start(sources, 1);
            }

            public float[] logProbs(TransformerDecoding.State s, int[] last) {
                return dec.logProbs(s, last);
            }

            public TransformerDecoding.State select(TransformerDecoding.State s, int[] rows) {
                return dec.select(s, rows);
            }
        }, SOURCES, 9, 2e-5);
    }

    @Test
    void rnnDecoding() {
        RnnTranslator m = new RnnTranslator(new RnnTranslator.Config(20, 8, 6, 0f), new Rng(9));
        DecoderContract.check(m.decoder(), SOURCES, 6, 2e-5);
    }
}
