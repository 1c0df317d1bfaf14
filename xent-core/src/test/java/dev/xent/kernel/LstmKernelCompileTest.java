// The LSTM cell kernels reach C2 and run without boxing vectors once warm (a child JVM with -XX:+PrintCompilation).
package dev.xent.kernel;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A Vector API kernel that C1 cannot compile at tier 3 is never compiled by C2 either (HotSpot then keeps its tier-2
 * code, where every vector operation runs the API's Java fallback): {@code lstmCellBackward} as one masked loop did
 * that ("COMPILE SKIPPED: out of virtual registers in linear scan") and cost 25% of a tagger step. A kernel that C2
 * compiles past its inlining budget leaves vector helpers as real calls and boxes their vectors: {@code lstmCell} as
 * one loop of five transcendentals allocated 6 KB per call, and a mask passed to a helper was boxed. The child runs
 * both kernels warm (H = 128, whole vectors; H = 20, a vector and a tail) and reports its allocation per call; this
 * test reads that and its compilation log.
 */
class LstmKernelCompileTest {

    private static final int[] HIDDEN = {128, 20};
    private static final int WARM_CALLS = 300_000, MEASURED_CALLS = 20_000, PAD = 64;

    @Test
    void lstmCellKernelsCompileWithC2AndAllocateNothing() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "--add-modules", "jdk.incubator.vector", "-Dxent.threads=1",
                "-XX:+PrintCompilation", "-cp", System.getProperty("java.class.path"),
                LstmKernelCompileTest.class.getName()).redirectErrorStream(true).start();
        String log = new String(child.getInputStream().readAllBytes());
        assertTrue(child.waitFor(120, TimeUnit.SECONDS), "the child JVM did not finish in 120 s");
        assertEquals(0, child.exitValue(), "child failed:\n" + log);
        List<String> lines = log.lines().toList();
        for (String l : lines) {
            assertTrue(!(l.contains("dev.xent.kernel.VectorVecOps::") && l.contains("COMPILE SKIPPED")),
                    "a VectorVecOps kernel failed to compile (it then runs the Vector API's fallback): " + l);
        }
        for (String kernel : new String[] {"lstmCell ", "lstmCellBackward "}) {
            assertTrue(lines.stream().anyMatch(l -> l.matches(".*\\s4\\s+dev\\.xent\\.kernel\\.VectorVecOps::" + kernel + ".*")),
                    "VectorVecOps::" + kernel.trim() + " never reached C2 (tier 4); compilation log:\n"
                            + String.join("\n", lines.stream().filter(l -> l.contains("VectorVecOps::lstm")).toList()));
        }
        String alloc = lines.stream().filter(l -> l.startsWith("BYTES_PER_CALL ")).findFirst()
                .orElseThrow(() -> new AssertionError("child printed no BYTES_PER_CALL line:\n" + log));
        double bytes = Double.parseDouble(alloc.substring("BYTES_PER_CALL ".length()).trim());
        assertTrue(bytes < 16, "warm LSTM cell kernels allocate " + bytes + " bytes per call (boxed vectors: a "
                + "VectorMath call left out of line)");
    }

    /** Child: warms both kernels, then prints the bytes this thread allocates per call of the pair. */
    public static void main(String[] args) {
        VecOps v = new VectorVecOps();
        Random rnd = new Random(1);
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        double sink = 0;
        long bytes = 0, calls = 0;
        for (int round = 0; round < 2; round++) {
            for (int hid : HIDDEN) {
                // PAD floats past each range: a masked access whose full vector would reach past the array's end takes
                // the JDK's out-of-range path, which allocates (measured: 384 bytes per lstmCell call at H = 20 without)
                float[] gates0 = new float[4 * hid], gates = new float[4 * hid + PAD], cp = new float[hid + PAD];
                float[] c = new float[hid + PAD], h = new float[hid + PAD], dh = new float[hid + PAD];
                float[] dc = new float[hid + PAD], da = new float[4 * hid + PAD];
                for (int i = 0; i < gates0.length; i++) gates0[i] = 4 * rnd.nextFloat() - 2;
                for (int i = 0; i < hid; i++) cp[i] = rnd.nextFloat() - 0.5f;
                int n = round == 0 ? WARM_CALLS : MEASURED_CALLS;
                long before = mx.getCurrentThreadAllocatedBytes();
                for (int k = 0; k < n; k++) {
                    System.arraycopy(gates0, 0, gates, 0, 4 * hid);
                    v.lstmCell(gates, 0, cp, 0, c, 0, h, 0, hid);
                    java.util.Arrays.fill(dh, 0.1f);
                    java.util.Arrays.fill(dc, 0.01f);
                    v.lstmCellBackward(gates, 0, c, 0, cp, 0, dh, 0, dc, 0, da, 0, hid);
                    sink += h[k % hid] + da[k % (4 * hid)];
                }
                if (round == 1) {
                    bytes += mx.getCurrentThreadAllocatedBytes() - before;
                    calls += n;
                }
            }
        }
        System.out.println("BYTES_PER_CALL " + (double) bytes / calls);
        System.out.println("sink " + sink);
    }
}
