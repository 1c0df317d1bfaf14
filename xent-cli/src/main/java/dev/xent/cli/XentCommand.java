// The root `xent` command: global options, help text and exit codes (Main adds the subcommands).
package dev.xent.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

@Command(name = "xent",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Train and use NLP models by minimising cross-entropy, in pure Java.",
        footerHeading = "%n",
        footer = {"Main job: xent train lm   (a character LSTM on built-in Europarl text, report in runs/<name>/report.html)",
                "Documentation: docs/cli.md"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:ok",
            "1:runtime failure (I/O error, out of memory, internal error)",
            "2:usage error (unknown option, missing or invalid argument)",
            "3:bad input data (missing, malformed, truncated or foreign file)",
            "130:interrupted (Ctrl-C)"})
final class XentCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
            description = "On an error, print the full stack trace too.")
    boolean debug;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("xent: error: missing command");
        spec.commandLine().getErr().println();
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }
}
