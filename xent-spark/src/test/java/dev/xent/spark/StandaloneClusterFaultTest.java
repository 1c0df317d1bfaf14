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

    /** What a driver run printed, and when (seconds from its start) the fault was injected. */
    record Run(int code, String out, String err, double seconds, double killedAt) {
        /**
         * The scheduler's reports of a task that was running on the killed executor (Spark 4.2: "task 1.0 in stage
         * 10.0 (TID 16) failed because while it was being computed, its executor exited …"; retried elsewhere,
         * not counted as the task's failure).
         */
        long tasksLost() {
            return err.lines().filter(l -> l.contains("its executor exited") || l.contains("Lost task")).count();
        }
    }

    /**
     * Runs XentSparkMain as its own driver JVM on the cluster (this JVM's flags and class path; the executors get
     * xent's classes from the same directories) and calls {@code kill} once, on the first stderr line {@code when}
     * accepts. The driver logs at WARN, and at INFO the scheduler's "Starting task … (127.0.0.1, executor N, …)".
     */
    private static Run submit(Predicate<String> when, Runnable kill, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow()));
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) if (!a.startsWith("-Xmx")) cmd.add(a);
        List<String> dirs = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            if (Files.isDirectory(Path.of(e))) dirs.add(e);
        }
        Path log4j = Files.writeString(dir.resolve("log4j2.properties"), String.join("\n",
                "rootLogger.level = warn", "rootLogger.appenderRef.stderr.ref = stderr", "appender.stderr.type = Console",
                "appender.stderr.name = stderr", "appender.stderr.target = SYSTEM_ERR",
                "appender.stderr.layout.type = PatternLayout", "appender.stderr.layout.pattern = %d{HH:mm:ss.SSS} %p %c{1}: %m%n",
                "logger.tasks.name = org.apache.spark.scheduler.TaskSetManager", "logger.tasks.level = info", ""));
        cmd.addAll(List.of("-Xmx1g", "-cp", System.getProperty("java.class.path"),
                "-Dlog4j2.configurationFile=" + log4j,
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
        Files.writeString(Path.of("target", "fault-test-" + args[1] + ".log"), err);   // the driver's log, to read
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

    private static long uncheckedPid(String daemon) {
        try {
            return pid(daemon);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The executor id of the worker's one executor, which is put into {@code victims} the first time. */
    private static String victim(List<ProcessHandle> victims, String worker) {
        if (victims.isEmpty()) {
            List<ProcessHandle> children = ProcessHandle.of(uncheckedPid(worker)).orElseThrow().children().toList();
            if (children.size() != 1) throw new IllegalStateException(worker + " runs " + children.size() + " executors");
            victims.add(children.get(0));
        }
        return executorId(victims.get(0));
    }

    /** The id Spark gave an executor JVM (its --executor-id argument). */
    private static String executorId(ProcessHandle executor) {
        String[] args = executor.info().arguments().orElseThrow();
        for (int i = 0; i + 1 < args.length; i++) if (args[i].equals("--executor-id")) return args[i + 1];
        throw new IllegalStateException("no --executor-id in " + String.join(" ", args));
    }

    /**
     * Accepts the driver's first log line launching a task on the executor {@code victim} gives, once a line starting
     * with {@code progress} went by: killed then, the executor dies with that task running (or about to).
     */
    private static Predicate<String> taskLaunchedAfter(String progress, java.util.function.Supplier<String> victim) {
        boolean[] armed = {false};
        return line -> {
            if (line.startsWith(progress)) armed[0] = true;
            return armed[0] && line.contains("Starting task") && line.contains("executor " + victim.get() + ",");
        };
    }

    /** How many executors a worker started for the last application (its work dir has a folder for each). */
    private static long executorDirs(String workDir) throws IOException {
        try (var apps = Files.list(dir.resolve("cluster").resolve(workDir))) {
            Path last = apps.filter(Files::isDirectory).max(Path::compareTo).orElseThrow();   // app-TIME-N sorts by time
            try (var executors = Files.list(last)) {
                return executors.filter(Files::isDirectory).count();
            }
        }
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
        List<ProcessHandle> victims = new ArrayList<>();   // worker 2's executor, then worker 2 itself
        Run run = submit(taskLaunchedAfter("epoch 1 round 2:", () -> victim(victims, "worker-2")), () -> {
            victims.add(ProcessHandle.of(uncheckedPid("worker-2")).orElseThrow());
            kill9(victims);
        }, "train", "classify",
                "-input", dir.resolve("train.txt").toString(), "-valid", dir.resolve("valid.txt").toString(),
                "-output", dir.resolve("ft").toString(), "-dim", "8", "-epoch", "3", "-lr", "0.5", "-syncs", "4",
                "-partitions", "2");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.killedAt() > 0, "never killed: " + run.err());
        assertTrue(run.err().contains("Lost executor"), "Spark never saw the executor die:\n" + run.err());
        assertEquals(2, victims.size(), "worker 2 and its executor");
        assertTrue(run.tasksLost() >= 1, "no task was running on the killed executor:\n" + run.err());
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
        Run run = submit(taskLaunchedAfter("step 51 ", () -> victim(victims, "worker-1")), () -> kill9(victims),
                "train", "tag", "-input", dir.resolve("train.conll").toString(), "-output", dir.resolve("tag").toString(),
                "-dim", "8", "-hidden", "8", "-charDim", "0", "-epoch", "3", "-batch", "8", "-partitions", "2");
        assertEquals(0, run.code(), run.err());
        assertEquals(1, victims.size(), "worker 1's executor");
        assertTrue(run.err().contains("Lost executor"), "Spark never saw the executor die:\n" + run.err());
        assertTrue(run.tasksLost() >= 1, "no task was running on the killed executor:\n" + run.err());
        assertTrue(run.err().contains("step 101 "), run.err());   // steps went on after the kill
        Tagger tagger = Tagger.load(dir.resolve("tag").resolve("model.xent"));
        double accuracy = tagger.evaluate(SparkTests.tagged(200, 44, false)).accuracy();
        assertTrue(accuracy > 0.95, "held-out accuracy " + accuracy);
        System.out.printf("fault test, synchronous tagger: worker 1's executor killed at %.1f s (%d tasks lost); job done"
                + " in %.1f s; held-out accuracy %.4f; executors worker 1 ran for the job: %d%n", run.killedAt(),
                run.tasksLost(), run.seconds(), accuracy, executorDirs("work-1"));
    }
}
