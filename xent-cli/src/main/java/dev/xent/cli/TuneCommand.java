// `xent tune`: the parent of the task search commands (classify, tag, lm, translate).
package dev.xent.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

@Command(name = "tune", mixinStandardHelpOptions = true,
        description = "Search a task's settings (and, for classify, model families) within a budget; the best model and "
                + "its config.json go to runs/<name>/ with every trial in trials.jsonl and a report.",
        subcommands = {TuneClassifyCommand.class, TuneTagCommand.class, TuneLmCommand.class,
                TuneTranslateCommand.class})
final class TuneCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("xent: error: missing task: xent tune classify|tag|lm|translate");
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }
}
