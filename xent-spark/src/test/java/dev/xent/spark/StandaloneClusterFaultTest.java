// kill -9 mid-training on a standalone cluster (scripts/spark-cluster.sh: a master, 2 workers × 1 core): the job
// finishes, retried by Spark on the remaining or restarted executors, with a model as good as without the fault.
package dev.xent.spark;

import dev.xent.data.Example;
import dev.xent.data.TaggedSentence;
import dev.xent.task.tag.Tagger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

@Tag("slow")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StandaloneClusterFaultTest {
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();   // Surefire runs in xent-spark/
    private static final int JOB_SECONDS = 150;

    @TempDir
    static Path dir;
    private static int port;

    /** The cluster script with the run dir, port and class path (this JVM's: its jars are Spark's) of the test. */
    private static String cluster(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(ROOT.resolve("scripts/spark-cluster.sh").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("XENT_SPARK_CLUSTER_DIR", dir.resolve("cluster").toString());
        pb.environment().put("XENT_SPARK_MASTER_PORT", String.valueOf(port));
        pb.environment().put("XENT_SPARK_CLASSPATH", System.getProperty("java.class.path"));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "spark-cluster.sh " + String.join(" ", args) + " hangs");
        assertEquals(0, p.exitValue(), "spark-cluster.sh " + String.join(" ", args) + ":\n" + out);
        return out;
    }

    @BeforeAll
    static void startCluster() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        cluster("start", "2");
    }

    @AfterAll
    static void stopCluster() throws Exception {
        cluster("stop");
    }

    private static long pid(String daemon) throws IOException {
        return Long.parseLong(Files.readString(dir.resolve("cluster").resolve(daemon + ".pid")).trim());
    }

    /** The executor JVMs a worker started (its child processes). */
    private static List<ProcessHandle> executors(String worker) throws IOException {
        return ProcessHandle.of(pid(worker)).orElseThrow().children().toList();
    }

    /** What a driver run printed, and when (seconds from its start) the fault was injected. */
    record Run(int code, String out, String err, double seconds, double killedAt) {
        /** Spark's warnings of a task lost with the executor (each is retried elsewhere). */
        long tasksLost() {
            return err.lines().filter(l -> l.contains("Lost task")).count();
        }
    }

    /**
     * Runs XentSparkMain as its own driver JVM on the cluster (this JVM's flags and class path; the executors get
     * xent's classes from the same directories) and calls {@code kill} once, on the first stderr line {@code when}
     * accepts.
     */
    private static Run submit(Predicate<String> when, Runnable kill, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow()));
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) if (!a.startsWith("-Xmx")) cmd.add(a);
        List<String> dirs = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            if (Files.isDirectory(Path.of(e))) dirs.add(e);
        }
        cmd.addAll(List.of("-Xmx1g", "-cp", System.getProperty("java.class.path"),
                "-Dspark.master=spark://127.0.0.1:" + port, "-Dspark.app.name=xent-fault-test",
                "-Dspark.driver.host=127.0.0.1", "-Dspark.driver.bindAddress=127.0.0.1", "-Dspark.ui.enabled=false",
                "-Dspark.executor.extraClassPath=" + String.join(java.io.File.pathSeparator, dirs),
                XentSparkMain.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        long start = System.nanoTime();
        Process p = pb.start();
        StringBuilder out = new StringBuilder(), err = new StringBuilder();
        double[] killedAt = {-1};
        Thread o = drain(p.getInputStream(), out, l -> false, null);
        Thread e = drain(p.getErrorStream(), err, l -> killedAt[0] < 0 && when.test(l), () -> {
            killedAt[0] = (System.nanoTime() - start) / 1e9;
            kill.run();
        });
        if (!p.waitFor(JOB_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("the job did not finish in " + JOB_SECONDS + " s; stderr:\n" + err);
        }
        o.join();
        e.join();
        return new Run(p.exitValue(), out.toString(), err.toString(), (System.nanoTime() - start) / 1e9, killedAt[0]);
    }

    private static Thread drain(InputStream in, StringBuilder into, Predicate<String> when, Runnable action) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    synchronized (into) {
                        into.append(line).append('\n');
                    }
                    if (when.test(line)) action.run();
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        t.start();
        return t;
    }

    /** kill -9 (SIGKILL) of each process. */
    private static void kill9(List<ProcessHandle> processes) {
        for (ProcessHandle h : processes) h.destroyForcibly();
    }

    @Test
    @Order(1)
    void fastTextStyleTrainingSurvivesAWorkerKilledWithItsExecutor() throws Exception {
        cluster("start", "2");
        StringBuilder train = new StringBuilder(), valid = new StringBuilder();
        for (Example x : SparkTests.corpus(4000, 41)) train.append("__label__").append(x.label()).append(' ').append(x.text()).append('\n');
        for (Example x : SparkTests.corpus(400, 42)) valid.append("__label__").append(x.label()).append(' ').append(x.text()).append('\n');
        Files.writeString(dir.resolve("train.txt"), train);
        Files.writeString(dir.resolve("valid.txt"), valid);
        List<ProcessHandle> victims = new ArrayList<>(executors("worker-2"));
        victims.add(ProcessHandle.of(pid("worker-2")).orElseThrow());
        Run run = submit(l -> l.startsWith("epoch 1 round 2:"), () -> kill9(victims), "train", "classify",
                "-input", dir.resolve("train.txt").toString(), "-valid", dir.resolve("valid.txt").toString(),
                "-output", dir.resolve("ft").toString(), "-dim", "8", "-epoch", "3", "-lr", "0.5", "-syncs", "4",
                "-partitions", "2");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.killedAt() > 0, "never killed: " + run.err());
        assertTrue(run.err().contains("Lost executor"), "Spark never saw the executor die:\n" + run.err());
        String rounds = run.err().lines().filter(l -> l.startsWith("epoch ")).reduce("", (a, b) -> a + b + "\n");
        assertEquals(12, rounds.lines().count(), rounds);   // every round ran once, 10 of them after the kill
        Matcher m = Pattern.compile("valid accuracy ([0-9.]+)").matcher(run.out());
        assertTrue(m.find() && Double.parseDouble(m.group(1)) > 0.95, run.out());
        System.out.printf("fault test, fastText-style: worker 2 and its executor killed at %.1f s (%d tasks lost);"
                + " job done in %.1f s; %s%n", run.killedAt(), run.tasksLost(), run.seconds(), m.group());
    }

    @Test
    @Order(2)
    void synchronousTaggerTrainingSurvivesAnExecutorKilled() throws Exception {
        cluster("start", "2");   // restarts worker 2 if the test before killed it
        StringBuilder conll = new StringBuilder();
        for (TaggedSentence s : SparkTests.tagged(800, 43, false)) {
            for (int i = 0; i < s.size(); i++) conll.append(s.tokens().get(i)).append(' ').append(s.tags().get(i)).append('\n');
            conll.append('\n');
        }
        Files.writeString(dir.resolve("train.conll"), conll);
        List<ProcessHandle> victims = new ArrayList<>();
        Run run = submit(l -> l.startsWith("step 51 "), () -> {
            try {
                victims.addAll(executors("worker-1"));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            kill9(victims);
        }, "train", "tag", "-input", dir.resolve("train.conll").toString(), "-output", dir.resolve("tag").toString(),
                "-dim", "8", "-hidden", "8", "-charDim", "0", "-epoch", "3", "-batch", "8", "-partitions", "2");
        assertEquals(0, run.code(), run.err());
        assertEquals(1, victims.size(), "worker 1 should have run one executor");
        assertTrue(run.err().contains("Lost executor"), "Spark never saw the executor die:\n" + run.err());
        assertTrue(run.err().contains("step 101 "), run.err());   // steps went on after the kill
        Tagger tagger = Tagger.load(dir.resolve("tag").resolve("model.xent"));
        double accuracy = tagger.evaluate(SparkTests.tagged(200, 44, false)).accuracy();
        assertTrue(accuracy > 0.95, "held-out accuracy " + accuracy);
        System.out.printf("fault test, synchronous tagger: worker 1's executor killed at %.1f s (%d tasks lost); job done"
                + " in %.1f s; held-out accuracy %.4f%n", run.killedAt(), run.tasksLost(), run.seconds(), accuracy);
    }
}
