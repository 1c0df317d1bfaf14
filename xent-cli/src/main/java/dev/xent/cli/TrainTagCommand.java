// `xent train tag`: a BiLSTM sequence tagger (POS, NER) on CoNLL files.
package dev.xent.cli;

import dev.xent.cli.tag.TagRun;
import dev.xent.cli.tag.TagSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

@Command(name = "tag", mixinStandardHelpOptions = true, sortOptions = false,
        modelTransformer = TrainTagCommand.Flags.class,
        description = {"Train a BiLSTM tagger (softmax or CRF, optional char CNN) on CoNLL data: token in the first "
                + "column, tag in the last, a blank line between sentences.",
                "Checkpoints every checkpointEvery steps and at each epoch end; --resume continues exactly."},
        footer = {"Examples:",
                "  xent train tag -input train.conll -valid dev.conll --set crf=true -output ner",
                "  xent train tag --resume runs/ner",
                "  xent eval runs/ner/model.xent test.conll",
                "  echo 'John lives in Paris' | xent predict runs/ner/model.xent -"})
final class TrainTagCommand implements Callable<Integer> {
    /** The flags and settings list of {@link TagSettings#TABLE}. */
    static final class Flags extends SettingFlags {
        Flags() {
            super(TagSettings.TABLE);
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

    @Override
    public Integer call() throws Exception {
        TrainSetup s = TrainSetup.start(TagSettings.TABLE, "tag", SettingFlags.given(spec, TagSettings.TABLE), flags,
                runFlags);
        PrintWriter out = s.announce(spec.commandLine().getOut());
        s.execute(() -> TagRun.train(s.config(), s.run(), s.resume(), progress.sink(System.err), out,
                spec.commandLine().getErr()));
        out.flush();
        return ExitCodes.OK;
    }
}
