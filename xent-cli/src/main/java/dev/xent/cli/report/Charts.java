// Builds the report's plots with XChart and encodes each as a PNG data URI (no files, no network).
package dev.xent.cli.report;

import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/** Chart size and look are fixed here so every report looks alike. */
final class Charts {
    private Charts() {}

    static final int WIDTH = 560, HEIGHT = 320;
    /** Points per plotted series; longer series are bucket-averaged (see {@link Series#downsampled}). */
    static final int MAX_POINTS = 500;

    private static final Color[] COLORS = {
        new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728), new Color(0x9467bd)};
    private static final Font BASE = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

    /** A line chart of several series against x; log-scaled y when the values span over two decades. */
    static Image lines(String title, String xLabel, String yLabel, List<Series> series) {
        XYChart c = new XYChart(WIDTH, HEIGHT);
        c.setTitle(title);
        c.setXAxisTitle(xLabel);
        c.setYAxisTitle(yLabel);
        style(c.getStyler());
        c.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            lo = Math.min(lo, s.minY());
            hi = Math.max(hi, s.maxY());
        }
        c.getStyler().setYAxisLogarithmic(lo > 0 && hi / lo > 100);
        for (Series s0 : series) {
            Series s = s0.downsampled(MAX_POINTS);
            XYSeries xy = c.addSeries(s.name, s.xList(), s.yList());
            // few points (per-epoch evaluations) get markers; dense per-step curves do not
            xy.setMarker(s.size() <= 60 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
            xy.setLineWidth(1.6f);
        }
        breakEqualSpacing(c, series);
        c.getStyler().setLegendVisible(series.size() > 1);
        c.getStyler().setXAxisTickMarkSpacingHint(90);
        c.getStyler().setXAxisDecimalPattern("#,##0.##");
        return new Image(pngDataUri(c), WIDTH, HEIGHT);
    }

    /**
     * Points (no lines) of {@code points}, plus the lines of {@code lines} (e.g. the best so far); the x axis is
     * log-scaled when {@code logX}.
     */
    static Image scatter(String title, String xLabel, String yLabel, List<Series> points, List<Series> lines, boolean logX) {
        XYChart c = new XYChart(WIDTH, HEIGHT);
        c.setTitle(title);
        c.setXAxisTitle(xLabel);
        c.setYAxisTitle(yLabel);
        style(c.getStyler());
        c.getStyler().setXAxisLogarithmic(logX);
        for (Series s : points) {
            XYSeries xy = c.addSeries(s.name, s.xList(), s.yList());
            xy.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            xy.setMarker(SeriesMarkers.CIRCLE);
        }
        for (Series s : lines) {
            XYSeries xy = c.addSeries(s.name, s.xList(), s.yList());
            xy.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step);
            xy.setMarker(SeriesMarkers.NONE);
            xy.setLineWidth(1.6f);
        }
        c.getStyler().setLegendVisible(points.size() + lines.size() > 1);
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);   // inside, it would hide the last trials
        c.getStyler().setXAxisDecimalPattern("#,##0.####");
        return new Image(pngDataUri(c), WIDTH, HEIGHT);
    }

    /**
     * XChart labels an x axis whose values are all equally spaced (steps 1, 2, 3, ...) at data values, which
     * crowds 20+ labels like "1 21 41 61"; with one unequal value it picks round ticks (0, 100, 200). An invisible
     * one-point series, half a spacing after the first x, provides that value without drawing anything.
     */
    private static void breakEqualSpacing(XYChart c, List<Series> series) {
        Series first = series.get(0);
        if (first.size() < 2) return;
        double x = first.x(0) + 0.5 * (first.x(1) - first.x(0));
        XYSeries helper = c.addSeries(" ", List.of(x), List.of(first.y(0)));
        helper.setMarker(SeriesMarkers.NONE);
        helper.setShowInLegend(false);
        helper.setLineColor(new Color(0, 0, 0, 0));
    }

    /** An encoded chart and its size in CSS pixels. */
    record Image(String uri, int width, int height) {
        String tag(String alt) {
            return "<img alt=\"" + Html.esc(alt) + "\" width=\"" + width + "\" height=\"" + height + "\" src=\"" + uri + "\">";
        }
    }

    /** A bar chart of one value per category, e.g. F1 per tag; values in [0, 1] get a fixed 0..1 axis. */
    static Image bars(String title, String yLabel, List<String> categories, Map<String, List<Double>> seriesByName) {
        int width = Math.max(WIDTH, Math.min(1100, 60 + 28 * categories.size() * Math.max(1, seriesByName.size())));
        CategoryChart c = new CategoryChart(width, HEIGHT);
        c.setTitle(title);
        c.setYAxisTitle(yLabel);
        style(c.getStyler());
        c.getStyler().setAvailableSpaceFill(0.8);
        c.getStyler().setXAxisLabelRotation(categories.size() > 8 ? 45 : 0);
        boolean unit = seriesByName.values().stream().flatMap(List::stream).allMatch(v -> v >= 0 && v <= 1);
        if (unit) {
            c.getStyler().setYAxisMin(0.0);
            c.getStyler().setYAxisMax(1.0);
        }
        c.getStyler().setLegendVisible(seriesByName.size() > 1);
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);   // bars fill the plot: legend beside it
        seriesByName.forEach((name, values) -> {
            CategorySeries s = c.addSeries(name, categories, values);
            s.setChartCategorySeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Bar);
        });
        return new Image(pngDataUri(c), width, HEIGHT);
    }

    private static void style(AxesChartStyler st) {
        st.setChartBackgroundColor(Color.WHITE);
        st.setPlotBackgroundColor(Color.WHITE);
        st.setPlotBorderColor(new Color(0xcccccc));
        st.setPlotGridLinesColor(new Color(0xe6e6e6));
        st.setChartTitleBoxVisible(false);
        st.setChartTitleFont(BASE.deriveFont(Font.BOLD, 14f));
        st.setAxisTitleFont(BASE);
        st.setAxisTickLabelsFont(BASE.deriveFont(11f));
        st.setLegendFont(BASE.deriveFont(11f));
        st.setLegendPosition(Styler.LegendPosition.InsideNE);
        st.setLegendPadding(6);
        st.setLegendBorderColor(new Color(0xcccccc));
        st.setSeriesColors(COLORS);
        st.setMarkerSize(5);
        st.setChartPadding(8);
        st.setAntiAlias(true);
    }

    /**
     * The chart as {@code data:image/png;base64,...} for an {@code <img src>}, drawn at twice its size so it stays
     * sharp on high-density screens and when zoomed. (XChart's SVG output draws every glyph as a path: about
     * 100 kB of text per chart; the PNG is smaller.)
     */
    static String pngDataUri(Chart<?, ?> chart) {
        int w = chart.getWidth(), hgt = chart.getHeight();
        BufferedImage img = new BufferedImage(2 * w, 2 * hgt, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.scale(2, 2);
            chart.paint(g, w, hgt);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);   // a byte array stream does not fail
        }
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(png.toByteArray());
    }
}
