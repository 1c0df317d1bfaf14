// fastText-style training with one thread gives, bit for bit, what the trainer before the hogwild runner gave.
package dev.xent.task.classify;

import dev.xent.data.Example;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The expected values were recorded from the hand-written HogwildTrainer (commit cb5fa57) on the same data and
 * settings: a hash of the raw bits of each weight matrix and the bits of the mean training loss. dim 3 keeps every
 * row operation in its scalar tail (fewer elements than one SIMD vector on any CPU), so the values do not depend
 * on the machine's vector width. A change of the update, the schedule, the example order or a generator draw
 * changes them. (At dim 16 and 100, where the lane count enters the sums, the old trainer and this one were
 * compared once on an AVX-512 machine when the hogwild runner came in: equal bits too.)
 */
class FastTextGoldenTest {
    static final FastTextConfig BASE = FastTextConfig.defaults().withDim(3).withThreads(1).withSeed(7);

    @Test
    void softmaxOnSentiment() {
        check(ToyData.sentiment(300, 1, 0.5), BASE.withEpoch(5).withLr(0.5).withWordNgrams(2).withBucket(1000),
                0xc6319e2588c8ea76L, 0x1477786c0a35fba8L, 0x3fcbbea33c9d6edbL);
    }

    @Test
    void softmaxOnMultiLabelTopicsDrawsALabelPerVisit() {
        check(ToyData.topics(300, 5), BASE.withEpoch(4).withLr(0.5).withWordNgrams(2).withBucket(5000),
                0x443de8665e30e34bL, 0xebd89e13f0725d52L, 0x3fe0521fda16bbe1L);
    }

    @Test
    void oneVsAllWithAClassWeight() {
        check(ToyData.topics(300, 5), BASE.withEpoch(3).withLr(0.3).withLoss(FastTextConfig.Loss.ONE_VS_ALL)
                .withClassWeights(Map.of("food", 2.0)).withMinCount(2),
                0xe2e7311064d9eb59L, 0x7c7c64a792727c88L, 0x3ff1acc900a153feL);
    }

    private static void check(List<Example> data, FastTextConfig config, long input, long output, long loss) {
        FastTextClassifier m = FastTextClassifier.train(data, config);
        assertEquals(Long.toHexString(input), Long.toHexString(hash(m.model().input)), "input matrix");
        assertEquals(Long.toHexString(output), Long.toHexString(hash(m.model().output)), "output matrix");
        assertEquals(Long.toHexString(loss), Long.toHexString(Double.doubleToRawLongBits(m.trainLoss())),
                "mean training loss " + m.trainLoss());
    }

    /** FNV-1a over the raw float bits, with an extra shift so that nearby bit patterns spread. */
    static long hash(float[] a) {
        long h = 0xcbf29ce484222325L;
        for (float f : a) {
            h ^= Float.floatToRawIntBits(f);
            h *= 0x100000001b3L;
            h ^= h >>> 29;
        }
        return h;
    }
}
