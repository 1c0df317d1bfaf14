// The live table a search prints: one row per trial as it ends, the best so far marked with '*'.
package dev.xent.cli.tune;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Columns: trial, model, the score, the other metrics named in {@code extra}, seconds, the trial's settings. */
public final class TrialTable {
    private final PrintWriter out;
    private final Score score;
    private final List<String> extra;

    public TrialTable(PrintWriter out, Score score, List<String> extra) {
        this.out = out;
        this.score = score;
        this.extra = List.copyOf(extra);
    }

    public void header() {
        StringBuilder h = new StringBuilder(String.format(Locale.ROOT, "%5s  %-11s %10s ", "trial", "model",
                score.name().length() > 10 ? score.key() : score.name()));
        for (String e : extra) h.append(String.format(Locale.ROOT, "%9s", e));
        out.println(h.append(String.format(Locale.ROOT, " %8s  %s", "seconds", "settings")));
        out.flush();
    }

    public void row(Trial t, boolean best) {
        StringBuilder r = new StringBuilder(String.format(Locale.ROOT, "%5d  %-11s %9s%s ", t.index(), t.label(),
                score.format(t.score()), best ? "*" : " "));
        for (String e : extra) r.append(String.format(Locale.ROOT, "%9.4f", t.metrics().getOrDefault(e, Double.NaN)));
        out.println(r.append(String.format(Locale.ROOT, " %8.1f  %s", t.seconds(), text(t.settings()))));
        out.flush();
    }

    /** "lr 0.001, dropout 0.3" or "(defaults)"; the model (in its own column) and the seed are left out. */
    public static String text(Map<String, Object> settings) {
        String s = settings.entrySet().stream().filter(e -> !e.getKey().equals("model") && !e.getKey().equals("seed"))
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
        return s.isEmpty() ? "(defaults)" : s;
    }
}
