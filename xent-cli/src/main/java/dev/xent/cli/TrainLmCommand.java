// `xent train lm`: a char, word or BPE level LSTM/GRU language model (tied or not); by default a char LSTM on Europarl.
package dev.xent.cli;

import dev.xent.cli.lm.LmRun;
import dev.xent.cli.lm.LmSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

@Command(name = "lm", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train an LSTM or GRU language model over characters, words or BPE tokens, optionally with tied "
                + "embedding/decoder weights (truncated BPTT, Adam, gradient clipping).",
                "Without -input it trains on English Europarl text shipped in a Maven Central jar (no download).",
                "Prints validation perplexity before and after, sample generations, and writes runs/<name>/."},
        footerHeading = "%nSettings (flag, --config file or --set KEY=VALUE):%n",
        footer = {"  input valid maxChars validChars level minCount bpeVocab cell tied dim layers dropout bptt batch lr",
                "  clip epoch maxSteps",
                "  seed thread checkpointEvery keepCheckpoints logEvery skipBadLines samples sampleLength",
                "  temperature topK topP maxSeconds (defaults: docs/cli.md; every run writes its config.json)",
                "", "Examples:", "  xent train lm", "  xent train lm -input book.txt -epoch 3 -dim 512 -output book",
                "  xent train lm -level word -cell gru -tied true --set minCount=3",
                "  xent train lm --set level=bpe --set bpeVocab=2000",
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

    @Option(names = {"-level", "--level"}, paramLabel = "LEVEL", description = "Token level: char, word or bpe (setting level).")
    String level;

    @Option(names = {"-cell", "--cell"}, paramLabel = "CELL", description = "Recurrent cell: lstm or gru (setting cell).")
    String cell;

    @Option(names = {"-tied", "--tied"}, paramLabel = "BOOL", description = "Tie decoder and embedding weights: true or false (setting tied).")
    String tied;

    @Override
    public Integer call() throws Exception {
        if (level != null) flags.set.put("level", level);   // the same as --set level=...
        if (cell != null) flags.set.put("cell", cell);
        if (tied != null) flags.set.put("tied", tied);
        TrainSetup s = TrainSetup.start("lm", LmSettings.defaults(), flags, runFlags);
        PrintWriter out = s.announce(spec.commandLine().getOut());
        s.execute(() -> LmRun.train(s.config(), s.run(), s.resume(), progress.sink(System.err), out));
        return ExitCodes.OK;
    }
}
