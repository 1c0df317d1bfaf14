// A chart axis: the data range mapped to pixels (linear or log10), with round tick values and their labels.
package dev.xent.cli.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** From {@code lo}..{@code hi} (data units) to {@code from}..{@code to} (pixels; y runs upwards: from > to). */
final class Axis {
    final double lo, hi;
    final boolean log;
    final double from, to;
    /** Tick values within [lo, hi], ascending. */
    final List<Double> ticks;
    private final double step;   // linear: the tick spacing (for the labels' decimals)

    /**
     * {@code min}..{@code max} widened by {@code pad} of the span on each side (a flat series gets a span of its own);
     * about {@code targetTicks} ticks at 1, 2 or 5 × a power of ten (log: the powers of ten, with 2 and 5 between
     * them when the span is under three decades).
     */
    Axis(double min, double max, boolean log, double from, double to, int targetTicks, double pad) {
        this.log = log;
        this.from = from;
        this.to = to;
        double a = log ? Math.log10(min) : min, b = log ? Math.log10(max) : max;
        if (!(b > a)) {   // one value (or one point): a span around it
            double w = log ? 0.5 : Math.max(Math.abs(a) * 0.1, 0.5);
            a -= w;
            b += w;
        }
        double p = (b - a) * pad;
        a -= p;
        b += p;
        this.lo = a;
        this.hi = b;
        List<Double> t = new ArrayList<>();
        if (log) {
            step = 1;
            double[] mult = b - a < 3 ? new double[] {1, 2, 5} : new double[] {1};
            for (int e = (int) Math.floor(a); e <= (int) Math.ceil(b); e++) {
                for (double m : mult) {
                    double v = Math.log10(m) + e;
                    if (v >= a - 1e-9 && v <= b + 1e-9) t.add(Math.pow(10, v));
                }
            }
        } else {
            step = niceStep((b - a) / Math.max(1, targetTicks));
            for (double v = Math.ceil(a / step) * step; v <= b + step * 1e-9; v += step) {
                t.add(Math.abs(v) < step * 1e-9 ? 0.0 : v);
            }
        }
        this.ticks = t;
    }

    /** The pixel of data value {@code v}. */
    double px(double v) {
        double u = log ? Math.log10(v) : v;
        return from + (u - lo) / (hi - lo) * (to - from);
    }

    /** A tick's label: as many decimals as the spacing needs, thousands grouped; powers of ten as 1e-4 when tiny or huge. */
    String label(double v) {
        double a = Math.abs(v);
        if (log && a > 0 && (a < 1e-3 || a >= 1e6)) {
            return String.format(Locale.ROOT, "%.0fe%d", v / Math.pow(10, Math.floor(Math.log10(a) + 1e-9)),
                    (int) Math.floor(Math.log10(a) + 1e-9));
        }
        if (!log && a != 0 && (a >= 1e9 || step < 1e-6)) return String.format(Locale.ROOT, "%.3g", v);
        int decimals = log ? (a >= 1 ? 0 : (int) Math.ceil(-Math.log10(a) - 1e-9))
                : Math.max(0, (int) Math.ceil(-Math.log10(step) - 1e-9));
        return String.format(Locale.ROOT, "%,." + Math.min(decimals, 8) + "f", v);
    }

    /** 1, 2 or 5 × a power of ten, the smallest at least {@code raw}. */
    static double niceStep(double raw) {
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 5, 10}) if (m * p >= raw * (1 - 1e-9)) return m * p;
        return 10 * p;
    }
}
