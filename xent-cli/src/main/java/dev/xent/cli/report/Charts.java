// The report's plots, written as SVG text (no graphics library, no fonts loaded: a few milliseconds per chart) and
// embedded as data URIs: line charts, scatter plots with a step line, and bar charts.
package dev.xent.cli.report;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Chart size and look are fixed here so every report looks alike. (Until 2026-12 the charts were XChart PNGs: its
 * first chart in a process loaded Java2D and the system's fonts, 0.4-0.9 s of a short training command's time.)
 */
final class Charts {
    private Charts() {}

    static final int WIDTH = 560, HEIGHT = 320;
    /** Points per plotted series; longer series are bucket-averaged (see {@link Series#downsampled}). */
    static final int MAX_POINTS = 500;

    private static final String[] COLORS = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd"};
    /** Average advance of an 11 px sans-serif character, to size margins and legends from label lengths. */
    private static final double CHAR_PX = 6.3;

    /** A line chart of several series against x; log-scaled y when the values span over two decades. */
    static Image lines(String title, String xLabel, String yLabel, List<Series> series) {
        List<Series> shown = new ArrayList<>();
        for (Series s : series) shown.add(s.downsampled(MAX_POINTS));
        double[] r = range(shown);
        boolean logY = r[2] > 0 && r[3] / r[2] > 100;
        Svg svg = new Svg(WIDTH, HEIGHT);
        Frame f = frame(svg, title, xLabel, yLabel, r[0], r[1], false, r[2], r[3], logY, 0, 0);
        for (int i = 0; i < shown.size(); i++) {
            Series s = shown.get(i);
            String color = COLORS[i % COLORS.length];
            svg.polyline(f, s, color, false);
            if (s.size() <= 60) svg.markers(f, s, color);   // few points (per-epoch evaluations) get markers
        }
        if (shown.size() > 1) legendInside(svg, f, names(shown));
        return svg.image();
    }

    /**
     * Points (no lines) of {@code points}, plus the step lines of {@code lines} (e.g. the best so far); the x axis
     * is log-scaled when {@code logX}. The legend goes below the plot (inside, it would hide the last trials).
     */
    static Image scatter(String title, String xLabel, String yLabel, List<Series> points, List<Series> lines, boolean logX) {
        List<Series> all = new ArrayList<>(points);
        all.addAll(lines);
        double[] r = range(all);
        boolean legend = all.size() > 1;
        Svg svg = new Svg(WIDTH, HEIGHT);
        Frame f = frame(svg, title, xLabel, yLabel, r[0], r[1], logX, r[2], r[3], false, legend ? 20 : 0, 0);
        for (int i = 0; i < all.size(); i++) {
            String color = COLORS[i % COLORS.length];
            if (i < points.size()) svg.markers(f, all.get(i), color);
            else svg.polyline(f, all.get(i), color, true);
        }
        if (legend) {
            double x = WIDTH / 2.0 - legendWidth(names(all)) * all.size() / 2;
            for (int i = 0; i < all.size(); i++) {
                svg.legendKey(x, HEIGHT - 12, COLORS[i % COLORS.length], all.get(i).name);
                x += legendWidth(names(all));
            }
        }
        return svg.image();
    }

