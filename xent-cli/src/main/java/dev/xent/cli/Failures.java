// Turns an exception escaping a command into an exit code and one clean line `xent: error: <message>`.
package dev.xent.cli;

import dev.xent.data.DataException;
import dev.xent.io.BundleFormatException;
import dev.xent.io.SafetensorsException;
import dev.xent.text.TextFormatException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * The library's exceptions carry messages written for users (file:line, rule, value, fix); the CLI prints them
 * as they are. Only an exception without such a message (a bug) is named by its class.
 */
public final class Failures {
    private Failures() {}

    record Failure(int exitCode, String message) {}

    static Failure classify(Throwable t) {
        if (t instanceof CommandFailure f) return new Failure(f.exitCode(), messageOf(f));
        if (t instanceof UncheckedIOException u && u.getCause() != null) t = u.getCause();
        if (t instanceof InterruptedException || t instanceof ClosedByInterruptException) {
            return new Failure(ExitCodes.INTERRUPTED, "interrupted");
        }
        if (t instanceof BadInputException || t instanceof dev.xent.train.CheckpointMismatchException
                || t instanceof BundleFormatException || t instanceof SafetensorsException
                || t instanceof CharacterCodingException || t instanceof DataException
                || t instanceof TextFormatException) {
            return new Failure(ExitCodes.BAD_INPUT, messageOf(t));
        }
        if (t instanceof FileSystemException f) return new Failure(ExitCodes.BAD_INPUT, fileMessage(f));
        if (t instanceof IllegalArgumentException) return new Failure(ExitCodes.USAGE, messageOf(t));
        if (t instanceof IOException) return new Failure(ExitCodes.FAILURE, "I/O error: " + messageOf(t));
        if (t instanceof OutOfMemoryError) {
            return new Failure(ExitCodes.FAILURE, "out of memory (" + messageOf(t) + "); use a smaller batch or model, "
                    + "or " + moreHeap("./xent ..."));
        }
        if (t instanceof dev.xent.train.NonFiniteLossException) return new Failure(ExitCodes.FAILURE, messageOf(t));
        if (t instanceof StackOverflowError) return new Failure(ExitCodes.FAILURE, "stack overflow (a bug in xent; rerun with --debug and report it)");
        String m = t.getMessage();
        if (t instanceof RuntimeException && m != null && !m.isBlank() && !(t instanceof NullPointerException)
                && !(t instanceof IndexOutOfBoundsException) && !(t instanceof ClassCastException)) {
            return new Failure(ExitCodes.FAILURE, m);
        }
        return new Failure(ExitCodes.FAILURE, "internal error: " + t + " (a bug in xent; rerun with --debug for the "
                + "stack trace and report it)");
    }

    /**
     * "give the JVM more heap than its cap of N MB, e.g. XENT_JAVA_OPTS=-XmxMg COMMAND": twice the cap in effect (the
     * launcher's default or the user's), rounded up to whole gigabytes.
     */
    public static String moreHeap(String command) {
        long capMb = Runtime.getRuntime().maxMemory() >> 20;
        long suggestGb = Math.max(2, (2 * capMb + 1023) / 1024);
        return "give the JVM more heap than its cap of " + capMb + " MB, e.g. XENT_JAVA_OPTS=-Xmx" + suggestGb + "g "
                + command + " (docs/cli.md#heap)";
    }

    private static String messageOf(Throwable t) {
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
    }

    /** The JDK's file exceptions hold just the path as message; say what happened to it. */
    private static String fileMessage(FileSystemException f) {
        String file = f.getFile() == null ? "?" : f.getFile();
        String what = switch (f) {
            case NoSuchFileException e -> "no such file or directory";
            case AccessDeniedException e -> "permission denied";
            case FileAlreadyExistsException e -> "already exists";
            case NotDirectoryException e -> "not a directory";
            case DirectoryNotEmptyException e -> "directory not empty";
            default -> f.getReason() == null ? f.getClass().getSimpleName() : f.getReason();
        };
        return file + ": " + what + (f.getOtherFile() != null ? " (" + f.getOtherFile() + ")" : "");
    }
}
