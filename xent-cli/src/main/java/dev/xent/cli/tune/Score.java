// What a search maximises or minimises: a metric of the validation data, read from a trial's summary.json.
package dev.xent.cli.tune;

import java.util.Locale;

/**
 * {@code name} is how the table and report show it ("entity F1", "perplexity"), {@code key} the field of
 * summary.json's "final" (and of trials.jsonl) that holds it; {@code percent}: a fraction shown as a percentage.
 */
public record Score(String name, String key, boolean maximize, boolean percent) {

    /** Whether {@code a} is a better score than {@code b} (NaN is never better; anything beats NaN). */
    public boolean better(double a, double b) {
        if (Double.isNaN(a)) return false;
        if (Double.isNaN(b)) return true;
        return maximize ? a > b : a < b;
    }

    /** The value as the table prints it: "87.31%" or "123.45"; NaN (a failed trial) as "failed". */
    public String format(double v) {
        if (Double.isNaN(v)) return "failed";
        return percent ? String.format(Locale.ROOT, "%.2f%%", 100 * v) : String.format(Locale.ROOT, "%.2f", v);
    }
}
