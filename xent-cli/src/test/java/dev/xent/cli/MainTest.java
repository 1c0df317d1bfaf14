package dev.xent.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MainTest {
    @Test
    void versionAndHelp() {
        Cli v = Cli.run("--version");
        assertEquals(0, v.code());
        assertTrue(v.out().startsWith("xent "), v.out());
        // a lone --version skips picocli; through picocli (another option given too) it prints the same
        assertEquals(Cli.run("--debug", "--version").out(), v.out());
        Cli h = Cli.run("--help");
        assertEquals(0, h.code());
        // a lone --help builds only the commands' names and descriptions; the whole tree prints the same
        assertEquals(Cli.run("--debug", "--help").out(), h.out());
        assertEquals(Cli.run("-h").out(), h.out());
        for (String cmd : new String[] {"info", "export", "report", "info-theory"}) assertTrue(h.out().contains(cmd), cmd);
        assertTrue(h.out().contains("130"), "exit codes are listed");
        for (String cmd : new String[] {"info", "export", "report", "info-theory"}) {
            Cli c = Cli.run(cmd, "--help");
            assertEquals(0, c.code(), cmd);
            assertTrue(c.out().contains("Usage: xent " + cmd), c.out());
        }
        assertEquals(0, Cli.run("help", "info").code());
    }

    @Test
    void usageErrorsShowUsageAndHintWithExitCode2() {
        Cli c = Cli.run("info-theory", "--p", "1", "--bogus");
        assertEquals(ExitCodes.USAGE, c.code());
        assertTrue(c.err().startsWith("xent: error: Unknown option: '--bogus'"), c.err());
        assertTrue(c.err().contains("Usage: xent info-theory"), c.err());
        assertTrue(c.err().contains("Hint: run 'xent info-theory --help'"), c.err());

        Cli unknownCommand = Cli.run("trian");
        assertEquals(ExitCodes.USAGE, unknownCommand.code());
        assertTrue(unknownCommand.err().contains("unknown command 'trian'"), unknownCommand.err());

        Cli none = Cli.run();
        assertEquals(ExitCodes.USAGE, none.code());
        assertTrue(none.err().contains("missing command"), none.err());
    }

    @Test
    void anUnknownCommandIsAUsageErrorEvenWithHelp() {
        for (String[] args : new String[][] {{"distill", "--help"}, {"distill"}, {"train", "summarize", "--help"},
            {"train", "summarize"}, {"trian", "-h"}}) {
            Cli c = Cli.run(args);
            String line = String.join(" ", args);
            assertEquals(ExitCodes.USAGE, c.code(), line);
            assertEquals("", c.out(), line + ": nothing on stdout");
            assertTrue(c.err().startsWith("xent: error: unknown command '" + args[args[0].equals("train") ? 1 : 0] + "'"),
                    c.err());
            assertTrue(c.err().contains(args[0].equals("train") ? "its commands: lm, classify, tag"
                    : "its commands: train, eval, predict"), c.err());
        }
        assertTrue(Cli.run("trian").err().contains("Did you mean: xent translate or xent train?"), "a suggestion");
        assertTrue(Cli.run("train", "lmm", "--help").err().contains("Did you mean: train lm?"), "a suggestion");
        assertEquals(0, Cli.run("train", "--help").code());
        assertEquals(0, Cli.run("train", "lm", "--help").code());
    }

    @Test
    void tasksThatAreNotImplementedDoNotExist() {
        for (String cmd : new String[] {"train", "eval", "predict", "generate", "score", "serve"}) {
            assertEquals(ExitCodes.USAGE, Cli.run(cmd).code(), cmd);
        }
    }

    @Test
    void libraryErrorIsOneCleanLineUnlessDebug() {
        Cli c = Cli.run("info-theory", "--p", "0.5,0.25");
        assertEquals(ExitCodes.USAGE, c.code());
        assertTrue(c.cleanError(), c.err());
        assertTrue(c.err().contains("p must sum to 1"), c.err());

        Cli d = Cli.run("info-theory", "--debug", "--p", "0.5,0.25");
        assertEquals(ExitCodes.USAGE, d.code());
        assertTrue(d.err().contains("\tat dev.xent.info.Information"), "--debug prints the stack trace: " + d.err());
        Cli top = Cli.run("--debug", "info-theory", "--p", "0.5,0.25");
        assertTrue(top.err().contains("\tat "), "--debug before the command works too: " + top.err());
    }

    @Test
    void failuresMapToExitCodes() {
        assertEquals(ExitCodes.BAD_INPUT, Failures.classify(new dev.xent.io.BundleFormatException("x")).exitCode());
        assertEquals(ExitCodes.BAD_INPUT, Failures.classify(new java.nio.file.NoSuchFileException("a.txt")).exitCode());
        assertEquals("a.txt: no such file or directory",
                Failures.classify(new java.nio.file.NoSuchFileException("a.txt")).message());
        assertEquals(ExitCodes.BAD_INPUT, Failures.classify(
                new java.io.UncheckedIOException(new java.nio.charset.MalformedInputException(1))).exitCode());
        assertEquals(ExitCodes.USAGE, Failures.classify(new IllegalArgumentException("lr must be > 0")).exitCode());
        dev.xent.data.DataException bad = dev.xent.data.DataException.bad("train.csv", 17, "wrong column count", "a,b",
                "quote the field");
        assertEquals(ExitCodes.BAD_INPUT, Failures.classify(bad).exitCode());
        assertEquals(bad.getMessage(), Failures.classify(bad).message());
        assertEquals(ExitCodes.BAD_INPUT, Failures.classify(new dev.xent.text.TextFormatException("vocab.json: x")).exitCode());
        assertEquals(ExitCodes.INTERRUPTED, Failures.classify(new InterruptedException()).exitCode());
        assertEquals(ExitCodes.FAILURE, Failures.classify(new java.io.IOException("disk full")).exitCode());
        Failures.Failure npe = Failures.classify(new NullPointerException());
        assertEquals(ExitCodes.FAILURE, npe.exitCode());
        assertTrue(npe.message().startsWith("internal error: java.lang.NullPointerException"), npe.message());
        assertTrue(npe.message().contains("--debug"));
    }
}
