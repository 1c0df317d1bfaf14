// `xent tune classify --budget 10m`: fastText-style and NBSVM recipes (with -unlabeled text also BiLSTM/BiGRU and
// TextCNN ones; a fixed list of strong ones, then random ones) scored on -valid or on a split of the training data,
// within a time or step budget; the best (or an ensemble) is trained on all.
package dev.xent.cli;

import dev.xent.cli.classify.ClassifySettings;
import dev.xent.cli.classify.SearchRun;
import dev.xent.cli.run.Signals;
import dev.xent.cli.tune.TuneBudget;
import dev.xent.train.StopSignal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

@Command(name = "classify", mixinStandardHelpOptions = true, sortOptions = false,
        modelTransformer = TrainClassifyCommand.Flags.class,
        description = {"Search classifiers for fastText-format data within a budget: first the recipes of "
                + "`xent train classify -model auto`, then random settings of each family (fasttext, nbsvm; with "
                + "-unlabeled TEXT also rnn and cnn, whose embeddings start from skip-gram vectors trained on TEXT "
                + "plus the training texts, in the budget).",
                "Trials are scored on -valid, or without it on k folds (up to 20,000 examples) or a 10% hold-out of "
                        + "the training data, seeded by -seed. A live table shows each trial; runs/NAME/trials.jsonl "
                        + "keeps them all; model.xent is the best recipe trained on all the training data, and "
                        + "config.json its settings (xent train classify --config runs/NAME/config.json).",
                "With a time budget a trial estimated (from the trials so far) to pass it is skipped; with a step "
                        + "budget the first candidate that would pass it ends the search. The final training on all "
                        + "the data comes after the budget. Ctrl-C ends the search after the trial under way and "
                        + "keeps the best so far.",
                "With a time budget and no -valid, data of up to 20,000 examples is scored on a 1/folds hold-out "
                        + "(each trial one training, not folds); a step budget keeps the k folds.",
                "Up to 5 trials may be averaged (--set ensemble=K; 1: a single model): the best trial or a greedy "
                        + "ensemble of trials, whichever way of choosing scores higher on halves of the validation "
                        + "data it did not choose on (32 seeded halvings, each half choosing once).",
                "Only the settings of -model auto apply (input, valid, unlabeled, seed, thread, folds, families, "
                        + "ensemble, vectorMinCount, vectorEpoch, skipBadLines). A step budget with -thread 1 repeats exactly."},
        footer = {"Examples:",
                "  xent tune classify -input train.txt -valid dev.txt --budget 10m -output tuned",
                "  xent tune classify -input train.txt --budget 2000000steps -thread 1 -seed 3",
                "  xent tune classify -input train.txt -valid dev.txt -unlabeled wiki.txt --budget 20m -output tuned",
                "  xent eval runs/tuned/model.xent test.txt"})
final class TuneClassifyCommand implements Callable<Integer> {
    /**
     * Trials averaged at most (--set ensemble): a search leaves tens of trials whose validation predictions are
     * there for free; {@link dev.xent.task.classify.FinalChoice} decides whether an ensemble of them is kept.
     */
    static final int ENSEMBLE = 5;

    @Spec
    CommandSpec spec;

    @Mixin
    TrainFlags flags;

    @Mixin
    RunFlags runFlags;

    @Mixin
    TuneFlags tune;

    @Override
    public Integer call() throws Exception {
        if (runFlags.resume != null) {
            throw new IllegalArgumentException("xent tune has no --resume: its trials are in trials.jsonl and the best "
                    + "settings in config.json (xent train classify --config RUN_DIR/config.json)");
        }
        TuneBudget.parse(tune.budget);   // the error names --budget
        StopSignal stop = new StopSignal();
        flags.set.put("model", "auto");
        flags.set.put("budget", tune.budget);   // one setting, as -model auto --set budget=… reads it
        flags.set.putIfAbsent("ensemble", Integer.toString(ENSEMBLE));
        TrainSetup s = TrainSetup.start(ClassifySettings.TABLE, "auto", SettingFlags.given(spec, ClassifySettings.TABLE),
                flags, runFlags);
        PrintWriter out = s.announce(spec.commandLine().getOut());
        s.execute(() -> {
            try (Signals ignored = Signals.install(stop, spec.commandLine().getErr(), "ending the search after this "
                    + "trial; the best so far is trained on all the data and kept")) {
                SearchRun.run(s.config(), s.run(), SearchRun.budget(s.config(), stop), true, out);
            }
        });
        out.flush();
        if (stop.requested()) {
            throw new CommandFailure(stop.reason().equals("SIGTERM") ? ExitCodes.TERMINATED : ExitCodes.INTERRUPTED,
                    "stopped by " + stop.reason() + "; the finished trials are in " + s.run().dir().resolve(SearchRun.TRIALS)
                            + ", and the best so far, trained on all the data, is " + s.run().modelFile()
                            + " with its settings in " + s.run().configFile(), null);
        }
        return ExitCodes.OK;
    }
}
