package city.parkgrid.forecast.backtest;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** The backtest's report.html: tables and inline SVG charts, readable offline. */
final class Report implements Backtest.Sink {

    /** The lot charts show the last days of the period: enough to see a day's shape, few enough to read. */
    static final int REPORT_DAYS = 4;

    private static final String[] COLOURS = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b"};
    private static final String OWN = "parkgrid";
    private static final String ANCHOR = "relativized-average";

    private final List<String> lots;
    private final int horizon;
    private final ZoneId zone;
    /** lot -> target -> method -> prediction. */
    private final Map<String, TreeMap<java.time.Instant, Map<String, Backtest.Prediction>>> series =
            new LinkedHashMap<>();

    Report(List<String> lots, int horizon, ZoneId zone) {
        this.lots = lots;
        this.horizon = horizon;
        this.zone = zone;
        lots.forEach(l -> series.put(l, new TreeMap<>()));
    }

    @Override
    public void accept(Backtest.Prediction p) {
        if (p.horizonMinutes() == horizon
                && series.containsKey(p.lot())
                && (p.method().equals(OWN) || p.method().equals(ANCHOR))) {
            series.get(p.lot())
                    .computeIfAbsent(p.targetAt(), t -> new LinkedHashMap<>())
                    .put(p.method(), p);
        }
    }

