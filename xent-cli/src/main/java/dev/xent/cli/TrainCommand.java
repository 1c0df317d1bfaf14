// `xent train`: the parent of the task training commands.
package dev.xent.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a model; everything goes to runs/<name>/ (config.json, metrics.jsonl, checkpoints/, "
                + "model.xent, report.html).",
        subcommands = {TrainLmCommand.class, TrainClassifyCommand.class, TrainTagCommand.class,
                TrainTranslateCommand.class, TrainVectorsCommand.class})
final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("xent: error: missing task: xent train lm|classify|tag|translate|vectors");
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }
}
