// `xent train lm`: a char, word or BPE level LSTM/GRU (tied or not) or Transformer LM; by default a char LSTM on Europarl.
package dev.xent.cli;

import dev.xent.cli.lm.LmRun;
import dev.xent.cli.lm.LmSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "lm", mixinStandardHelpOptions = true, sortOptions = false,
        modelTransformer = TrainLmCommand.Flags.class,
        description = {"Train a language model over characters, words or BPE tokens: -model rnn (default), an LSTM or "
                + "GRU (-cell), optionally with tied embedding/decoder weights (truncated BPTT, Adam, gradient "
                + "clipping); -model transformer, a GPT-style decoder (random blocks, AdamW).",
                "A setting marked [rnn] or [transformer] applies to that model only; any other is refused.",
                "Without -input it trains on English Europarl text shipped in a Maven Central jar (no download).",
                "Prints validation perplexity before and after, sample generations, and writes runs/<name>/."},
        footer = {"Examples:", "  xent train lm", "  xent train lm -input book.txt -epoch 3 -dim 512 -output book",
                "  xent train lm -level word -cell gru -tied --set minCount=3",
                "  xent train lm -level bpe --set bpeVocab=2000",
                "  xent train lm -model transformer --set layers=2 --set blockLen=64",
                "  xent train lm --resume runs/book"})
final class TrainLmCommand implements Callable<Integer> {
    /** The flags and settings list of {@link LmSettings#TABLE}. */
    static final class Flags extends SettingFlags {
        Flags() {
            super(LmSettings.TABLE);
        }
    }

    @Spec
    CommandSpec spec;

    @Mixin
    TrainFlags flags;

    @Mixin
    RunFlags runFlags;

    @Mixin
    ProgressFlags progress;

    @Option(names = {"-model", "--model"}, paramLabel = "MODEL", order = SettingFlags.FIRST - 1,
            description = "rnn (default: an LSTM or GRU, see -cell) or transformer.")
    String model;

    @Override
    public Integer call() throws Exception {
        String kind = LmSettings.TABLE.chooseModel(model, flags.set.get("model"), flags.config, runFlags.resume);
        if (model != null) flags.set.put("model", kind);   // a setting like any other: recorded in config.json
        Map<String, String> given = SettingFlags.given(spec, LmSettings.TABLE), all = new LinkedHashMap<>(given);
        all.putAll(flags.set);
        LmSettings.levelDefaults(all).forEach(flags.set::putIfAbsent);   // -level word: the word recipe's defaults
        TrainSetup s = TrainSetup.start(LmSettings.TABLE, kind, given, flags, runFlags);
        PrintWriter out = s.announce(spec.commandLine().getOut());
        s.execute(() -> LmRun.train(s.config(), s.run(), s.resume(), progress.sink(System.err), out,
                spec.commandLine().getErr()));
        return ExitCodes.OK;
    }
}
