// `xent tune tag|lm|translate`: the run directory and base settings as `xent train` makes them, then TaskSearch.
package dev.xent.cli;

import dev.xent.cli.run.ConfigFiles;
import dev.xent.cli.run.ResolvedConfig;
import dev.xent.cli.run.SettingTable;
import dev.xent.cli.tune.SearchSpace;
import dev.xent.cli.tune.TaskSearch;
import dev.xent.cli.tune.TuneBudget;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The settings given on the command line or in --config stay fixed: the search varies only the others
 * ({@code taskDefaults}, such as -level word's recipe, are defaults and are searched).
 */
final class TaskTune {
    /** How many equal shares the budget is split into: one per trial. */
    static final class Trials {
        @Option(names = {"--trials", "-trials"}, paramLabel = "N", defaultValue = "6", order = SettingFlags.FIRST - 19,
                description = "Trials in the budget: each trains for at most BUDGET / N (its maxSteps or maxSeconds). "
                        + "Default: ${DEFAULT-VALUE}.")
        int trials = 6;
    }

    private TaskTune() {}

    static int run(CommandSpec spec, SettingTable table, String model, Map<String, String> settingFlags,
                   TrainFlags flags, RunFlags runFlags, TuneFlags tune, Trials trials, ProgressFlags progress,
                   Function<ResolvedConfig, TaskSearch.Task> task, Function<ResolvedConfig, SearchSpace> space,
                   Map<String, String> taskDefaults) throws Exception {
        if (runFlags.resume != null) {
            throw new IllegalArgumentException("xent tune has no --resume: its trials are in trials.jsonl and the best "
                    + "settings in config.json (xent train " + table.task() + " --config RUN_DIR/config.json)");
        }
        var budget = TuneBudget.parse(tune.budget);
        if (trials.trials < 1) throw new IllegalArgumentException("--trials must be >= 1; got " + trials.trials);
        Set<String> fixed = new HashSet<>(settingFlags.keySet());
        fixed.addAll(flags.set.keySet());
        if (flags.config != null) ConfigFiles.read(flags.config).fieldNames().forEachRemaining(fixed::add);
        taskDefaults.forEach(flags.set::putIfAbsent);   // e.g. -level word's recipe: defaults, so still searched
        TrainSetup s = TrainSetup.start(table, model, settingFlags, flags, runFlags);
        PrintWriter out = s.announce(spec.commandLine().getOut());
        PrintWriter err = spec.commandLine().getErr();
        s.execute(() -> TaskSearch.run(task.apply(s.config()), s.config(), space.apply(s.config()), fixed, budget,
                trials.trials, s.run(), () -> progress.sink(System.err), out, err));
        out.flush();
        return ExitCodes.OK;
    }
}
