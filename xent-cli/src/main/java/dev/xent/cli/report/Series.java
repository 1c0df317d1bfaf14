// One line of a chart: (x, y) points of a metric for one split, with non-finite values counted and left out.
package dev.xent.cli.report;

import java.util.Arrays;

/** Points in x order as logged, in primitive arrays (a run of 10^6 steps costs 16 MB per curve). */
final class Series {
    final String name;
    private double[] xs = new double[64], ys = new double[64];
    private int n;
    /** Where the metric first became NaN, ±Infinity or null; null if it never did. */
    Double firstNonFiniteX;

    Series(String name) {
        this.name = name;
    }

    void add(double x, double y) {
        if (!Double.isFinite(y)) {
            if (firstNonFiniteX == null) firstNonFiniteX = x;
            return;
        }
        if (n == xs.length) {
            xs = Arrays.copyOf(xs, 2 * n);
            ys = Arrays.copyOf(ys, 2 * n);
        }
        xs[n] = x;
        ys[n] = y;
        n++;
    }

    int size() {
        return n;
    }

    boolean isEmpty() {
        return n == 0;
    }

    double x(int i) {
        return xs[i];
    }

    double y(int i) {
        return ys[i];
    }

    double lastY() {
        return ys[n - 1];
    }

    double minY() {
        return n == 0 ? Double.NaN : Arrays.stream(ys, 0, n).min().getAsDouble();
    }

    double maxY() {
        return n == 0 ? Double.NaN : Arrays.stream(ys, 0, n).max().getAsDouble();
    }

    /**
     * At most {@code max} points: consecutive points averaged in equal buckets (x and y), so that a noisy
     * per-step curve keeps its trend and a plot of 10^6 steps stays small.
     */
    Series downsampled(int max) {
        if (n <= max) return this;
        Series s = new Series(name);
        s.firstNonFiniteX = firstNonFiniteX;
        for (int b = 0; b < max; b++) {
            int from = (int) ((long) b * n / max), to = (int) ((long) (b + 1) * n / max);
            double sx = 0, sy = 0;
            for (int i = from; i < to; i++) {
                sx += xs[i];
                sy += ys[i];
            }
            s.add(sx / (to - from), sy / (to - from));
        }
        return s;
    }
}
