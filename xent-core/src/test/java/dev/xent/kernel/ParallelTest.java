package dev.xent.kernel;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Parallel.forRange on a spinning team (and on the default setting): every index exactly once, in contiguous parts;
 * ranges started inside a range and from several threads at once; an exception in a helper's part reaches the
 * caller and the team goes on. The team has two helpers, so three parts run even on a 2-core machine.
 */
class ParallelTest {
    private static final SpinTeam TEAM = new SpinTeam(2, 100_000);

    /** forRange in up to three parts on TEAM (the property's thread count may be lower). */
    private static void run(int n, Parallel.RangeBody body) {
        int parts = Math.min(3, n);
        if (parts <= 1 || !TEAM.tryRun(n, parts, body)) Parallel.forRange(n, 1, body);
    }

    @Test
    void everyIndexOnceForManyShortRanges() {
        for (int round = 0; round < 2000; round++) {
            int n = 1 + round % 97;
            AtomicIntegerArray hits = new AtomicIntegerArray(n);
            Parallel.RangeBody count = (from, to) -> {
                for (int i = from; i < to; i++) hits.incrementAndGet(i);
            };
            if (round % 2 == 0) run(n, count);
            else Parallel.forRange(n, 1, count);
            for (int i = 0; i < n; i++) assertEquals(1, hits.get(i), "round " + round + " index " + i);
        }
    }

    @Test
    void nestedRangesAndConcurrentCallers() throws InterruptedException {
        AtomicInteger sum = new AtomicInteger();
        Runnable work = () -> {
            for (int r = 0; r < 200; r++) {
                run(8, (from, to) -> {
                    for (int i = from; i < to; i++) {
                        run(10, (a, b) -> sum.addAndGet(b - a));   // nested: 10 per outer index
                    }
                });
            }
        };
        Thread[] ts = new Thread[3];
        for (int t = 0; t < ts.length; t++) (ts[t] = new Thread(work)).start();
        work.run();
        for (Thread t : ts) t.join();
        assertEquals(4 * 200 * 8 * 10, sum.get());
    }

    @Test
    void exceptionInAPartReachesTheCaller() {
        int n = 9;
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> TEAM.tryRun(n, 3, (from, to) -> {
            if (to == n) throw new IllegalStateException("last part");
        }));
        assertEquals("last part", e.getMessage());
        AtomicInteger count = new AtomicInteger();
        run(n, (from, to) -> count.addAndGet(to - from));
        assertEquals(n, count.get(), "the team still runs ranges after a failure");
    }
}
