package dev.xent.train;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real crash: a child JVM trains {@link ResumeTest}'s run with checkpoints and is killed with SIGKILL
 * (Process.destroyForcibly) mid-run; this JVM resumes from its checkpoint directory and must end with the
 * weights and history of an uninterrupted run, bit for bit.
 */
@Tag("slow")
class KillResumeTest {

    /** The child: trains, printing "step N" after each step, slowly enough to be killed mid-run. */
    public static void main(String[] args) throws Exception {
        ResumeTest.Run run = new ResumeTest.Run(1);
        ProgressListener report = p -> {
            System.out.println("step " + p.step());
            System.out.flush();
            try {
                Thread.sleep(30);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        run.trainer.fit(ResumeTest.TRAIN, run.options(Path.of(args[0])).listeners(report).build());
        System.out.println("done");
    }

    @Test
    void sigkillThenResumeEqualsUninterrupted(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("ckpt");
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElseThrow());
        cmd.addAll(List.of("--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"),
                KillResumeTest.class.getName(), dir.toString()));
        Process child = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        long killedAfter = -1;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                if (line.startsWith("step ") && Long.parseLong(line.substring(5)) >= 23) {
                    child.destroyForcibly();                       // SIGKILL: no shutdown hooks, no flush
                    killedAfter = Long.parseLong(line.substring(5));
                    break;
                }
            }
        } finally {
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the child must die");
        }
        assertTrue(killedAfter >= 23, "the child must reach step 23 before the kill (it printed nothing?)");

        long saved = new dev.xent.io.Checkpoints(dir, 2).latest().orElseThrow().step();
        assertTrue(saved >= 20 && saved < 50, "resume from a mid-run checkpoint; newest is step " + saved);
        ResumeTest.Run full = new ResumeTest.Run(1);
        History h = full.trainer.fit(ResumeTest.TRAIN, full.options(tmp.resolve("full")).build());
        ResumeTest.Run resumed = new ResumeTest.Run(555);
        History hr = resumed.trainer.resume(ResumeTest.TRAIN, resumed.options(dir).build());
        assertArrayEquals(full.model.flat(), resumed.model.flat(), "killed after step " + killedAfter);
        assertArrayEquals(h.stepLosses(), hr.stepLosses());
        assertEquals(h.get("val_loss"), hr.get("val_loss"));
    }
}
