// Where a training run goes: -output/--run NAME, --runs-dir, --resume RUN_DIR, as a picocli mixin.
package dev.xent.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** A picocli mixin for the train commands; these choose the run directory and are not settings. */
public final class RunFlags {
    @Option(names = {"-output", "--run"}, paramLabel = "NAME",
            description = "Run name: everything goes to RUNS_DIR/NAME/ (default: <task>-<date>-<time>).")
    String name;

    @Option(names = "--runs-dir", paramLabel = "RUNS_DIR", defaultValue = "runs",
            description = "Directory holding the run directories. Default: ${DEFAULT-VALUE}.")
    Path runsDir = Path.of("runs");

    @Option(names = "--resume", paramLabel = "RUN_DIR",
            description = "Continue the run in RUN_DIR from its newest checkpoint, with its saved config.json.")
    Path resume;
}
