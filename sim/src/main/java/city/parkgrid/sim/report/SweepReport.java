package city.parkgrid.sim.report;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The demand sweep: at each multiple of the calibrated day's demand, how full the unit got in the
 * baseline and the cut in peak search time (all drivers, give-ups at their time) that ParkGrid
 * made, as {@code sweep.csv} and a self-contained {@code sweep.svg} (cut against peak fill, with
 * the 95% intervals as bars).
 */
public final class SweepReport {

    /** One demand level's figures over its seeds. */
    public record Point(
            double demandFactor, Interval unitFill, Interval baselineSearch, Interval policySearch, Interval cut) {}

    private SweepReport() {}

    public static void write(Path dir, String policyRun, List<Point> points) {
        StringBuilder csv = new StringBuilder(
                "demand_factor,unit_peak_fill,unit_peak_fill_ci95,baseline_peak_search_all_min," + "baseline_ci95,"
                        + policyRun + "_peak_search_all_min," + policyRun + "_ci95,cut,cut_ci95,seeds\n");
        for (Point p : points) {
            csv.append(String.format(
                    Locale.ROOT,
                    "%.2f,%s,%s,%s,%s,%s,%s,%s,%s,%d%n",
                    p.demandFactor(),
                    CsvReport.number(p.unitFill().mean()),
                    CsvReport.number(p.unitFill().halfWidth()),
                    CsvReport.number(p.baselineSearch().mean()),
                    CsvReport.number(p.baselineSearch().halfWidth()),
                    CsvReport.number(p.policySearch().mean()),
                    CsvReport.number(p.policySearch().halfWidth()),
                    CsvReport.number(p.cut().mean()),
                    CsvReport.number(p.cut().halfWidth()),
                    p.cut().n()));
        }
        CsvReport.writeFile(dir.resolve("sweep.csv"), csv);
        CsvReport.writeFile(dir.resolve("sweep.svg"), svg(policyRun, points));
    }

    /** Peak unit fill (x, 50–100%) against the cut in peak search time (y, 0 to −60%). */
    static String svg(String policyRun, List<Point> points) {
        int w = 560;
        int h = 360;
        int left = 60;
        int top = 30;
        int pw = w - left - 20;
        int ph = h - top - 50;
        StringBuilder s = new StringBuilder(String.format(
                Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"11\">%n",
                w,
                h));
        s.append(String.format(
                Locale.ROOT,
                "<text x=\"%d\" y=\"18\" font-size=\"13\">Cut in peak search time (%s vs baseline) against peak unit fill</text>%n",
                left,
                policyRun));
        s.append(String.format(
                Locale.ROOT,
                "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#999\"/>%n",
                left,
                top,
                pw,
                ph));
        for (int i = 0; i <= 5; i++) {
            double fill = 0.5 + i * 0.1;
            int x = left + (int) Math.round((fill - 0.5) / 0.5 * pw);
            s.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%.0f%%</text>%n",
                    x,
                    top + ph + 15,
                    fill * 100));
        }
        for (int i = 0; i <= 6; i++) {
            int y = top + (int) Math.round(i / 6.0 * ph);
            s.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%d%%</text>%n",
                    left - 5,
                    y + 4,
                    -10 * i));
        }
        s.append(String.format(
                Locale.ROOT,
                "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">peak fill of the unit's lots in the baseline</text>%n",
                left + pw / 2,
                h - 12));
        String previous = null;
        for (Point p : points) {
            double x = left + clamp((p.unitFill().mean() - 0.5) / 0.5) * pw;
            double y = top + clamp(-p.cut().mean() / 0.6) * ph;
            double hw = Double.isFinite(p.cut().halfWidth()) ? p.cut().halfWidth() / 0.6 * ph : 0;
            s.append(String.format(
                    Locale.ROOT,
                    "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#1f77b4\"/>%n",
                    x,
                    y - hw,
                    x,
                    y + hw));
            s.append(String.format(
                    Locale.ROOT,
                    "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"#1f77b4\"/><text x=\"%.1f\" y=\"%.1f\">%.1f×</text>%n",
                    x,
                    y,
                    x + 6,
                    y - 6,
                    p.demandFactor()));
            if (previous != null) {
                s.append(String.format(
                        Locale.ROOT,
                        "<line %s x2=\"%.1f\" y2=\"%.1f\" stroke=\"#1f77b4\" stroke-dasharray=\"3,3\"/>%n",
                        previous,
                        x,
                        y));
            }
            previous = String.format(Locale.ROOT, "x1=\"%.1f\" y1=\"%.1f\"", x, y);
        }
        return s.append("</svg>\n").toString();
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }
}