    /** A bar chart of one value per category, e.g. F1 per tag; values in [0, 1] get a fixed 0..1 axis. */
    static Image bars(String title, String yLabel, List<String> categories, Map<String, List<Double>> seriesByName) {
        int width = Math.max(WIDTH, Math.min(1100, 60 + 28 * categories.size() * Math.max(1, seriesByName.size())));
        double lo = 0, hi = 0;
        for (List<Double> vs : seriesByName.values()) {
            for (double v : vs) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        boolean unit = lo >= 0 && hi <= 1;
        if (unit) hi = 1;
        else hi += 0.05 * (hi - lo);
        boolean rotate = categories.size() > 8;
        int longest = categories.stream().mapToInt(String::length).max().orElse(1);
        int below = rotate ? (int) Math.min(120, longest * CHAR_PX * 0.71) : 0;
        List<String> names = new ArrayList<>(seriesByName.keySet());
        int right = seriesByName.size() > 1 ? (int) legendWidth(names) + 10 : 0;
        Svg svg = new Svg(width, HEIGHT);
        Frame f = frame(svg, title, null, yLabel, 0, 1, false, lo, hi, false, below, right);
        double band = (f.x.to - f.x.from) / categories.size(), bar = 0.8 * band / Math.max(1, names.size());
        double zero = f.y.px(0);
        for (int s = 0; s < names.size(); s++) {
            List<Double> vs = seriesByName.get(names.get(s));
            for (int c = 0; c < categories.size() && c < vs.size(); c++) {
                double x = f.x.from + c * band + 0.1 * band + s * bar, y = f.y.px(vs.get(c));
                svg.rect(x, Math.min(y, zero), bar, Math.abs(zero - y), COLORS[s % COLORS.length]);
            }
        }
        for (int c = 0; c < categories.size(); c++) {
            double x = f.x.from + (c + 0.5) * band, y = f.y.from + 14;
            svg.text(x, y, categories.get(c), 11, rotate ? "end" : "middle", false, rotate ? -45 : 0);
        }
        if (names.size() > 1) {
            for (int s = 0; s < names.size(); s++) {
                svg.legendKey(f.x.to + 12, f.y.to + 10 + 18 * s, COLORS[s % COLORS.length], names.get(s));
            }
        }
        return svg.image();
    }

    /** The plot area's axes. */
    record Frame(Axis x, Axis y) {}

    /**
     * Background, title, axis titles, grid and tick labels; {@code below} and {@code right} are pixels kept free
     * under the x tick labels and right of the plot. {@code xLabel} null: no x ticks (categories label it instead).
     */
    private static Frame frame(Svg svg, String title, String xLabel, String yLabel, double x0, double x1, boolean logX,
                               double y0, double y1, boolean logY, int below, int right) {
        int top = 32, bottom = 8 + below + (xLabel == null ? 18 : 38);
        // y's tick labels decide the left margin: first lay the axis out against a provisional left edge
        Axis yProbe = new Axis(y0, y1, logY, svg.height - bottom, top, 5, 0.04);
        int labelChars = 1;
        for (double t : yProbe.ticks) labelChars = Math.max(labelChars, yProbe.label(t).length());
        int left = 26 + (int) (labelChars * CHAR_PX);
        Axis y = new Axis(y0, y1, logY, svg.height - bottom, top, Math.max(3, (svg.height - bottom - top) / 50), 0.04);
        Axis x = new Axis(x0, x1, logX, left, svg.width - 14 - right, Math.max(3, (svg.width - left - right) / 90), 0.02);
        svg.rect(0, 0, svg.width, svg.height, "#fff");
        svg.text(svg.width / 2.0, 20, title, 14, "middle", true, 0);
        for (double t : y.ticks) {
            svg.gridLine(x.from, y.px(t), x.to, y.px(t));
            svg.text(x.from - 5, y.px(t) + 4, y.label(t), 11, "end", false, 0);
        }
        if (xLabel != null) {
            for (double t : x.ticks) {
                svg.gridLine(x.px(t), y.from, x.px(t), y.to);
                svg.text(x.px(t), y.from + 15, x.label(t), 11, "middle", false, 0);
            }
            svg.text((x.from + x.to) / 2, svg.height - 10 - below, xLabel, 12, "middle", false, 0);
        }
        svg.text(13, (y.from + y.to) / 2, yLabel, 12, "middle", false, -90);
        svg.border(x.from, y.to, x.to - x.from, y.from - y.to);
        return new Frame(x, y);
    }

    /** [min x, max x, min y, max y] over the series' points. */
    private static double[] range(List<Series> series) {
        double[] r = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (Series s : series) {
            for (int i = 0; i < s.size(); i++) {
                r[0] = Math.min(r[0], s.x(i));
                r[1] = Math.max(r[1], s.x(i));
                r[2] = Math.min(r[2], s.y(i));
                r[3] = Math.max(r[3], s.y(i));
            }
        }
        if (r[0] > r[1]) return new double[] {0, 1, 0, 1};   // nothing to plot: an empty frame
        return r;
    }

    private static List<String> names(List<Series> series) {
        return series.stream().map(s -> s.name).toList();
    }

    private static double legendWidth(List<String> names) {
        return 26 + CHAR_PX * names.stream().mapToInt(String::length).max().orElse(1) + 12;
    }

    /** A white box in the plot's top-right corner with a key per series. */
    private static void legendInside(Svg svg, Frame f, List<String> names) {
        double w = legendWidth(names), h = 18 * names.size() + 6, x = f.x.to - w - 6, y = f.y.to + 6;
        svg.box(x, y, w, h);
        for (int i = 0; i < names.size(); i++) svg.legendKey(x + 6, y + 14 + 18 * i, COLORS[i % COLORS.length], names.get(i));
    }

    /** An encoded chart and its size in CSS pixels. */
    record Image(String uri, int width, int height) {
        String tag(String alt) {
            return "<img alt=\"" + Html.esc(alt) + "\" width=\"" + width + "\" height=\"" + height + "\" src=\"" + uri + "\">";
        }
    }

    /** SVG markup, coordinates rounded to 0.1 px. */
    private static final class Svg {
        final int width, height;
        private final StringBuilder b = new StringBuilder(8192);

        Svg(int width, int height) {
            this.width = width;
            this.height = height;
            b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"")
                    .append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                    .append("\" font-family=\"DejaVu Sans,Helvetica,Arial,sans-serif\" fill=\"#222\">");
        }

        void rect(double x, double y, double w, double h, String fill) {
            b.append("<rect x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" width=\"").append(n(w))
                    .append("\" height=\"").append(n(h)).append("\" fill=\"").append(fill).append("\"/>");
        }

        void box(double x, double y, double w, double h) {
            b.append("<rect x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" width=\"").append(n(w))
                    .append("\" height=\"").append(n(h)).append("\" fill=\"#fff\" stroke=\"#ccc\"/>");
        }

        void border(double x, double y, double w, double h) {
            b.append("<rect x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" width=\"").append(n(w))
                    .append("\" height=\"").append(n(h)).append("\" fill=\"none\" stroke=\"#ccc\"/>");
        }

        void gridLine(double x1, double y1, double x2, double y2) {
            b.append("<line x1=\"").append(n(x1)).append("\" y1=\"").append(n(y1)).append("\" x2=\"").append(n(x2))
                    .append("\" y2=\"").append(n(y2)).append("\" stroke=\"#e6e6e6\"/>");
        }

        void text(double x, double y, String s, int size, String anchor, boolean bold, int rotate) {
            b.append("<text x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" font-size=\"").append(size)
                    .append("\" text-anchor=\"").append(anchor).append('"');
            if (bold) b.append(" font-weight=\"bold\"");
            if (rotate != 0) b.append(" transform=\"rotate(").append(rotate).append(' ').append(n(x)).append(' ')
                    .append(n(y)).append(")\"");
            b.append('>').append(Html.esc(s)).append("</text>");
        }

        /** The series as a line (a step line when {@code step}: each value holds until the next x). */
        void polyline(Frame f, Series s, String color, boolean step) {
            if (s.isEmpty()) return;
            b.append("<path fill=\"none\" stroke=\"").append(color).append("\" stroke-width=\"1.6\" d=\"M")
                    .append(n(f.x.px(s.x(0)))).append(' ').append(n(f.y.px(s.y(0))));
            for (int i = 1; i < s.size(); i++) {
                if (step) b.append('H').append(n(f.x.px(s.x(i)))).append('V').append(n(f.y.px(s.y(i))));
                else b.append('L').append(n(f.x.px(s.x(i)))).append(' ').append(n(f.y.px(s.y(i))));
            }
            b.append("\"/>");
        }

        void markers(Frame f, Series s, String color) {
            b.append("<g fill=\"").append(color).append("\">");
            for (int i = 0; i < s.size(); i++) {
                b.append("<circle cx=\"").append(n(f.x.px(s.x(i)))).append("\" cy=\"").append(n(f.y.px(s.y(i))))
                        .append("\" r=\"2.8\"/>");
            }
            b.append("</g>");
        }

        void legendKey(double x, double y, String color, String name) {
            b.append("<rect x=\"").append(n(x)).append("\" y=\"").append(n(y - 8)).append("\" width=\"16\" height=\"")
                    .append("8\" fill=\"").append(color).append("\"/>");
            text(x + 22, y, name, 11, "start", false, 0);
        }

        Image image() {
            b.append("</svg>");
            byte[] bytes = b.toString().getBytes(StandardCharsets.UTF_8);
            return new Image("data:image/svg+xml;base64," + Base64.getEncoder().encodeToString(bytes), width, height);
        }

        /** One decimal, no exponent (SVG lengths). */
        private static String n(double v) {
            long t = Math.round(v * 10);
            return t % 10 == 0 ? Long.toString(t / 10) : (t < 0 ? "-" : "") + Math.abs(t) / 10 + "." + Math.abs(t) % 10;
        }
    }
}
