// `xent train vectors`: skip-gram or CBOW word vectors on unlabelled text (fastText's skipgram/cbow), a .vec file.
package dev.xent.cli;

import dev.xent.cli.vectors.VectorsRun;
import dev.xent.cli.vectors.VectorsSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

@Command(name = "vectors", mixinStandardHelpOptions = true, sortOptions = false,
        modelTransformer = TrainVectorsCommand.Flags.class,
        description = {"Train word vectors on unlabelled text: skip-gram (default) or CBOW with negative sampling "
                + "(word2vec; fastText's skipgram/cbow commands without subwords), with fastText's flags and defaults.",
                "Writes runs/<name>/vectors.vec (fastText's text format), e.g. for `xent train tag -pretrainedVectors`."},
        footer = {"Examples:",
                "  xent train vectors -input wiki.txt -output wiki",
                "  xent train vectors -model cbow -input wiki.txt -dim 50 -epoch 10",
                "  xent train vectors -input wiki.txt -lowercase -output wiki-lc",
                "  xent train tag -input train.conll -valid dev.conll -pretrainedVectors runs/wiki-lc/vectors.vec"})
final class TrainVectorsCommand implements Callable<Integer> {
    /** The flags and settings list of {@link VectorsSettings#TABLE}. */
    static final class Flags extends SettingFlags {
        Flags() {
            super(VectorsSettings.TABLE);
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
            description = "skipgram (default) or cbow.")
    String model;

    @Override
    public Integer call() throws Exception {
        String kind = VectorsSettings.TABLE.chooseModel(model, flags.set.get("model"), flags.config, runFlags.resume);
        if (model != null) flags.set.put("model", kind);
        TrainSetup s = TrainSetup.start(VectorsSettings.TABLE, kind, SettingFlags.given(spec, VectorsSettings.TABLE),
                flags, runFlags);
        PrintWriter out = s.announce(spec.commandLine().getOut());
        s.execute(() -> VectorsRun.train(s.config(), s.run(), s.resume(), progress.sink(System.err), out,
                spec.commandLine().getErr()));
        out.flush();
        return ExitCodes.OK;
    }
}
