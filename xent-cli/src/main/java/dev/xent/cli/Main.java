// Entry point of the `xent` command: builds the picocli command tree, runs it, and maps failures to exit codes.
package dev.xent.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The only place in xent that calls {@link System#exit}. */
public final class Main {
    private Main() {}

    /**
     * The subcommands, in the order `xent --help` lists them. Picocli reflects over every command class it is
     * given (options, fields, method signatures, static initialisers), so a launch builds only the one it runs.
     */
    private static final Map<String, Class<?>> SUBCOMMANDS = new LinkedHashMap<>();
    static {
        SUBCOMMANDS.put("train", TrainCommand.class);
        SUBCOMMANDS.put("eval", EvalCommand.class);
        SUBCOMMANDS.put("predict", PredictCommand.class);
        SUBCOMMANDS.put("tune", TuneCommand.class);
        SUBCOMMANDS.put("generate", GenerateCommand.class);
        SUBCOMMANDS.put("translate", TranslateCommand.class);
        SUBCOMMANDS.put("score", ScoreCommand.class);
        SUBCOMMANDS.put("serve", ServeCommand.class);
        SUBCOMMANDS.put("info", InfoCommand.class);
        SUBCOMMANDS.put("export", ExportCommand.class);
        SUBCOMMANDS.put("report", ReportCommand.class);
        SUBCOMMANDS.put("info-theory", InfoTheoryCommand.class);
        SUBCOMMANDS.put("help", CommandLine.HelpCommand.class);
    }

    public static void main(String[] args) {
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
        int code;
        try {
            code = cli.execute(args);
        } catch (VirtualMachineError e) {   // picocli passes Errors through: out of memory must still be one line
            Failures.Failure f = Failures.classify(e);
            err.println("xent: error: " + f.message());
            if (java.util.Arrays.asList(args).contains("--debug")) e.printStackTrace(err);
            code = f.exitCode();
        }
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
        Class<?> only = first.equals("help") ? null : SUBCOMMANDS.get(first);
        boolean rootHelp = args.length == 1 && (first.equals("--help") || first.equals("-h"));
        // each as a CommandLine of its own: picocli applies a command's model transformer (the train commands' setting
        // flags) when a CommandLine is made from it, not when a bare object is added as a subcommand
        if (only != null) {
            cli.addSubcommand(first, new CommandLine(only));
        } else if (rootHelp) {   // the root's help lists each command's name and description, nothing more
            SUBCOMMANDS.forEach((name, type) -> cli.addSubcommand(name, summary(name, type)));
        } else {
            SUBCOMMANDS.forEach((name, type) -> cli.addSubcommand(name, new CommandLine(type)));
        }
        cli.setOut(out);
        cli.setErr(err);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setParameterExceptionHandler(Main::usageError);
        cli.setExecutionExceptionHandler(Main::runtimeError);
        cli.setExecutionStrategy(Main::unknownCommandFirst);
        return cli;
    }

    /**
     * A command as `xent --help` shows it, its name, header and description read from its {@code @Command} alone: without
     * reflecting over its options, which took most of that help's time.
     */
    private static CommandLine summary(String name, Class<?> type) {
        CommandLine.Command c = type.getAnnotation(CommandLine.Command.class);
        CommandSpec spec = CommandSpec.create().name(name);
        // the list shows a command's header, else its description (`help` has both)
        spec.usageMessage().header(c.header()).description(c.description()).hidden(c.hidden());
        return new CommandLine(spec);
    }

    /**
     * picocli ignores words it cannot match when --help is given, so `xent tune --help` would print xent's help and
     * exit 0; here a word left over is a usage error (an unknown command) with or without --help.
     */
    private static int unknownCommandFirst(ParseResult parsed) {
        ParseResult last = parsed;
        while (last.hasSubcommand()) last = last.subcommand();
        if (!last.unmatched().isEmpty()) {
            throw new CommandLine.UnmatchedArgumentException(last.commandSpec().commandLine(), last.unmatched());
        }
        return new CommandLine.RunLast().execute(parsed);
    }

    /** A command line picocli cannot parse: the message, suggestions, the usage, and where to read more. */
    private static int usageError(CommandLine.ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        String word = unknownCommand(ex);
        if (word != null) {
            err.println("xent: error: unknown command '" + word + "' for '" + cmd.getCommandSpec().qualifiedName()
                    + "'; its commands: " + String.join(", ", cmd.getSubcommands().keySet()));
        } else {
            err.println("xent: error: " + ex.getMessage() + otherCommandsOption(ex));
        }
        CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
        err.println();
        cmd.usage(err);
        err.println();
        err.println("Hint: run '" + cmd.getCommandSpec().qualifiedName() + " --help' for details and examples;"
                + " docs/cli.md describes every command.");
        return ExitCodes.USAGE;
    }

    /** The word taken for a command name, when a command with subcommands got one it does not have; else null. */
    private static String unknownCommand(CommandLine.ParameterException ex) {
        if (!(ex instanceof CommandLine.UnmatchedArgumentException u) || u.getUnmatched().isEmpty()) return null;
        CommandLine cmd = ex.getCommandLine();
        String first = u.getUnmatched().get(0);
        boolean takesPositionals = !cmd.getCommandSpec().positionalParameters().isEmpty();
        return cmd.getSubcommands().isEmpty() || takesPositionals || first.startsWith("-") ? null : first;
    }

    /** "; -wordNgrams is an option of 'xent train classify'" when an unknown option is a sibling command's. */
    private static String otherCommandsOption(CommandLine.ParameterException ex) {
        CommandLine cmd = ex.getCommandLine();
        if (!(ex instanceof CommandLine.UnmatchedArgumentException u) || cmd.getParent() == null) return "";
        StringBuilder s = new StringBuilder();
        for (String arg : u.getUnmatched()) {
            if (!arg.startsWith("-")) continue;
            String name = arg.split("=", 2)[0];
            List<String> owners = new ArrayList<>();
            for (CommandLine sibling : cmd.getParent().getSubcommands().values()) {
                if (sibling != cmd && sibling.getCommandSpec().findOption(name) != null) {
                    owners.add("'" + sibling.getCommandSpec().qualifiedName() + "'");
                }
            }
            if (!owners.isEmpty()) s.append("; ").append(name).append(" is an option of ").append(String.join(", ", owners))
                    .append(", not of '").append(cmd.getCommandSpec().qualifiedName()).append("'");
        }
        return s.toString();
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
