// docs/api.md's "Depend on xent", done for real: install xent, then build and run a separate Maven project on it.
package dev.xent.examples;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Copies this repository's poms and xent-core/xent-nlp sources to a temporary folder (so the build under test
 * is not disturbed), installs them with {@code mvn install} into the local Maven repository as a user does,
 * then builds {@code src/test/resources/consumer} — a project that only declares {@code dev.xent:xent-nlp} —
 * and runs its main with the JVM flag the docs give. This checks the published poms (coordinates, transitive
 * dependencies, Java level), not just the reactor. Needs Maven on the PATH (the build runs on it).
 */
@Tag("slow")
class ConsumerProjectTest {

    @Test
    void aSeparateProjectBuildsAndTrainsAgainstTheInstalledArtifacts(@TempDir Path tmp) throws Exception {
        Path repo = Path.of("..").toAbsolutePath().normalize();
        Path copy = tmp.resolve("xent");
        try (Stream<Path> poms = Files.list(repo)) {   // every module's pom (the parent names them all), no sources
            for (Path m : poms.toList()) {
                if (Files.exists(m.resolve("pom.xml"))) copyFile(m.resolve("pom.xml"), copy.resolve(m.getFileName()).resolve("pom.xml"));
            }
        }
        copyFile(repo.resolve("pom.xml"), copy.resolve("pom.xml"));
        for (String d : List.of("xent-core/src/main", "xent-nlp/src/main")) copyTree(repo.resolve(d), copy.resolve(d));
        String java = javaHome();
        mvn(copy, tmp.resolve("install.log"), java, "install", "-DskipTests", "-pl", ".,xent-core,xent-nlp");

        Path consumer = tmp.resolve("consumer");
        copyTree(Path.of("src/test/resources/consumer"), consumer);
        mvn(consumer, tmp.resolve("consumer.log"), java, "package", "dependency:build-classpath",
                "-Dmdep.outputFile=cp.txt");
        String cp = consumer.resolve("target/classes") + ":" + Files.readString(consumer.resolve("cp.txt")).strip();
        Process run = new ProcessBuilder(java + "/bin/java", "--add-modules", "jdk.incubator.vector", "-cp", cp,
                "consumer.Main").redirectErrorStream(true).start();
        String out = new String(run.getInputStream().readAllBytes());
        assertTrue(run.waitFor(2, TimeUnit.MINUTES));
        assertEquals(0, run.exitValue(), out);
        String line = out.lines().filter(l -> l.startsWith("consumer: loss")).findFirst().orElse(out);
        String[] parts = line.replace("consumer: loss ", "").split(" -> ");
        assertTrue(Double.parseDouble(parts[1]) < Double.parseDouble(parts[0]) / 2, "it trains: " + line);
        System.out.println("ConsumerProjectTest: " + line);
    }

    private static String javaHome() {
        return Path.of(ProcessHandle.current().info().command().orElseThrow()).getParent().getParent().toString();
    }

    private static void mvn(Path dir, Path log, String javaHome, String... goals) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("mvn", "-B", "-q", "-ntp"));
        cmd.addAll(List.of(goals));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().put("JAVA_HOME", javaHome);
        Process p = pb.start();
        assertTrue(p.waitFor(10, TimeUnit.MINUTES), "mvn " + String.join(" ", goals) + " did not end");
        assertEquals(0, p.exitValue(), "mvn " + String.join(" ", goals) + " in " + dir + ":\n" + Files.readString(log));
    }

    private static void copyFile(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(t);
                else copyFile(p, t);
            }
        }
    }
}
