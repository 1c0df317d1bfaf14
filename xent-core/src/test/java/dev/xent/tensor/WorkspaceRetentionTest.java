// A step workspace under batches of ever-changing shapes keeps at most twice the largest step's buffers.
package dev.xent.tensor;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkspaceRetentionTest {

    @Test
    void manyDistinctShapesDoNotGrowTheHeldBytesBeyondTwiceTheLargestStep() {
        Workspace ws = Workspace.open();
        ws.close();
        long largest = 0;
        for (int step = 0; step < 500; step++) {
            ws.reopen();
            int len = 1000 + 37 * step;            // a new length every step, as length buckets give
            long bytes = 0;
            for (int k = 0; k < 5; k++) {
                Tensor.scratch(len, 3);
                bytes += 4L * len * 3;
            }
            largest = Math.max(largest, bytes);
            ws.close();
            assertTrue(ws.bytesHeld() <= Workspace.RETAIN * largest,
                    "step " + step + ": holds " + ws.bytesHeld() + " bytes, largest step " + largest);
        }
    }

    @Test
    void repeatedShapesAreReusedWithoutNewArrays() {
        Workspace ws = Workspace.open();
        ws.close();
        for (int step = 0; step < 10; step++) {
            ws.reopen();
            Tensor.scratch(64, 64);
            Tensor.scratch(64, 32);
            ws.close();
        }
        assertEquals(4L * (64 * 64 + 64 * 32), ws.bytesAllocated(), "allocated once, reused nine times");
        assertEquals(ws.bytesAllocated(), ws.bytesHeld());
    }
}
