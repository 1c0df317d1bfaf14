// `xent train classify`: fastText-style text classification (bag of words + hashed n-grams, hogwild SGD).
package dev.xent.cli;

import dev.xent.cli.classify.ClassifyRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

@Command(name = "classify", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a fastText-style classifier on fastText-format data (\"__label__pos text\" per line).",
                "Flags as fastText's: -input -valid -output -epoch -lr -dim -wordNgrams -minCount -bucket -loss -thread.",
                "Checkpoints every checkpointEvery examples and at each epoch end (--set checkpointEvery=N, "
                        + "keepCheckpoints=N); --resume repeats the uninterrupted run exactly only with -thread 1."},
        footerHeading = "%nExamples:%n",
        footer = {"  xent train classify -input train.txt -valid dev.txt -epoch 10 -wordNgrams 2 -output sst2",
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

    @Override
    public Integer call() throws Exception {
        TrainSetup s = TrainSetup.start("classify", ClassifyRun.defaults(), flags, runFlags);
        PrintWriter out = s.announce(spec.commandLine().getOut());
        s.execute(() -> ClassifyRun.train(s.config(), s.run(), s.resume(), out));
        out.flush();
        return ExitCodes.OK;
    }
}