    String html(Summary summary, Backtest.Options options) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<title>ParkGrid forecast backtest</title><style>")
                .append("body{font-family:sans-serif;margin:2em;max-width:1000px}")
                .append("table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 8px;text-align:right}")
                .append("th:first-child,td:first-child{text-align:left}svg{background:#fafafa;border:1px solid #ddd}")
                .append("</style></head><body>\n<h1>ParkGrid forecast backtest</h1>\n");
        h.append("<p>Targets from ")
                .append(options.from())
                .append(options.to() == null ? " to the end of the data" : " up to " + options.to() + " (exclusive)")
                .append(", local time ")
                .append(esc(options.zone().getId()))
                .append(
                        "; each forecast issued <i>h</i> minutes before its target from data at or before its issue time.</p>\n");
        List<String> methods =
                summary.rows().stream().map(Summary.Row::method).distinct().toList();
        List<Integer> horizons = summary.rows().stream()
                .map(Summary.Row::horizonMinutes)
                .collect(Collectors.toCollection(TreeSet::new))
                .stream()
                .toList();
        h.append("<h2>Mean absolute error by horizon</h2>\n");
        h.append(errorChart(summary, methods, horizons));
        h.append("<table><tr><th>method</th><th>horizon (min)</th><th>MAE (spaces)</th>")
                .append("<th>MAE (% of capacity)</th><th>80% interval coverage</th><th>n</th></tr>\n");
        for (Summary.Row r : summary.rows()) {
            h.append(String.format(
                    Locale.ROOT,
                    "<tr><td>%s</td><td>%d</td><td>%.2f</td><td>%.2f</td><td>%.1f%%</td><td>%d</td></tr>%n",
                    esc(r.method()),
                    r.horizonMinutes(),
                    r.maeSpaces(),
                    r.maePercentOfCapacity(),
                    100 * r.intervalCoverage(),
                    r.n()));
        }
        h.append("</table>\n<h2>Forecast against actual, ")
                .append(horizon)
                .append(" minutes ahead, the last ")
                .append(REPORT_DAYS)
                .append(
                        " days with data</h2>\n<p>Black: actual; blue: parkgrid with its 80% interval (shaded); orange: ")
                .append(ANCHOR)
                .append(". Days are placed side by side; nights, when the data has no readings, are left out.</p>\n");
        for (String lot : lots) {
            h.append("<h3>").append(esc(lot)).append("</h3>\n").append(lotChart(series.get(lot)));
        }
        h.append("</body></html>\n");
        return h.toString();
    }

    private static String errorChart(Summary summary, List<String> methods, List<Integer> horizons) {
        int w = 720;
        int ht = 320;
        int left = 60;
        int right = 200;
        int top = 20;
        int bottom = 40;
        double max = summary.rows().stream()
                .mapToDouble(Summary.Row::maePercentOfCapacity)
                .max()
                .orElse(1);
        max = Math.ceil(max / 2) * 2;
        StringBuilder s = new StringBuilder();
        s.append(String.format(
                Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\">%n", w, ht));
        double plotW = w - left - right;
        double plotH = ht - top - bottom;
        s.append(grid(left, top, plotW, plotH, max, "%.1f%%"));
        for (int i = 0; i < horizons.size(); i++) {
            double x = xOf(i, horizons.size(), left, plotW);
            s.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">%d min</text>%n",
                    x,
                    ht - bottom + 18,
                    horizons.get(i)));
        }
        for (int m = 0; m < methods.size(); m++) {
            String colour = COLOURS[m % COLOURS.length];
            StringBuilder points = new StringBuilder();
            for (int i = 0; i < horizons.size(); i++) {
                int hz = horizons.get(i);
                String method = methods.get(m);
                double v = summary.rows().stream()
                        .filter(r -> r.method().equals(method) && r.horizonMinutes() == hz)
                        .mapToDouble(Summary.Row::maePercentOfCapacity)
                        .findFirst()
                        .orElse(Double.NaN);
                if (!Double.isNaN(v)) {
                    points.append(String.format(
                            Locale.ROOT,
                            "%.1f,%.1f ",
                            xOf(i, horizons.size(), left, plotW),
                            top + plotH - plotH * v / max));
                }
            }
            s.append(String.format(
                    Locale.ROOT,
                    "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"%s\" points=\"%s\"/>%n",
                    colour,
                    methods.get(m).equals(OWN) ? "3" : "1.5",
                    points.toString().trim()));
            s.append(String.format(
                    Locale.ROOT,
                    "<rect x=\"%d\" y=\"%d\" width=\"14\" height=\"4\" fill=\"%s\"/>"
                            + "<text x=\"%d\" y=\"%d\" font-size=\"12\">%s</text>%n",
                    w - right + 20,
                    top + 10 + 18 * m,
                    colour,
                    w - right + 40,
                    top + 15 + 18 * m,
                    esc(methods.get(m))));
        }
        s.append(String.format(
                Locale.ROOT,
                "<text x=\"12\" y=\"%d\" font-size=\"11\" transform=\"rotate(-90 12 %d)\">MAE, %% of capacity</text>%n",
                top + (int) plotH / 2,
                top + (int) plotH / 2));
        return s.append("</svg>\n").toString();
    }

    /** Five horizontal grid lines from 0 to max, labelled on the left in the given format. */
    private static String grid(int left, int top, double plotW, double plotH, double max, String label) {
        StringBuilder s = new StringBuilder();
        for (int k = 0; k <= 4; k++) {
            double v = max * k / 4;
            double y = top + plotH - plotH * v / max;
            s.append(String.format(
                    Locale.ROOT,
                    "<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>"
                            + "<text x=\"%d\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\">%s</text>%n",
                    left,
                    y,
                    left + plotW,
                    y,
                    left - 5,
                    y + 4,
                    String.format(Locale.ROOT, label, v)));
        }
        return s.toString();
    }

    private static double xOf(int i, int n, int left, double plotW) {
        return n == 1 ? left + plotW / 2 : left + plotW * i / (n - 1);
    }

    private String lotChart(TreeMap<java.time.Instant, Map<String, Backtest.Prediction>> byTarget) {
        Set<LocalDate> days = new TreeSet<>();
        byTarget.keySet().forEach(t -> days.add(t.atZone(zone).toLocalDate()));
        List<LocalDate> shown = new ArrayList<>(days).subList(Math.max(0, days.size() - REPORT_DAYS), days.size());
        List<Map<String, Backtest.Prediction>> points = new ArrayList<>();
        List<Integer> dayStarts = new ArrayList<>();
        LocalDate current = null;
        for (Map.Entry<java.time.Instant, Map<String, Backtest.Prediction>> e : byTarget.entrySet()) {
            LocalDate d = e.getKey().atZone(zone).toLocalDate();
            if (!shown.contains(d) || !e.getValue().containsKey(OWN)) {
                continue;
            }
            if (!d.equals(current)) {
                dayStarts.add(points.size());
                current = d;
            }
            points.add(e.getValue());
        }
        int w = 960;
        int ht = 260;
        int left = 50;
        int top = 20;
        int bottom = 30;
        if (points.isEmpty()) {
            return "<p>No forecasts for this lot in the period.</p>\n";
        }
        double capacity =
                points.stream().mapToInt(p -> p.get(OWN).capacity()).max().orElse(1);
        double plotW = w - left - 20;
        double plotH = ht - top - bottom;
        int n = points.size();
        StringBuilder s = new StringBuilder();
        s.append(String.format(
                Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\">%n", w, ht));
        s.append(grid(left, top, plotW, plotH, capacity, "%.0f"));
        for (int i = 0; i < dayStarts.size(); i++) {
            double x = left + plotW * dayStarts.get(i) / Math.max(1, n - 1);
            LocalDate d = points.get(dayStarts.get(i))
                    .get(OWN)
                    .targetAt()
                    .atZone(zone)
                    .toLocalDate();
            s.append(String.format(
                    Locale.ROOT,
                    "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#999\" stroke-dasharray=\"3,3\"/>"
                            + "<text x=\"%.1f\" y=\"%d\" font-size=\"11\">%s %s</text>%n",
                    x,
                    top,
                    x,
                    top + plotH,
                    x + 3,
                    ht - bottom + 18,
                    d.getDayOfWeek().toString().substring(0, 3),
                    d));
        }
        StringBuilder band = new StringBuilder();
        for (int i = 0; i < n; i++) {
            band.append(pt(i, points.get(i).get(OWN).high(), n, left, plotW, top, plotH, capacity));
        }
        for (int i = n - 1; i >= 0; i--) {
            band.append(pt(i, points.get(i).get(OWN).low(), n, left, plotW, top, plotH, capacity));
        }
        s.append("<polygon fill=\"#1f77b4\" fill-opacity=\"0.18\" stroke=\"none\" points=\"")
                .append(band.toString().trim())
                .append("\"/>\n");
        StringBuilder actual = new StringBuilder();
        StringBuilder own = new StringBuilder();
        StringBuilder anchor = new StringBuilder();
        for (int i = 0; i < n; i++) {
            Map<String, Backtest.Prediction> m = points.get(i);
            actual.append(pt(i, m.get(OWN).actual(), n, left, plotW, top, plotH, capacity));
            own.append(pt(i, m.get(OWN).predicted(), n, left, plotW, top, plotH, capacity));
            if (m.containsKey(ANCHOR)) {
                anchor.append(pt(i, m.get(ANCHOR).predicted(), n, left, plotW, top, plotH, capacity));
            }
        }
        s.append(line(anchor, "#ff7f0e", 1.2)).append(line(own, "#1f77b4", 2)).append(line(actual, "#000", 1.5));
        return s.append("</svg>\n").toString();
    }

    private static String line(StringBuilder points, String colour, double width) {
        return String.format(
                Locale.ROOT,
                "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"%.1f\" points=\"%s\"/>%n",
                colour,
                width,
                points.toString().trim());
    }

    private static String pt(int i, double v, int n, int left, double plotW, int top, double plotH, double capacity) {
        return String.format(
                Locale.ROOT, "%.1f,%.1f ", left + plotW * i / Math.max(1, n - 1), top + plotH - plotH * v / capacity);
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
