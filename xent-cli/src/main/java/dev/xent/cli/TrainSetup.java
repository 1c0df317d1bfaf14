// Starts or resumes a training run: resolves the settings, creates (or reopens) runs/<name>/, writes config.json.
package dev.xent.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xent.cli.run.ConfigFiles;
import dev.xent.cli.run.ResolvedConfig;
import dev.xent.cli.run.RunDirectory;
import dev.xent.cli.run.SettingTable;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A resumed run takes its settings from its own config.json; flags given with --resume must agree with them
 * (changing a setting on resume is refused with the setting named).
 */
record TrainSetup(ResolvedConfig config, RunDirectory run, boolean resume) {

    /**
     * defaults of {@code model} in {@code table} ← --config file ← setting flags ({@code settingFlags}) ← --set; a
     * setting of another model of the task is refused, naming the models that have it.
     */
    static TrainSetup start(SettingTable table, String model, Map<String, String> settingFlags, TrainFlags flags,
                            RunFlags runFlags) throws IOException {
        String task = table.task();
        Map<String, String> overrides = overrides(table, model, settingFlags, flags);
        ObjectNode defaults = table.defaults(model);
        if (runFlags.resume != null) {
            if (runFlags.name != null) {
                throw new IllegalArgumentException("--resume continues the run in " + runFlags.resume + "; do not give "
                        + "a run name (-output " + runFlags.name + ") with it");
            }
            RunDirectory run = RunDirectory.open(runFlags.resume);
            String saved = ConfigFiles.read(run.configFile()).path("task").asText();
            if (!saved.equals(task)) {   // checked first: another task's settings are unknown here
                throw new IllegalArgumentException(runFlags.resume + " is a '" + saved + "' run; resume it"
                        + " with `xent train " + saved + " --resume " + runFlags.resume + "`");
            }
            ResolvedConfig c = ResolvedConfig.resolve(defaults, run.configFile(), Map.of());
            sameSettings(c, ResolvedConfig.resolve(c.tree(), flags.config, overrides), runFlags.resume);
            threads(c);
            return new TrainSetup(c, run, true);
        }
        ResolvedConfig c = ResolvedConfig.resolve(defaults, flags.config, overrides);
        String name = runFlags.name != null ? runFlags.name
                : RunDirectory.defaultName(runFlags.runsDir, task, LocalDateTime.now());
        RunDirectory run = RunDirectory.create(runFlags.runsDir, name);
        run.writeConfig(c);
        threads(c);
        return new TrainSetup(c, run, false);
    }

    /** The settings given on the command line, setting flags then --set, checked to be settings of {@code model}. */
    static Map<String, String> overrides(SettingTable table, String model, Map<String, String> settingFlags,
                                         TrainFlags flags) {
        Map<String, String> overrides = new LinkedHashMap<>(settingFlags);
        overrides.putAll(flags.set);
        table.checkApplies(model, overrides.keySet());
        return overrides;
    }

    /** Prints "run       runs/NAME" (or "resuming  runs/NAME") on {@code out}; returns it. */
    PrintWriter announce(PrintWriter out) {
        out.println((resume ? "resuming  " : "run       ") + run.dir());
        out.flush();
        return out;
    }

    /**
     * Runs the training; when a fresh run fails before it wrote anything worth keeping (no checkpoint, no model, no
     * metrics record), its directory is removed, so a mistyped file name does not leave an empty run behind.
     */
    void execute(TrainBody body) throws Exception {
        try {
            body.run();
        } catch (Exception | Error e) {
            if (!resume) removeIfEmpty();
            throw e;
        }
    }

    interface TrainBody {
        void run() throws Exception;
    }

    private void removeIfEmpty() {
        try {
            java.nio.file.Path d = run.dir();
            boolean hasCheckpoint;
            try (var s = java.nio.file.Files.list(run.checkpointsDir())) {
                hasCheckpoint = s.findAny().isPresent();
            }
            boolean hasMetrics = java.nio.file.Files.exists(run.metricsFile()) && java.nio.file.Files.size(run.metricsFile()) > 0;
            if (hasCheckpoint || hasMetrics || java.nio.file.Files.exists(run.modelFile())) return;
            java.nio.file.Files.deleteIfExists(run.metricsFile());
            java.nio.file.Files.deleteIfExists(run.configFile());
            java.nio.file.Files.deleteIfExists(run.checkpointsDir());
            java.nio.file.Files.deleteIfExists(d);
        } catch (IOException | RuntimeException ignored) {
            // best effort: the original failure is what the user needs to see
        }
    }

    /**
     * Settings given with --resume must equal the run's own (repeating the original command line is fine);
     * one that differs is refused, naming it, since it would change what the checkpoint continues.
     */
    private static void sameSettings(ResolvedConfig saved, ResolvedConfig given, Path dir) {
        StringBuilder diff = new StringBuilder();
        saved.tree().fields().forEachRemaining(e -> {
            JsonNode now = given.get(e.getKey());
            if (!e.getValue().equals(now)) {
                diff.append(diff.isEmpty() ? "" : ", ").append(e.getKey()).append(" is ").append(e.getValue())
                        .append(" in the run but ").append(now).append(" here");
            }
        });
        if (!diff.isEmpty()) {
            throw new IllegalArgumentException("--resume continues " + dir + " with the settings in its "
                    + RunDirectory.CONFIG + ", and the settings given differ: " + diff + ". Drop those flags to resume,"
                    + " or start a new run (-output NEW_NAME) to train with other settings");
        }
    }

    /** thread > 0 caps the kernel threads (read once, when the kernels first run). */
    private static void threads(ResolvedConfig c) {
        int n = c.getInt("thread");
        if (n < 0) throw new IllegalArgumentException("thread must be >= 0 (0: all cores); got " + n);
        if (n > 0) System.setProperty("xent.threads", Integer.toString(n));
    }
}
