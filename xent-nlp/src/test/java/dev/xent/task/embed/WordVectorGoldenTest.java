// word2vec with one thread gives, bit for bit, what the trainer before the hogwild runner gave.
package dev.xent.task.embed;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The expected values were recorded from the hand-written WordVectorTrainer (commit cb5fa57, java.util.SplittableRandom
 * per thread) on the same corpus and settings: a hash of the raw bits of the vectors and the bits of the mean loss.
 * dim 3 keeps every row operation in its scalar tail, so the values do not depend on the machine's vector width.
 */
class WordVectorGoldenTest {

    @Test
    void skipGram() {
        check(WordVectorConfig.skipGram(), 0xeff4737df87e7b3fL, 0x4002ff2851e255edL);
    }

    @Test
    void cbow() {
        check(WordVectorConfig.cbow(), 0xe9e230854034ce2eL, 0x400657a1907f3241L);
    }

    private static void check(WordVectorConfig mode, long vectors, long loss) {
        WordVectorConfig cfg = mode.withDim(3).withEpochs(2).withMinCount(1).withSample(1e-2).withSeed(3);
        WordVectorTrainer.Result r = WordVectorTrainer.train(WordVectorTrainerTest.twoTopics(300, 2), cfg);
        float[] all = new float[r.vectors().size() * 3];
        for (int i = 0; i < r.vectors().size(); i++) System.arraycopy(r.vectors().vector(r.vectors().words().get(i)), 0, all, 3 * i, 3);
        assertEquals(2400, r.corpusTokens());
        assertEquals(Long.toHexString(vectors), Long.toHexString(hash(all)), "vectors");
        assertEquals(Long.toHexString(loss), Long.toHexString(Double.doubleToRawLongBits(r.meanLoss())),
                "mean loss " + r.meanLoss());
    }

    /** FastTextGoldenTest's hash: FNV-1a over the raw float bits, with an extra shift. */
    private static long hash(float[] a) {
        long h = 0xcbf29ce484222325L;
        for (float f : a) {
            h ^= Float.floatToRawIntBits(f);
            h *= 0x100000001b3L;
            h ^= h >>> 29;
        }
        return h;
    }
}
