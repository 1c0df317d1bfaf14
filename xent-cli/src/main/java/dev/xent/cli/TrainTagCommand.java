// `xent train tag`: a BiLSTM sequence tagger (POS, NER) on CoNLL files.
package dev.xent.cli;

import dev.xent.cli.tag.TagRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

@Command(name = "tag", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a BiLSTM tagger (softmax or CRF, optional char CNN) on CoNLL data: token in the first "
                + "column, tag in the last, a blank line between sentences.",
                "Settings: input valid dim hidden charDim charFilters crf dropout lr batch epoch lowercase seed thread "
                        + "checkpointEvery keepCheckpoints skipBadLines (flags -dim -epoch -lr -seed -thread; --set for the rest).",
                "Checkpoints every checkpointEvery steps and at each epoch end; --resume continues exactly."},
        footerHeading = "%nExamples:%n",
        footer = {"  xent train tag -input train.conll -valid dev.conll -epoch 10 --set crf=true -output ner",
                "  xent train tag --resume runs/ner",
                "  xent eval runs/ner/model.xent test.conll",
                "  echo 'John lives in Paris' | xent predict runs/ner/model.xent -"})
final class TrainTagCommand implements Callable<Integer> {
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
        TrainSetup s = TrainSetup.start("tag", TagRun.defaults(), flags, runFlags);
        PrintWriter out = s.announce(spec.commandLine().getOut());
        s.execute(() -> TagRun.train(s.config(), s.run(), s.resume(), progress.sink(System.err), out));
        out.flush();
        return ExitCodes.OK;
    }
}
