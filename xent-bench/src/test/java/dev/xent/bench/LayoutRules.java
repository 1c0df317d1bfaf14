// The repository's layout rules as checks over a source tree; each returns "file: rule" lines, one per violation.
package dev.xent.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Library code is what users depend on; benchmarks, experiments, load-test drivers and test helpers live in
 * xent-bench or in test sources, and no source file names a path of one machine. A check takes the repository
 * root, so a test can run it on a small planted tree as well as on the real one.
 */
final class LayoutRules {
    /** Main sources of the library modules (no entry points, no printing). */
    static final List<String> LIBRARY_MAIN = List.of("xent-core/src/main", "xent-nlp/src/main");
    /** Main sources that ship to users: the library and the CLI (no benchmark, ensemble or test-helper types). */
    static final List<String> SHIPPED_MAIN = List.of("xent-core/src/main", "xent-nlp/src/main", "xent-cli/src/main");

    static final String BENCH_NAME = "no *Bench*/*Benchmark/*Ensemble type in shipped code (put it in xent-bench)";
    static final String TEST_HELPER = "no test helper in shipped code (put it in src/test or xent-bench)";
    static final String DRIVER = "no main(), System.exit or printing in library code (drivers go in xent-cli or xent-bench)";
    static final String MACHINE_PATH = "no absolute machine path in a source file (take --data DIR or XENT_DATA)";
    static final String SHARED_DATA = "no built-in data folder in a source file (require DATA / XENT_DATA / --data)";
    static final String ONE_LOOP = "one training loop: no epoch loop, backward(), zeroGrad() or checkpoint encoding "
            + "outside xent-core's dev.xent.train (write a TrainTask; Trainer/Hogwild run it and own its checkpoints)";
    static final String ONE_STATE = "one checkpoint format: no *TrainState type besides dev.xent.train.TrainState "
            + "(put task state in TrainTask.state() / TaskState)";

    /** Where the loop and the engine under it live: these may backpropagate, step and encode checkpoints. */
    static final List<String> ENGINE = List.of("xent-core/src/main/java/dev/xent/train/",
            "xent-core/src/main/java/dev/xent/optim/", "xent-core/src/main/java/dev/xent/nn/",
            "xent-core/src/main/java/dev/xent/autograd/", "xent-core/src/main/java/dev/xent/tensor/",
            "xent-core/src/main/java/dev/xent/io/");

    private static final Pattern TYPE = Pattern.compile("(?m)^\\s*(?:(?:public|protected|private|static|final|"
            + "abstract|sealed|non-sealed|strictfp)\\s+)*(?:class|interface|enum|record|@interface)\\s+(\\w+)");
    private static final Pattern BENCH_TYPE = Pattern.compile("\\w*Bench\\w*|\\w*Ensemble");
    private static final Pattern HELPER_TYPE = Pattern.compile("(?:Fake|Mock|Stub|Dummy|Test)\\w*|\\w+Tests?");
    private static final Pattern TEST_IMPORT = Pattern.compile("(?m)^import\\s+(?:static\\s+)?"
            + "(?:org\\.junit|net\\.jqwik|org\\.mockito|org\\.assertj)\\.");
    private static final Pattern DRIVER_CODE = Pattern.compile("static\\s+void\\s+main\\s*\\(|System\\.exit\\s*\\("
            + "|System\\.(?:out|err)\\b");
    /** A root-anchored path under a per-machine top folder (/work, /home, /Users, ...), not $HOME/work or a/work. */
    private static final Pattern ABSOLUTE = Pattern.compile("(?<![\\w.~$}-])/(?:work|home|Users|root|mnt|scratch)/");
    /** Java has @TempDir and Files.createTempDirectory: a literal temp folder is one machine's convention. */
    private static final Pattern JAVA_TMP = Pattern.compile("\"/(?:var/)?tmp/");
    /** A hand-written training loop's marks: an epoch loop, a backward pass, zeroing gradients, checkpoint I/O. */
    private static final Pattern LOOP_CODE = Pattern.compile("for\\s*\\(\\s*int\\s+epoch\\b|while\\s*\\(\\s*epoch\\b"
            + "|\\.backward\\s*\\(|\\bzeroGrad\\s*\\(|\\bnew\\s+Checkpoints?\\s*\\(|\\bCheckpoint\\.read\\s*\\(");
    private static final Pattern STATE_TYPE = Pattern.compile("\\w+TrainState");
    private static final Pattern SHARED_DATA_DIR = Pattern.compile("shared[/\\\\]data");

    private static final Set<String> SOURCE_EXTENSIONS = Set.of("java", "py", "sh", "lua", "xml", "yml", "yaml",
            "properties", "json", "toml", "gradle", "kts");
    private static final Set<String> SKIPPED_DIRS = Set.of(".git", "target", "runs", "node_modules", "__pycache__",
            ".idea", ".jqwik-database");

    private LayoutRules() {}

