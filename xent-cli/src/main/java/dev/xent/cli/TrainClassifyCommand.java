// `xent train classify`: fastText-style text classification (bag of words + hashed n-grams, hogwild SGD), or -model cnn|rnn|transformer.
package dev.xent.cli;

import dev.xent.cli.classify.ClassifyRun;
import dev.xent.cli.classify.ClassifySettings;
import dev.xent.cli.classify.NeuralClassifyRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

@Command(name = "classify", mixinStandardHelpOptions = true, sortOptions = false,
        modelTransformer = TrainClassifyCommand.Flags.class,
        description = {"Train a classifier on fastText-format data (\"__label__pos text\" per line).",
                "-model fasttext (default): fastText-style (bag of words + hashed word n-grams, hogwild SGD), with "
                        + "fastText's flags. -model cnn|rnn|transformer: a neural classifier (Adam); -valid picks the "
                        + "best epoch.",
                "A setting marked [fasttext] or [cnn, rnn, …] applies to those models only; any other is refused.",
                "Checkpoints every checkpointEvery examples (fasttext) or steps (neural) and at each epoch end; "
                        + "--resume repeats the uninterrupted run exactly (fasttext: only with -thread 1)."},
        footer = {"Examples:",
                "  xent train classify -input train.txt -valid dev.txt -wordNgrams 2 -output sst2",
                "  xent train classify -model cnn -input train.txt -valid dev.txt -output cnn",
                "  xent train classify -model rnn -input train.txt --set cell=gru --set hidden=64",
                "  xent train classify --resume runs/sst2",
                "  xent predict runs/sst2/model.xent test.txt -k 2",
                "  xent eval runs/sst2/model.xent test.txt"})
final class TrainClassifyCommand implements Callable<Integer> {
    /** The flags and settings list of {@link ClassifySettings#TABLE}. */
    static final class Flags extends SettingFlags {
        Flags() {
            super(ClassifySettings.TABLE);
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
            description = "fasttext (default), cnn, rnn (BiLSTM/BiGRU) or transformer.")
    String model;

    @Override
    public Integer call() throws Exception {
        String kind = ClassifySettings.model(model, flags.set.get("model"), flags.config, runFlags.resume);
        if (model != null) flags.set.put("model", kind);   // a setting like any other: recorded in config.json
        TrainSetup s = TrainSetup.start(ClassifySettings.TABLE, kind, SettingFlags.given(spec, ClassifySettings.TABLE),
                flags, runFlags);
        PrintWriter out = s.announce(spec.commandLine().getOut());
        if (kind.equals("fasttext")) {
            s.execute(() -> ClassifyRun.train(s.config(), s.run(), s.resume(), progress.sink(System.err), out,
                    spec.commandLine().getErr()));
        } else {
            s.execute(() -> NeuralClassifyRun.train(s.config(), s.run(), s.resume(), progress.sink(System.err), out,
                    spec.commandLine().getErr()));
        }
        out.flush();
        return ExitCodes.OK;
    }
}
