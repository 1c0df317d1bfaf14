// A train command's setting flags and settings list, made from its task's SettingTable (a picocli model transformer).
package dev.xent.cli;

import dev.xent.cli.run.Setting;
import dev.xent.cli.run.SettingTable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A train command names its task's table in {@code @Command(modelTransformer = …)} with a subclass of this: every
 * setting with a flag becomes an option ({@code -key}, {@code --kebab-key}; a boolean's value may be left out and
 * means true) whose description holds the default, and the settings without a flag are listed in the help footer,
 * before the command's own footer (its examples). So --help shows exactly the settings the task has.
 */
abstract class SettingFlags implements CommandLine.IModelTransformer {
    /** The help position of the first setting flag; a command's own option to show before them takes a lower one. */
    static final int FIRST = -500;

    private final SettingTable table;

    SettingFlags(SettingTable table) {
        this.table = table;
    }

    @Override
    public CommandSpec transform(CommandSpec spec) {
        int order = FIRST;   // before the options of the mixins (order -1): the settings come first
        for (Setting s : table.flags()) {
            OptionSpec.Builder b = OptionSpec.builder(s.flagNames().toArray(String[]::new)).type(String.class)
                    .paramLabel(s.label()).description(table.flagHelp(s).replace("%", "%%")).order(order++);
            if (s.isBoolean()) b.arity("0..1").fallbackValue("true");
            spec.addOption(b.build());
        }
        UsageMessageSpec usage = spec.usageMessage();
        List<String> footer = new ArrayList<>(table.footer());
        footer.add("");
        footer.addAll(List.of(usage.footer()));
        usage.footerHeading("%n").footer(footer.toArray(String[]::new));
        return spec;
    }

    /** The setting flags given on the command line that was parsed: setting key → value as typed, in table order. */
    static Map<String, String> given(CommandSpec spec, SettingTable table) {
        CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
        Map<String, String> m = new LinkedHashMap<>();
        for (Setting s : table.flags()) {
            String v = parsed.matchedOptionValue(s.flagName(), null);
            if (v != null) m.put(s.key(), v);
        }
        return m;
    }
}
