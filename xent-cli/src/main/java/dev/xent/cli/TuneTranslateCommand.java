// `xent tune translate -src … -tgt … -valid-src … -valid-tgt … --budget 2h`: searches a translation model on BLEU.
package dev.xent.cli;

import dev.xent.cli.translate.TranslateRun;
import dev.xent.cli.translate.TranslateSettings;
import dev.xent.cli.tune.Score;
import dev.xent.cli.tune.TaskSearch;
import dev.xent.cli.tune.TaskSpaces;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "translate", mixinStandardHelpOptions = true, sortOptions = false,
        modelTransformer = TrainTranslateCommand.Flags.class,
        description = {"Search a translation model's settings within a budget: the measured recipe of the -model "
                + "first, then recipes that change one setting, then random settings (lr, dropout, warmup, depth, "
                + "width, labelSmoothing, maxTokens), seeded by -seed.",
                "Each trial is `xent train translate` with those settings, trained for at most BUDGET / --trials and "
                        + "scored on the validation files: greedy BLEU (validation perplexity with "
                        + "--set bleuSentences=0). Settings given on the command line are kept fixed. "
                        + "runs/NAME/trials.jsonl keeps every trial, model.xent is the best trial's model and "
                        + "config.json its settings."},
        footer = {"Examples:",
                "  xent tune translate -src train.de.gz -tgt train.en.gz -valid-src val.de.gz -valid-tgt val.en.gz \\",
                "      --budget 2h -output tuned",
                "  xent translate runs/tuned/model.xent test.de --beam 5"})
final class TuneTranslateCommand implements Callable<Integer> {
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

    @Option(names = {"-src", "--src"}, paramLabel = "FILE", order = SettingFlags.FIRST - 4,
            description = "Training source-language file (the setting -input).")
    String src;

    @Option(names = {"-tgt", "--tgt"}, paramLabel = "FILE", order = SettingFlags.FIRST - 3,
            description = "Training target-language file (the setting -target).")
    String tgt;

    @Option(names = {"-valid-src", "--valid-src"}, paramLabel = "FILE", order = SettingFlags.FIRST - 2,
            description = "Validation source-language file (the setting -valid).")
    String validSrc;

    @Option(names = {"-valid-tgt", "--valid-tgt"}, paramLabel = "FILE", order = SettingFlags.FIRST - 1,
            description = "Validation reference translations (the setting -validTarget).")
    String validTgt;

    @Option(names = {"-model", "--model"}, paramLabel = "MODEL", order = SettingFlags.FIRST - 5,
            description = "transformer (default) or rnn; the search keeps it.")
    String model;

    @Override
    public Integer call() throws Exception {
        String kind = TranslateSettings.TABLE.chooseModel(model, flags.set.get("model"), flags.config, null);
        if (model != null) flags.set.put("model", kind);
        Map<String, String> given = SettingFlags.given(spec, TranslateSettings.TABLE);
        TrainTranslateCommand.alias(given, "-src", src, "input");
        TrainTranslateCommand.alias(given, "-tgt", tgt, "target");
        TrainTranslateCommand.alias(given, "-valid-src", validSrc, "valid");
        TrainTranslateCommand.alias(given, "-valid-tgt", validTgt, "validTarget");
        return TaskTune.run(spec, TranslateSettings.TABLE, kind, given, flags, runFlags, tune, trials, progress, c -> {
            if (c.getString("valid").isEmpty() || c.getString("validTarget").isEmpty()) {
                throw new IllegalArgumentException("tune translate needs -valid-src FILE -valid-tgt FILE: the trials "
                        + "are scored on them");
            }
            Score score = c.getInt("bleuSentences") != 0 ? new Score("BLEU", "val_bleu", true, false)
                    : new Score("perplexity", "val_perplexity", false, false);
            return new TaskSearch.Task("translate", kind, score,
                    (cfg, dir, sink, out, err) -> TranslateRun.train(cfg, dir, false, sink, out));
        }, c -> TaskSpaces.translate(kind), Map.of());
    }
}
