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

    /** Size classes: exact up to 2^16 floats, then at most 12.5% longer, eight per power of two, never shorter. */
    @Test
    void sizeClassesRoundUpByAtMostAnEighth() {
        for (int size = 1; size <= Workspace.EXACT_UP_TO; size += 97) assertEquals(size, Workspace.sizeClass(size));
        int previous = 0;
        for (long size = Workspace.EXACT_UP_TO + 1; size < 1L << 30; size += 1 + size / 1000) {
            int c = Workspace.sizeClass((int) size);
            assertTrue(c >= size && c <= size * 1.125, "size " + size + " -> " + c);
            assertTrue(c >= previous, "monotone at " + size);
            previous = c;
        }
        java.util.Set<Integer> octave = new java.util.HashSet<>();
        for (int size = (1 << 20) + 1; size <= 1 << 21; size += 17) octave.add(Workspace.sizeClass(size));
        octave.add(Workspace.sizeClass(1 << 21));
        assertEquals(8, octave.size(), "classes of the sizes in (2^20, 2^21]: 2^20 + k·2^17, k = 1 … 8");
    }

    /** Lengths that change every step within one size class reuse one array; the tensor keeps its own size. */
    @Test
    void lengthsWithinAClassShareOneArray() {
        Workspace ws = Workspace.open();
        ws.close();
        for (int step = 0; step < 20; step++) {
            ws.reopen();
            int size = 74_000 + 300 * step;                  // 74,000 … 79,700: all in the class 81,920
            Tensor t = Tensor.scratch(size);
            assertEquals(size, t.size());
            assertEquals(Workspace.sizeClass(size), t.data().length);
            assertEquals(size, t.toArray().length);
            ws.close();
        }
        assertEquals(4L * 81_920, ws.bytesAllocated(), "one array for every step");
    }

    /** A request with no free array of its class runs in a free one up to 1.5 times as long, never a longer one. */
    @Test
    void smallerBatchesBorrowTheArraysOfLargerOnes() {
        Workspace ws = Workspace.open();
        Tensor.scratch(100_000);                             // class 106,496
        Tensor.scratch(2_000_000);                           // class 2,097,152
        ws.close();
        long before = ws.bytesAllocated();
        ws.reopen();
        Tensor small = Tensor.scratch(80_000);               // class 81,920: borrows the 106,496 array
        assertEquals(106_496, small.data().length);
        assertEquals(80_000, small.size());
        Tensor half = Tensor.scratch(1_000_000);             // class 1,048,576: 2,097,152 is over 1.5×, so a new array
        assertEquals(1_048_576, half.data().length);
        ws.close();
        assertEquals(before + 4L * 1_048_576, ws.bytesAllocated());
    }
}
