// `xent train lm`: a character-level LSTM language model; by default on the built-in Europarl sample (the main job).
package dev.xent.cli;

import dev.xent.cli.lm.LmRun;
import dev.xent.cli.lm.LmSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

@Command(name = "lm", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a character-level LSTM language model (truncated BPTT, Adam, gradient clipping).",
                "Without -input it trains on English Europarl text shipped in a Maven Central jar (no download).",
                "Prints validation perplexity before and after, sample generations, and writes runs/<name>/."},
        footerHeading = "%nSettings (flag, --config file or --set KEY=VALUE):%n",
        footer = {"  input valid maxChars validChars minCount dim layers dropout bptt batch lr clip epoch maxSteps",
                "  seed thread checkpointEvery keepCheckpoints logEvery skipBadLines samples sampleLength",
                "  temperature topK topP maxSeconds (defaults: docs/cli.md; every run writes its config.json)",
                "", "Examples:", "  xent train lm", "  xent train lm -input book.txt -epoch 3 -dim 512 -output book",
                "  xent train lm --resume runs/book"})
final class TrainLmCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    TrainFlags flags;

    @Mixin
    RunFlags runFlags;

    @Mixin
    ProgressFlags progress;

    @Override
    public Integer call() throws Exception {
        TrainSetup s = TrainSetup.start("lm", LmSettings.defaults(), flags, runFlags);
        PrintWriter out = s.announce(spec.commandLine().getOut());
        s.execute(() -> LmRun.train(s.config(), s.run(), s.resume(), progress.sink(System.err), out));
        return ExitCodes.OK;
    }
}
