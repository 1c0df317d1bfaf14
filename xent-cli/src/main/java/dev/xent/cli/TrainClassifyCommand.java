// `xent train classify`: fastText-style text classification (bag of words + hashed n-grams, hogwild SGD), or -model cnn|rnn|transformer.
package dev.xent.cli;

import dev.xent.cli.classify.ClassifyRun;
import dev.xent.cli.classify.ClassifySettings;
import dev.xent.cli.classify.NbSvmRun;
import dev.xent.cli.classify.NeuralClassifyRun;
import dev.xent.cli.classify.SearchRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "classify", mixinStandardHelpOptions = true, sortOptions = false,
        modelTransformer = TrainClassifyCommand.Flags.class,
        description = {"Train a classifier on fastText-format data (\"__label__pos text\" per line).",
                "-model fasttext: fastText-style (bag of words + hashed word n-grams, hogwild SGD), with "
                        + "fastText's flags. -model nbsvm: naive-Bayes-weighted n-grams (Wang & Manning 2012). "
                        + "-model cnn|rnn|transformer: a neural classifier (Adam); -valid picks the best epoch. "
                        + "-model auto: tries fasttext and nbsvm recipes on -valid (or on k folds / a hold-out of "
                        + "the data it makes itself) and trains the best on all the data.",
                "A setting marked [fasttext] or [cnn, rnn, …] applies to those models only; any other is refused.",
                "Checkpoints every checkpointEvery examples (fasttext) or steps (neural) and at each epoch end; "
                        + "--resume repeats the uninterrupted run exactly (fasttext: only with -thread 1)."},
        footer = {"Examples:",
                "  xent train classify -input train.txt -valid dev.txt -wordNgrams 2 -output sst2",
                "  xent train classify -model auto -input train.txt -output best",
                "  xent train classify -model nbsvm -input train.txt -valid dev.txt -wordNgrams 3",
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
            description = "fasttext, nbsvm (naive-Bayes-weighted n-grams), cnn, rnn (BiLSTM/BiGRU), transformer, or "
                    + "auto (chooses among fasttext and nbsvm recipes on validation data). Default: auto when no "
                    + "model's own setting is given and -valid is given or the data has <= 20,000 lines; else fasttext.")
    String model;

    @Override
    public Integer call() throws Exception {
        Map<String, String> given = new LinkedHashMap<>(SettingFlags.given(spec, ClassifySettings.TABLE));
        given.putAll(flags.set);
        given.remove("model");
        String kind = ClassifySettings.model(model, flags.set.get("model"), flags.config, runFlags.resume, given);
        if (model != null) flags.set.put("model", kind);   // a setting like any other: recorded in config.json
        if (kind.equals("auto") && runFlags.resume != null) {
            throw new IllegalArgumentException("--resume continues a run from its checkpoints; a -model auto run has "
                    + "none. Its config.json holds the chosen settings: xent train classify --config "
                    + runFlags.resume.resolve("config.json"));
        }
        TrainSetup s = TrainSetup.start(ClassifySettings.TABLE, kind, SettingFlags.given(spec, ClassifySettings.TABLE),
                flags, runFlags);
        PrintWriter out = s.announce(spec.commandLine().getOut());
        if (kind.equals("auto")) {
            s.execute(() -> SearchRun.auto(s.config(), s.run(), out));
        } else if (kind.equals("nbsvm")) {
            s.execute(() -> NbSvmRun.train(s.config(), s.run(), s.resume(), progress.sink(System.err), out,
                    spec.commandLine().getErr()));
        } else if (kind.equals("fasttext")) {
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
