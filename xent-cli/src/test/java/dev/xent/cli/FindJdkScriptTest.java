package dev.xent.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** scripts/find-jdk.sh, which the launcher runs on every launch, on fake JDK homes. */
class FindJdkScriptTest {
    private static final Path SCRIPT = Path.of("..", "scripts", "find-jdk.sh");

    /** A directory that looks like a JDK: bin/java (printing {@code version} when asked), bin/javac, a release file. */
    private static Path fakeJdk(Path dir, String release, String version) throws IOException {
        Files.createDirectories(dir.resolve("bin"));
        String java = "#!/bin/sh\necho '    java.specification.version = " + version + "' >&2\n";
        for (String tool : new String[] {"java", "javac"}) {
            Path f = dir.resolve("bin").resolve(tool);
            Files.writeString(f, java, StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        if (release != null) Files.writeString(dir.resolve("release"), release, StandardCharsets.UTF_8);
        return dir;
    }

    private static String find(Path xentJavaHome) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", SCRIPT.toString());
        pb.environment().put("XENT_JAVA_HOME", xentJavaHome.toString());
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        p.waitFor();
        return out;
    }

    @Test
    void readsTheVersionFromTheReleaseFileWithoutStartingJava(@TempDir Path dir) throws Exception {
        // bin/java would say 17: the release file's 25 is what counts, so the JVM was not started
        Path jdk = fakeJdk(dir.resolve("jdk25"), "IMPLEMENTOR=\"x\"\nJAVA_VERSION=\"25.0.3\"\n", "17");
        assertEquals(jdk.toString(), find(jdk));
        Path ea = fakeJdk(dir.resolve("jdk21"), "JAVA_VERSION=\"21-ea\"\n", "17");
        assertEquals(ea.toString(), find(ea));
    }

    @Test
    void asksJavaWhenThereIsNoReleaseFileAndRefusesOldJdks(@TempDir Path dir) throws Exception {
        Path noRelease = fakeJdk(dir.resolve("jdk22"), null, "22");
        assertEquals(noRelease.toString(), find(noRelease));
        Path old = fakeJdk(dir.resolve("jdk17"), "JAVA_VERSION=\"17.0.15\"\n", "17");
        assertNotEquals(old.toString(), find(old));   // another JDK >= 21 of the machine, or none
    }
}
