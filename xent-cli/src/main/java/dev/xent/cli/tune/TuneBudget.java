// `xent tune --budget`: a wall-clock budget ("90s", "10m", "1h", or plain seconds) or a step budget ("400000steps":
// SGD steps summed over all trials, which makes a one-thread search repeat exactly).
package dev.xent.cli.tune;

import dev.xent.task.classify.ModelSearch;

import java.util.Locale;

/** Parses a budget; the error names the value and the accepted forms. */
public final class TuneBudget {
    private TuneBudget() {}

    public static ModelSearch.Budget parse(String text) {
        return parse(text, "--budget");
    }

    /** As {@link #parse(String)}, the error naming {@code argument} (e.g. "--set budget"). */
    public static ModelSearch.Budget parse(String text, String argument) {
        String t = text.trim().toLowerCase(Locale.ROOT).replace("_", "").replace(",", "");
        try {
            if (t.endsWith("steps")) {
                long steps = Long.parseLong(t.substring(0, t.length() - 5).trim());
                if (steps > 0) return new ModelSearch.Budget(0, steps, null);
            } else {
                double scale = t.endsWith("h") ? 3600 : t.endsWith("m") ? 60 : 1;
                String n = t.endsWith("h") || t.endsWith("m") || t.endsWith("s") ? t.substring(0, t.length() - 1) : t;
                double seconds = Double.parseDouble(n) * scale;
                if (seconds > 0 && Double.isFinite(seconds)) return new ModelSearch.Budget(seconds, 0, null);
            }
        } catch (NumberFormatException ignored) {
            // the message below names the accepted forms
        }
        throw new IllegalArgumentException(argument + " must be a positive time (e.g. 90s, 10m, 1h) or a number of "
                + "SGD steps (e.g. 500000steps); got '" + text + "'. Fix: write the unit after the number, e.g. "
                + argument + (argument.startsWith("--set") ? "=" : " ") + "30s");
    }
}
