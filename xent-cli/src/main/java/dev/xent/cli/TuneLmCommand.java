// `xent tune lm -input TRAIN -valid VALID --budget 30m`: searches a language model's settings on validation perplexity.
package dev.xent.cli;

import dev.xent.cli.lm.LmRun;
import dev.xent.cli.lm.LmSettings;
import dev.xent.cli.tune.Score;
import dev.xent.cli.tune.TaskSearch;
import dev.xent.cli.tune.TaskSpaces;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "lm", mixinStandardHelpOptions = true, sortOptions = false,
        modelTransformer = TrainLmCommand.Flags.class,
        description = {"Search a language model's settings within a budget: the defaults of the -model and -level "
                + "first (at -level word the word recipe), then recipes that change one setting, then random settings "
                + "(lr, dim, layers, dropout, cell or embedDropout/weightDropout, bptt, batch), seeded by -seed.",
                "Each trial is `xent train lm` with those settings, trained for at most BUDGET / --trials and scored "
                        + "on validation perplexity (-valid, or the last validChars of the input). Settings given on "
                        + "the command line are kept fixed. runs/NAME/trials.jsonl keeps every trial, model.xent is the "
                        + "best trial's model and config.json its settings."},
        footer = {"Examples:",
                "  xent tune lm -input train.txt -valid valid.txt --budget 30m -output tuned",
                "  xent tune lm -level word -input wiki.train.tokens -valid wiki.valid.tokens --budget 30m",
                "  xent generate runs/tuned/model.xent --prompt 'The '"})
final class TuneLmCommand implements Callable<Integer> {
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

    @Option(names = {"-model", "--model"}, paramLabel = "MODEL", order = SettingFlags.FIRST - 1,
            description = "rnn (default: an LSTM or GRU) or transformer; the search keeps it.")
    String model;

    @Override
    public Integer call() throws Exception {
        String kind = LmSettings.TABLE.chooseModel(model, flags.set.get("model"), flags.config, null);
        if (model != null) flags.set.put("model", kind);
        Map<String, String> given = SettingFlags.given(spec, LmSettings.TABLE), all = new LinkedHashMap<>(given);
        all.putAll(flags.set);
        Map<String, String> levelDefaults = LmSettings.levelDefaults(all);
        return TaskTune.run(spec, LmSettings.TABLE, kind, given, flags, runFlags, tune, trials, progress,
                c -> new TaskSearch.Task("lm", kind, new Score("perplexity", "valid_perplexity", false, false),
                        (cfg, dir, sink, out, err) -> LmRun.train(cfg, dir, false, sink, out, err)),
                c -> TaskSpaces.lm(kind, c.getString("level")), levelDefaults);
    }
}
