// Runs `xent` commands in child JVMs (one kernel thread), so tests can signal or kill a real training process.
package dev.xent.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Child processes of {@code dev.xent.cli.Main} on the test class path, output to DIR/NAME.log. */
public final class ChildCli {
    private ChildCli() {}

    /** Starts {@code xent ARGS} with {@code -Dxent.threads=1}; stdout and stderr go to {@code dir/name.log}. */
    public static Process start(Path dir, String name, List<String> args) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "--add-modules", "jdk.incubator.vector",
                "--enable-native-access=ALL-UNNAMED", "-Dxent.threads=1", "-cp", System.getProperty("java.class.path"),
                "dev.xent.cli.Main"));
        cmd.addAll(args);
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile()).start();
    }

    /** Runs {@code xent ARGS} to its end (at most 5 minutes); returns the exit code. */
    public static int run(Path dir, String name, List<String> args) throws Exception {
        Process p = start(dir, name, args);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "xent " + args + " did not end in 5 minutes; " + log(dir, name));
        return p.exitValue();
    }

    /** What the child named {@code name} printed. */
    public static String log(Path dir, String name) throws IOException {
        Path f = dir.resolve(name + ".log");
        return Files.exists(f) ? Files.readString(f) : "(no log)";
    }

    /** The highest step of the checkpoints in {@code ckpts}, or -1. */
    public static long highestStep(Path ckpts) throws IOException {
        if (!Files.isDirectory(ckpts)) return -1;
        try (Stream<Path> s = Files.list(ckpts)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.matches("ckpt-\\d+\\.xent"))
                    .mapToLong(n -> Long.parseLong(n.substring(5, n.length() - 5))).max().orElse(-1);
        }
    }

    /** Waits (at most 5 minutes) until {@code run/checkpoints} has a checkpoint at step >= {@code step}. */
    public static void awaitCheckpoint(Process p, Path run, long step) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (highestStep(run.resolve("checkpoints")) < step && p.isAlive() && System.nanoTime() < deadline) Thread.sleep(20);
    }

    /** Sends SIGINT (as Ctrl-C does) or SIGTERM to the child. */
    public static void signal(Process p, String name) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(p.pid())).inheritIO().start();
        assertTrue(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0, "kill -" + name + " " + p.pid());
    }
}
