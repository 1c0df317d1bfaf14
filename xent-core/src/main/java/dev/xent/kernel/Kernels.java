package dev.xent.kernel;

/**
 * Chooses the kernel implementations once per JVM. {@code -Dxent.kernels=scalar} forces the scalar
 * reference kernels (for debugging and for tests that compare the two paths); the default is the fastest
 * pure-Java path available.
 */
public final class Kernels {
    private Kernels() {}

    private static final boolean SCALAR = "scalar".equalsIgnoreCase(System.getProperty("xent.kernels", "vector"));
    private static final Gemm GEMM = SCALAR ? new ScalarGemm() : fastGemm();
    private static final VecOps VEC = SCALAR ? new ScalarVecOps() : fastVecOps();

    /** The GEMM used by every op. */
    public static Gemm gemm() {
        return GEMM;
    }

    /** The elementwise and reduction kernels used by every op. */
    public static VecOps vec() {
        return VEC;
    }

    /** True when {@code -Dxent.kernels=scalar} forced the reference kernels. */
    public static boolean scalarForced() {
        return SCALAR;
    }

    private static Gemm fastGemm() {
        try {
            return new VectorGemm();
        } catch (LinkageError e) {   // JVM started without --add-modules jdk.incubator.vector
            return new ScalarGemm();
        }
    }

    /** True when the Vector API kernels run (the JVM has jdk.incubator.vector and scalar was not forced). */
    public static boolean vectorApi() {
        return GEMM instanceof VectorGemm;
    }

    private static VecOps fastVecOps() {
        try {
            return new VectorVecOps();
        } catch (LinkageError e) {   // JVM started without --add-modules jdk.incubator.vector
            return new ScalarVecOps();
        }
    }
}
