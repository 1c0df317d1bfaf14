// Cache block sizes for VectorGemm, derived from the data cache sizes this machine reports (with defaults).
package dev.xent.kernel;

import static dev.xent.kernel.GemmMicroKernel.MR;
import static dev.xent.kernel.GemmMicroKernel.NR;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The three block sizes of the GotoBLAS loop nest (see {@link VectorGemm}), chosen once per JVM:
 * <ul>
 *   <li>KC, the depth of a packed block: a (KC, NR) B panel and an (MR, KC) A panel stay in L1 while a
 *       column of tiles is computed, so (NR + MR) * KC floats fill at most about 3/4 of L1;</li>
 *   <li>MC_NEAR, the rows of a packed A block when C fits in half of L2: (MC, KC) floats fill a sixteenth of
 *       L2; MC, the rows when C is larger: at most 6 panels of MR rows (48 with AVX-512). A column of tiles
 *       then touches at most 48 rows of C, each row one stream of C lines the L2 prefetcher can follow (it
 *       tracks a few dozen 4 KB pages); with 144 rows it could not, and every tile waited for its C lines.
 *       With C in L2 the smaller block cost 1-3% (dA = G·Bᵀ, C 700 x 200);</li>
 *   <li>NC, the columns of a packed B block: (KC, NC) floats fill at most half of L2 (the other half holds
 *       the A block and the C lines passing through), NC a multiple of 256.</li>
 * </ul>
 * The fractions are measured, not derived: on a 2-core AVX-512 Xeon (48 KB L1, 2 MB L2) 1024² ran 8-15%
 * faster with MC about 100 than with MC = 1024 (A block half of L2); (MC, NC) = (48, 1024) against
 * (144, 2336): 700x200·200x33278, whose C (93 MB) is written once, 167 -> 193 GFLOP/s (one thread, CPU
 * clock). A KC of 700-1024 (B panels streamed from L2, fewer passes over C) was faster for K = 700, M = 200
 * but slower for the square and 800-column products.
 * Cache sizes come from Linux's {@code /sys/devices/system/cpu/cpu0/cache/index*} (level, type, size);
 * elsewhere the defaults are 32 KB L1 and 1 MB L2. {@code -Dxent.gemm.blocks=KC,MC,NC} overrides all three
 * (for tuning; KC changes the order of the sums, so results differ in the last bits from another KC).
 */
final class GemmBlocking {
    private GemmBlocking() {}

    static final long L1_BYTES, L2_BYTES;
    static final int KC, MC, MC_NEAR, NC;

    static {
        long l1 = 32 << 10, l2 = 1 << 20;
        for (int i = 0; i < 8; i++) {
            Path dir = Path.of("/sys/devices/system/cpu/cpu0/cache/index" + i);
            long size = sizeBytes(read(dir.resolve("size")));
            String type = read(dir.resolve("type")), level = read(dir.resolve("level"));
            if (size <= 0 || "Instruction".equals(type)) continue;
            if ("1".equals(level)) l1 = size;
            else if ("2".equals(level)) l2 = size;
        }
        L1_BYTES = l1;
        L2_BYTES = l2;
        int[] b = override();
        if (b != null) {
            KC = b[0];
            MC = b[1];
            MC_NEAR = b[1];
            NC = b[2];
        } else {
            KC = clamp((int) (l1 * 3 / 4 / (4L * (NR + MR))) / 16 * 16, 64, 512);
            MC_NEAR = clamp((int) (l2 / 16 / (4L * KC)) / MR * MR, 8 * MR, 128 * MR);
            MC = Math.min(MC_NEAR, 6 * MR);
            NC = clamp((int) (l2 / 2 / (4L * KC)) / 256 * 256, 8 * NR, 512 * NR);
        }
    }

    private static int[] override() {
        String s = System.getProperty("xent.gemm.blocks");
        if (s == null || s.isBlank()) return null;
        String[] f = s.split(",");
        try {
            if (f.length != 3) throw new NumberFormatException();
            int kc = Integer.parseInt(f[0].trim()), mc = Integer.parseInt(f[1].trim()), nc = Integer.parseInt(f[2].trim());
            if (kc < 1 || mc < MR || nc < NR || mc % MR != 0 || nc % NR != 0) throw new NumberFormatException();
            return new int[] {kc, mc, nc};
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("system property xent.gemm.blocks must be KC,MC,NC with KC >= 1, MC a "
                    + "multiple of " + MR + " and NC a multiple of " + NR + "; got '" + s + "'");
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p).trim();
        } catch (IOException | SecurityException e) {
            return "";
        }
    }

    /** "48K" -> 49152, "2048K" -> 2097152, "1M" -> 1048576; -1 when unreadable. */
    static long sizeBytes(String s) {
        if (s.isEmpty()) return -1;
        long unit = switch (Character.toUpperCase(s.charAt(s.length() - 1))) {
            case 'K' -> 1L << 10;
            case 'M' -> 1L << 20;
            case 'G' -> 1L << 30;
            default -> 1;
        };
        try {
            return Long.parseLong(unit == 1 ? s : s.substring(0, s.length() - 1)) * unit;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static int clamp(int x, int lo, int hi) {
        return Math.max(lo, Math.min(hi, x));
    }

    /** For logs: "KC=224 MC=48/144 NC=1024 (L1 48 KB, L2 2048 KB)". */
    static String describe() {
        return "KC=" + KC + " MC=" + MC + "/" + MC_NEAR + " NC=" + NC + " (L1 " + (L1_BYTES >> 10) + " KB, L2 " + (L2_BYTES >> 10) + " KB)";
    }
}
