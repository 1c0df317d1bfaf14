// `xent tune tag -input TRAIN -valid DEV --budget 10m`: searches the tagger's settings, scored on entity F1 / accuracy.
package dev.xent.cli;

import dev.xent.cli.tag.TagRun;
import dev.xent.cli.tag.TagSettings;
import dev.xent.cli.tune.Score;
import dev.xent.cli.tune.TaskSearch;
import dev.xent.cli.tune.TaskSpaces;
import dev.xent.task.tag.TaggerTask;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.concurrent.Callable;

@Command(name = "tag", mixinStandardHelpOptions = true, sortOptions = false,
        modelTransformer = TrainTagCommand.Flags.class,
        description = {"Search the BiLSTM tagger's settings within a budget: the default recipe first, then recipes "
                + "that change one setting, then random settings (lr, dropout, wordDropout, hidden, dim, charFilters, "
                + "batch, lrDecay), seeded by -seed.",
                "Each trial is `xent train tag` with those settings, trained for at most BUDGET / --trials and scored "
                        + "on -valid: entity F1 for chunk tags (BIO/BIOES), else token accuracy. Settings given on the "
                        + "command line are kept fixed. runs/NAME/trials.jsonl keeps every trial, model.xent is the "
                        + "best trial's model and config.json its settings (xent train tag --config "
                        + "runs/NAME/config.json trains it again)."},
        footer = {"Examples:",
                "  xent tune tag -input train.conll -valid dev.conll --budget 10m -output tuned",
                "  xent tune tag -input train.conll -valid dev.conll --budget 20000steps --trials 4 -thread 1",
                "  xent eval runs/tuned/model.xent test.conll"})
final class TuneTagCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    TuneFlags tune;

    @Mixin
    TaskTune.Trials trials;

    @Mixin
    TrainFlags flags;

    @Mixin
    RunFlags runFlags;

    @Mixin
    ProgressFlags progress;

    @Override
    public Integer call() throws Exception {
        return TaskTune.run(spec, TagSettings.TABLE, "tag", SettingFlags.given(spec, TagSettings.TABLE), flags, runFlags,
                tune, trials, progress, c -> {
                    if (c.getString("input").isEmpty() || c.getString("valid").isEmpty()) {
                        throw new IllegalArgumentException("tune tag needs -input TRAIN and -valid DEV (CoNLL files): "
                                + "the trials are scored on the validation file");
                    }
                    boolean chunks = TaggerTask.chunkTags(TagRun.read(Path.of(c.getString("input")),
                            c.getBoolean("skipBadLines"), new ArrayList<>()));
                    Score score = chunks ? new Score("entity F1", "valid_f1", true, true)
                            : new Score("accuracy", "valid_accuracy", true, true);
                    return new TaskSearch.Task("tag", "bilstm", score, (cfg, dir, sink, out, err) ->
                            TagRun.train(cfg, dir, false, sink, out, err));
                }, c -> TaskSpaces.tag(), java.util.Map.of());
    }
}
