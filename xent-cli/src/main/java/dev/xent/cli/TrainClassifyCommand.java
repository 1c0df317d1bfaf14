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
        description = {"Train a classifier on fastText-format data (\"__label__pos text\" per line).",
                "-model fasttext (default): fastText-style; flags as fastText's: -input -valid -output -epoch -lr -dim "
                        + "-wordNgrams -minCount -bucket -loss -thread.",
                "-model cnn|rnn|transformer: a neural classifier (Adam); -epoch -lr -dim -minCount -loss -seed -thread "
                        + "apply, the rest with --set: batch, dropout, weightDecay, clipNorm, tokenizer, lowercase, "
                        + "maxLength; cnn: widths, filters; rnn: cell, hidden, layers, pooling; transformer: heads, "
                        + "feedForward, layers. -valid picks the best epoch.",
                "Checkpoints every checkpointEvery examples (fastText) or steps (neural) and at each epoch end "
                        + "(--set checkpointEvery=N, keepCheckpoints=N); --resume repeats the uninterrupted run "
                        + "exactly (fastText: only with -thread 1)."},
        footerHeading = "%nExamples:%n",
        footer = {"  xent train classify -input train.txt -valid dev.txt -epoch 10 -wordNgrams 2 -output sst2",
                "  xent train classify -model cnn -input train.txt -valid dev.txt -epoch 5 -output cnn",
                "  xent train classify -model rnn -input train.txt -valid dev.txt --set cell=gru --set hidden=64",
                "  xent train classify --resume runs/sst2",
                "  xent predict runs/sst2/model.xent test.txt -k 2",
                "  xent eval runs/sst2/model.xent test.txt"})
final class TrainClassifyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    TrainFlags flags;

    @Mixin
    RunFlags runFlags;

    @Mixin
    ProgressFlags progress;

    @Option(names = {"-model", "--model"}, paramLabel = "KIND", order = -1,
            description = "fasttext (default), cnn, rnn (BiLSTM/BiGRU) or transformer.")
    String model;

    @Override
    public Integer call() throws Exception {
        String kind = ClassifySettings.model(model, flags.set.get("model"), flags.config, runFlags.resume);
        if (model != null) flags.set.put("model", kind);   // a setting like any other: recorded in config.json
        TrainSetup s = TrainSetup.start("classify", ClassifySettings.defaults(kind), flags, runFlags);
        PrintWriter out = s.announce(spec.commandLine().getOut());
        if (kind.equals("fasttext")) {
            s.execute(() -> ClassifyRun.train(s.config(), s.run(), s.resume(), out));
        } else {
            s.execute(() -> NeuralClassifyRun.train(s.config(), s.run(), s.resume(), progress.sink(System.err), out));
        }
        out.flush();
        return ExitCodes.OK;
    }
}
