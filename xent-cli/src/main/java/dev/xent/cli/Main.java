// Entry point of the `xent` command: builds the picocli command tree, runs it, and maps failures to exit codes.
package dev.xent.cli;

import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/** The only place in xent that calls {@link System#exit}. */
public final class Main {
    private Main() {}

    /**
     * The subcommands, in the order `xent --help` lists them. Picocli reflects over every command class it is
     * given (options, fields, method signatures, static initialisers), so a launch builds only the one it runs.
     */
    private static final Map<String, Supplier<Object>> SUBCOMMANDS = new LinkedHashMap<>();
    static {
        SUBCOMMANDS.put("train", TrainCommand::new);
        SUBCOMMANDS.put("eval", EvalCommand::new);
        SUBCOMMANDS.put("predict", PredictCommand::new);
        SUBCOMMANDS.put("generate", GenerateCommand::new);
        SUBCOMMANDS.put("score", ScoreCommand::new);
        SUBCOMMANDS.put("serve", ServeCommand::new);
        SUBCOMMANDS.put("info", InfoCommand::new);
        SUBCOMMANDS.put("export", ExportCommand::new);
        SUBCOMMANDS.put("report", ReportCommand::new);
        SUBCOMMANDS.put("info-theory", InfoTheoryCommand::new);
        SUBCOMMANDS.put("help", CommandLine.HelpCommand::new);
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");   // charts render without a display
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        System.exit(run(args, out, err));
    }

    /** Runs one command line with the given streams and returns the exit code (see {@link ExitCodes}). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            // what picocli would print, without loading and verifying its ~150 Java 5 classes (no cache holds them)
            for (String line : new VersionProvider().getVersion()) out.println(line);
            out.flush();
            return ExitCodes.OK;
        }
        CommandLine cli = commandLine(args, out, err);
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /**
     * The command tree for {@code args}: only the subcommand the first argument names (other than `help`, which
     * describes the others); else all of them (root help, suggestions for a misspelt command, options first).
     */
    static CommandLine commandLine(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new XentCommand());
        String first = args.length > 0 ? args[0] : "";
        Supplier<Object> only = first.equals("help") ? null : SUBCOMMANDS.get(first);
        if (only != null) {
            cli.addSubcommand(first, only.get());
        } else {
            SUBCOMMANDS.forEach((name, make) -> cli.addSubcommand(name, make.get()));
        }
        cli.setOut(out);
        cli.setErr(err);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setParameterExceptionHandler(Main::usageError);
        cli.setExecutionExceptionHandler(Main::runtimeError);
        return cli;
    }

    /** A command line picocli cannot parse: the message, suggestions, the usage, and where to read more. */
    private static int usageError(CommandLine.ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println("xent: error: " + ex.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
        err.println();
        cmd.usage(err);
        err.println();
        err.println("Hint: run '" + cmd.getCommandSpec().qualifiedName() + " --help' for details and examples;"
                + " docs/cli.md describes every command.");
        return ExitCodes.USAGE;
    }

    /** An exception from a running command: one line, no stack trace unless --debug was given. */
    private static int runtimeError(Exception ex, CommandLine cmd, ParseResult parsed) {
        Failures.Failure f = Failures.classify(ex);
        PrintWriter err = cmd.getErr();
        err.println("xent: error: " + f.message());
        if (debug(parsed)) {
            ex.printStackTrace(err);
        } else if (f.exitCode() == ExitCodes.USAGE) {
            err.println("Hint: run '" + cmd.getCommandSpec().qualifiedName() + " --help' for the options.");
        }
        err.flush();
        return f.exitCode();
    }

    private static boolean debug(ParseResult parsed) {
        for (ParseResult r = parsed; r != null; r = r.subcommand()) {
            if (r.hasMatchedOption("--debug")) return true;
        }
        return false;
    }
}
