// The flags of every `xent tune` command: --budget, and for the tasks whose trials are training runs, --trials.
package dev.xent.cli;

import picocli.CommandLine.Option;

/** A picocli mixin; the budget's forms are {@link dev.xent.cli.tune.TuneBudget}'s. */
public final class TuneFlags {
    @Option(names = {"--budget", "-budget"}, paramLabel = "BUDGET", required = true, order = SettingFlags.FIRST - 20,
            description = "Time (90s, 10m, 2h) or optimizer steps over all trials (500000steps; with -thread 1 a "
                    + "search repeats exactly).")
    String budget;
}
