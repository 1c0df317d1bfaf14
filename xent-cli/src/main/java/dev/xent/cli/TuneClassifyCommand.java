// `xent tune classify --budget 10m`: fastText-style and NBSVM recipes (a fixed list of strong ones, then random ones)
// scored on -valid or on a split of the training data, within a time or step budget; the best is trained on all.
package dev.xent.cli;

import dev.xent.cli.classify.ClassifySettings;
import dev.xent.cli.classify.SearchRun;
import dev.xent.cli.tune.TuneBudget;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

@Command(name = "classify", mixinStandardHelpOptions = true, sortOptions = false,
        modelTransformer = TrainClassifyCommand.Flags.class,
        description = {"Search classifiers for fastText-format data within a budget: first the recipes of "
                + "`xent train classify -model auto`, then random settings of each family (fasttext, nbsvm).",
                "Trials are scored on -valid, or without it on k folds (up to 20,000 examples) or a 10% hold-out of "
                        + "the training data, seeded by -seed. A live table shows each trial; runs/NAME/trials.jsonl "
                        + "keeps them all; model.xent is the best recipe trained on all the training data, and "
                        + "config.json its settings (xent train classify --config runs/NAME/config.json).",
                "Only the settings of -model auto apply (input, valid, seed, thread, folds, families, "
                        + "skipBadLines). A step budget with -thread 1 repeats exactly."},
        footer = {"Examples:",
                "  xent tune classify -input train.txt -valid dev.txt --budget 10m -output tuned",
                "  xent tune classify -input train.txt --budget 2000000steps -thread 1 -seed 3",
                "  xent eval runs/tuned/model.xent test.txt"})
final class TuneClassifyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    TrainFlags flags;

    @Mixin
    RunFlags runFlags;

    @Option(names = {"--budget", "-budget"}, paramLabel = "BUDGET", required = true, order = SettingFlags.FIRST - 1,
            description = "Time (90s, 10m, 1h) or SGD steps over all trials (500000steps). A trial that would pass a "
                    + "time budget (estimated from the trials so far) is skipped; the final training on all the data "
                    + "comes after the budget.")
    String budget;

    @Override
    public Integer call() throws Exception {
        if (runFlags.resume != null) {
            throw new IllegalArgumentException("xent tune has no --resume: its trials are in trials.jsonl and the best "
                    + "settings in config.json (xent train classify --config RUN_DIR/config.json)");
        }
        var b = TuneBudget.parse(budget);
        flags.set.put("model", "auto");
        TrainSetup s = TrainSetup.start(ClassifySettings.TABLE, "auto", SettingFlags.given(spec, ClassifySettings.TABLE),
                flags, runFlags);
        PrintWriter out = s.announce(spec.commandLine().getOut());
        s.execute(() -> SearchRun.run(s.config(), s.run(), b, true, out));
        out.flush();
        return ExitCodes.OK;
    }
}