    static List<String> benchmarkNames(Path root) {
        List<String> out = new ArrayList<>();
        for (Path f : javaFiles(root, SHIPPED_MAIN)) {
            for (String type : types(f)) {
                if (BENCH_TYPE.matcher(type).matches()) out.add(where(root, f) + ": type " + type + ": " + BENCH_NAME);
            }
        }
        return out;
    }

    static List<String> testHelpers(Path root) {
        List<String> out = new ArrayList<>();
        for (Path f : javaFiles(root, SHIPPED_MAIN)) {
            for (String type : types(f)) {
                if (HELPER_TYPE.matcher(type).matches()) out.add(where(root, f) + ": type " + type + ": " + TEST_HELPER);
            }
            Matcher m = TEST_IMPORT.matcher(read(f));
            if (m.find()) out.add(where(root, f, m.start()) + ": imports a test library: " + TEST_HELPER);
        }
        return out;
    }

    static List<String> drivers(Path root) {
        List<String> out = new ArrayList<>();
        for (Path f : javaFiles(root, LIBRARY_MAIN)) {
            Matcher m = DRIVER_CODE.matcher(read(f));
            while (m.find()) out.add(where(root, f, m.start()) + ": '" + m.group() + "': " + DRIVER);
        }
        return out;
    }

    static List<String> machinePaths(Path root) {
        List<String> out = new ArrayList<>();
        for (Path f : sourceFiles(root)) {
            String text = read(f);
            List<Hit> hits = new ArrayList<>();
            find(hits, text, ABSOLUTE, MACHINE_PATH);
            if (f.toString().endsWith(".java")) find(hits, text, JAVA_TMP, MACHINE_PATH);
            find(hits, text, SHARED_DATA_DIR, SHARED_DATA);
            hits.sort(Comparator.comparingInt(Hit::offset));
            for (Hit h : hits) out.add(where(root, f, h.offset()) + ": '" + h.match() + "': " + h.rule());
        }
        return out;
    }

    /** Code outside the engine that trains by itself, or a second checkpoint-state type. */
    static List<String> trainingLoops(Path root) {
        List<String> out = new ArrayList<>();
        for (Path f : javaFiles(root, SHIPPED_MAIN)) {
            String rel = where(root, f);
            for (String type : types(f)) {
                if (STATE_TYPE.matcher(type).matches()) out.add(rel + ": type " + type + ": " + ONE_STATE);
            }
            if (ENGINE.stream().anyMatch(rel::startsWith)) continue;
            Matcher m = LOOP_CODE.matcher(read(f));
            while (m.find()) out.add(where(root, f, m.start()) + ": '" + m.group() + "': " + ONE_LOOP);
        }
        return out;
    }

    // The SIMD rule of issue 10 (jdk.incubator.vector only under a kernel/ package) is checked over every module
    // by xent-core's dev.xent.kernel.VectorApiOnlyInKernelTest.

    private record Hit(int offset, String match, String rule) {}

    private static void find(List<Hit> out, String text, Pattern p, String rule) {
        Matcher m = p.matcher(text);
        while (m.find()) out.add(new Hit(m.start(), m.group(), rule));
    }

    /** Top-level and nested type names declared in a Java file. */
    private static List<String> types(Path f) {
        List<String> out = new ArrayList<>();
        Matcher m = TYPE.matcher(read(f));
        while (m.find()) out.add(m.group(1));
        return out;
    }

    private static List<Path> javaFiles(Path root, List<String> dirs) {
        List<Path> out = new ArrayList<>();
        for (String d : dirs) {
            Path dir = root.resolve(d);
            if (!Files.isDirectory(dir)) continue;
            try (Stream<Path> s = Files.walk(dir)) {
                s.filter(p -> p.toString().endsWith(".java")).sorted().forEach(out::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    /** Source and build files anywhere in the tree (docs excluded), and extensionless scripts with a #! line. */
    static List<Path> sourceFiles(Path root) {
        List<Path> out = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                    return !dir.equals(root) && SKIPPED_DIRS.contains(name)
                            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes a) {
                    if (a.isRegularFile() && isSource(f)) out.add(f);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.sort(null);
        return out;
    }

    private static boolean isSource(Path f) {
        String name = f.getFileName().toString();
        int dot = name.lastIndexOf('.');
        if (dot > 0) return SOURCE_EXTENSIONS.contains(name.substring(dot + 1));
        if (dot == 0) return false;  // .gitignore and other dot files
        try (var in = Files.newInputStream(f)) {
            byte[] head = in.readNBytes(2);
            return head.length == 2 && head[0] == '#' && head[1] == '!';
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path f) {
        try {
            return new String(Files.readAllBytes(f), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String where(Path root, Path f) {
        return root.relativize(f).toString().replace('\\', '/');
    }

    private static String where(Path root, Path f, int offset) {
        String text = read(f);
        int line = 1;
        for (int i = 0; i < offset; i++) if (text.charAt(i) == '\n') line++;
        return where(root, f) + ":" + line;
    }
}
