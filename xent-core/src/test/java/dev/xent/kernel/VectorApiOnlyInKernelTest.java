// Layout rule: the Vector API (jdk.incubator.vector) is imported only by classes in a kernel package.
package dev.xent.kernel;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * SIMD code lives in one place, with a scalar twin for each kernel and property tests that the two agree; an
 * op, optimizer or task calls {@link Kernels}. This test reads every {@code src/main} Java file of every module
 * (the repository root is the parent of this module's directory) and fails naming each file outside a
 * {@code .../kernel/} package that imports or names {@code jdk.incubator.vector}.
 */
class VectorApiOnlyInKernelTest {

    /** An import of the package or one of its types, or a type named in full; not "--add-modules jdk.incubator.vector". */
    private static final Pattern USE = Pattern.compile("\\bjdk\\.incubator\\.vector\\.(\\*|[A-Z])");

    @Test
    void onlyKernelPackagesUseTheVectorApi() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent();   // surefire runs in the module's directory
        assertTrue(Files.isRegularFile(root.resolve("xent-core/pom.xml")),
                "expected the repository root at " + root + " (tests run from the module directory)");
        List<Path> mains;
        try (Stream<Path> modules = Files.list(root)) {
            mains = modules.map(m -> m.resolve("src/main")).filter(Files::isDirectory).toList();
        }
        assertTrue(mains.size() >= 3, "found only " + mains + " under " + root);
        List<String> offenders;
        try (Stream<Path> files = mains.stream().flatMap(VectorApiOnlyInKernelTest::javaFiles)) {
            offenders = files.filter(f -> !inKernelPackage(root.relativize(f)))
                    .filter(f -> usesVectorApi(read(f)))
                    .map(f -> root.relativize(f).toString()).sorted().toList();
        }
        if (!offenders.isEmpty()) {
            fail("jdk.incubator.vector may be used only in a kernel package (dev.xent.kernel), where each SIMD loop "
                    + "has a scalar twin selected by -Dxent.kernels=scalar; move the loop into dev.xent.kernel and call "
                    + "it through Kernels.vec(). Used in: " + String.join(", ", offenders));
        }
    }

    /** A FloatVector species other than the preferred one (SPECIES_512 is allowed: used only when it is preferred). */
    private static final Pattern OTHER_FLOAT_SPECIES = Pattern.compile("FloatVector\\.SPECIES_(64|128|256|MAX)\\b");

    /**
     * One FloatVector class per process: a second one (a 256-bit copy beside 512-bit kernels) makes the JDK's shared
     * vector methods bimorphic, and C2 then left fma calls of GemmMicroKernel's cold epilogue un-intrinsified —
     * each boxing a vector, ~0.2-3 MB per training step (AllocationTest failed in some test orders). Copy with
     * System.arraycopy, or mask the preferred species.
     */
    @Test
    void kernelsUseOnlyThePreferredFloatSpecies() throws IOException {
        Path kernels = Path.of("src/main/java/dev/xent/kernel").toAbsolutePath();
        assertTrue(Files.isDirectory(kernels), "expected the kernel sources at " + kernels);
        List<String> offenders;
        try (Stream<Path> files = javaFiles(kernels)) {
            offenders = files.filter(f -> OTHER_FLOAT_SPECIES.matcher(read(f)).find())
                    .map(f -> f.getFileName().toString()).sorted().toList();
        }
        if (!offenders.isEmpty()) {
            fail("a FloatVector species other than SPECIES_PREFERRED makes the vector methods bimorphic and can leave "
                    + "kernel vectors boxed (see this test's comment); use SPECIES_PREFERRED with a mask, or "
                    + "System.arraycopy for a short copy. Used in: " + String.join(", ", offenders));
        }
        assertTrue(OTHER_FLOAT_SPECIES.matcher("FloatVector.fromArray(FloatVector.SPECIES_256, a, 0)").find());
        assertFalse(OTHER_FLOAT_SPECIES.matcher("FloatVector.SPECIES_PREFERRED; FloatVector.SPECIES_512").find());
    }

    private static Stream<Path> javaFiles(Path dir) {
        try {
            return Files.walk(dir).filter(f -> f.toString().endsWith(".java")).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theRuleSeesImportsAndFullNamesButNotTheLauncherFlag() {
        assertTrue(usesVectorApi("package a;\nimport jdk.incubator.vector.FloatVector;\nclass A {}"));
        assertTrue(usesVectorApi("import jdk.incubator.vector.*;"));
        assertTrue(usesVectorApi("var s = jdk.incubator.vector.FloatVector.SPECIES_PREFERRED;"));
        assertFalse(usesVectorApi("String hint = \"run java --add-modules jdk.incubator.vector\";"));
        assertTrue(inKernelPackage(Path.of("xent-core/src/main/java/dev/xent/kernel/VectorGemm.java")));
        assertFalse(inKernelPackage(Path.of("xent-core/src/main/java/dev/xent/ops/Gelu.java")));
        assertFalse(inKernelPackage(Path.of("xent-nlp/src/main/java/dev/xent/task/kernelish/RowOps.java")));
    }

    static boolean usesVectorApi(String source) {
        return USE.matcher(source).find();
    }

    /** True when a directory of the file's package path (below src/main/java) is named kernel. */
    static boolean inKernelPackage(Path relative) {
        for (int i = 0; i < relative.getNameCount() - 1; i++) {
            if (relative.getName(i).toString().equals("kernel")) return true;
        }
        return false;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(file.toString(), e);
        }
    }
}
