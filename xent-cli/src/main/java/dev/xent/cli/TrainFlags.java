// Where a train command's settings come from besides its flags: --config FILE and --set KEY=VALUE, as a picocli mixin.
package dev.xent.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The settings themselves, their flags and defaults are the task's table (LmSettings, ClassifySettings, TagSettings),
 * added to the command by {@link SettingFlags}; values are checked against the default's type by ResolvedConfig.
 */
public final class TrainFlags {
    @Option(names = {"--config", "-config"}, paramLabel = "FILE",
            description = "Settings file (JSON, or YAML if it ends in .yaml/.yml); flags override it.")
    Path config;

    @Option(names = "--set", paramLabel = "KEY=VALUE", mapFallbackValue = "",
            description = "Any setting below, flag or not, e.g. --set epoch=3 (repeatable; applied after the flags).")
    Map<String, String> set = new LinkedHashMap<>();
}
