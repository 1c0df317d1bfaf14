// Small HTML helpers for the report: escaping, number formatting, and the page's inline stylesheet.
package dev.xent.cli.report;

import java.util.Locale;

final class Html {
    private Html() {}

    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** 4 significant digits, plain for ordinary magnitudes, scientific for tiny or huge ones. */
    static String num(double v) {
        if (Double.isNaN(v)) return "NaN";
        if (Double.isInfinite(v)) return v > 0 ? "∞" : "−∞";
        if (v == Math.rint(v) && Math.abs(v) < 1e9) return String.format(Locale.ROOT, "%,d", (long) v);
        double a = Math.abs(v);
        if (a >= 1e-3 && a < 1e6) return String.format(Locale.ROOT, "%.4g", v);
        return String.format(Locale.ROOT, "%.3e", v);
    }

    static final String CSS = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;margin:0;color:#222;background:#f6f7f9}
            main{max-width:1180px;margin:0 auto;padding:20px 24px 40px}
            h1{font-size:22px;margin:4px 0}h2{font-size:17px;margin:28px 0 10px;border-bottom:1px solid #ddd;padding-bottom:4px}
            .sub{color:#666;font-size:13px}
            .cards{display:flex;flex-wrap:wrap;gap:10px;margin-top:14px}
            .card{background:#fff;border:1px solid #ddd;border-radius:6px;padding:8px 14px;min-width:120px}
            .card .k{font-size:12px;color:#666}.card .v{font-size:20px;font-weight:600}
            .grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(560px,1fr));gap:12px}
            .grid img,.wide img{background:#fff;border:1px solid #ddd;border-radius:6px;max-width:100%;height:auto}
            table{border-collapse:collapse;background:#fff;font-size:13px}
            td,th{border:1px solid #ddd;padding:4px 8px;text-align:right}
            th{background:#f0f1f3}td.l,th.l{text-align:left}
            table.cm td{min-width:38px;text-align:center}
            table.mt td.l{max-width:360px;white-space:normal}
            .note{background:#fff8e1;border:1px solid #f0d58c;border-radius:6px;padding:6px 12px;margin:6px 0;font-size:14px}
            .sample{background:#fff;border:1px solid #ddd;border-radius:6px;padding:8px 12px;margin:8px 0;white-space:pre-wrap;
            font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-size:13px}
            .sample b{color:#1f77b4}
            details{margin-top:8px}footer{color:#888;font-size:12px;margin-top:30px}
            """;
}
