package city.parkgrid.sim.report;

import city.parkgrid.pricing.PricingPolicy;
import city.parkgrid.sim.PricingWeeks;
import city.parkgrid.sim.PricingWeeks.LotWeek;
import city.parkgrid.sim.PricingWeeks.Week;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The simulated weeks with pricing reviews against the same weeks at fixed rates: {@code
 * pricing-weeks.csv} (one row per arm, week and priced lot), {@code pricing-weeks-summary.csv} (one
 * row per arm and week) and {@code pricing-weeks.md} (the tables docs/SIMULATION.md quotes).
 */
public final class PricingWeeksReport {

    private PricingWeeksReport() {}

    public static void write(Path dir, PricingWeeks.Result r) {
        StringBuilder lots = new StringBuilder(
                "arm,week,seed,lot,capacity,band_occupancy,in_target_share,rate_fen,next_rate_fen,next_action\n");
        StringBuilder weeks = new StringBuilder("arm,week,seed,search_all_min,peak_search_all_min,gave_up_share,"
                + "revenue_fen,paid_stays,mean_paid_fen,started_outside_in_target_share\n");
        List<String> outside = r.startedOutside();
        for (String arm : List.of("priced", "fixed")) {
            for (Week w : arm.equals("priced") ? r.priced() : r.fixed()) {
                for (LotWeek l : w.lots().values()) {
                    lots.append(String.format(
                            Locale.ROOT,
                            "%s,%d,%d,%s,%d,%s,%s,%d,%d,%s%n",
                            arm,
                            w.week(),
                            w.seed(),
                            l.lotId(),
                            l.capacity(),
                            CsvReport.number(l.bandOccupancy()),
                            CsvReport.number(l.inTargetShare()),
                            l.rateFen(),
                            l.next().proposed().fen(),
                            l.next().action()));
                }
                weeks.append(String.format(
                        Locale.ROOT,
                        "%s,%d,%d,%s,%s,%s,%d,%d,%s,%s%n",
                        arm,
                        w.week(),
                        w.seed(),
                        CsvReport.number(w.meanSearchMinutes()),
                        CsvReport.number(w.peakSearchMinutes()),
                        CsvReport.number(w.gaveUpShare()),
                        w.revenueFen(),
                        w.paidStays(),
                        CsvReport.number(w.meanPaidFen()),
                        CsvReport.number(inTarget(w, outside))));
            }
        }
        CsvReport.writeFile(dir.resolve("pricing-weeks.csv"), lots);
        CsvReport.writeFile(dir.resolve("pricing-weeks-summary.csv"), weeks);
        CsvReport.writeFile(dir.resolve("pricing-weeks.md"), markdown(r));
    }

    /** The mean, over the given lots, of their share of band time inside the target band. */
    public static double inTarget(Week w, List<String> lotIds) {
        return lotIds.stream()
                .mapToDouble(id -> w.lots().get(id).inTargetShare())
                .average()
                .orElse(Double.NaN);
    }

    static String markdown(PricingWeeks.Result r) {
        PricingPolicy p = r.policy();
        List<String> outside = r.startedOutside();
        StringBuilder md = new StringBuilder();
        md.append(String.format(
                Locale.ROOT,
                "# %s: %d simulated weeks with pricing reviews%n%n"
                        + "Band %s, target %.2f–%.2f (mean occupancy), steps +%d / −%d / −%d below %.2f, "
                        + "rates %d–%d fen/h, starting at %d fen/h; %.1f s.%n%n",
                r.scenario().name(),
                r.priced().size(),
                p.bands().get(0).label(),
                p.targetLow(),
                p.targetHigh(),
                p.stepUp().fen(),
                p.stepDown().fen(),
                p.bigStepDown().fen(),
                p.bigStepBelow(),
                p.min().fen(),
                p.max().fen(),
                PricingWeeks.START.fen(),
                r.wallSeconds()));
        md.append("| week | search all (min) priced / fixed | peak search (min) priced / fixed "
                + "| revenue (yuan) priced / fixed | mean paid (yuan) priced / fixed "
                + "| in target, lots started outside, priced / fixed |\n");
        md.append("|---|---|---|---|---|---|\n");
        for (int i = 0; i < r.priced().size(); i++) {
            Week pw = r.priced().get(i);
            Week fw = r.fixed().get(i);
            md.append(String.format(
                    Locale.ROOT,
                    "| %d | %.2f / %.2f | %.2f / %.2f | %.0f / %.0f | %.2f / %.2f | %.1f%% / %.1f%% |%n",
                    pw.week(),
                    pw.meanSearchMinutes(),
                    fw.meanSearchMinutes(),
                    pw.peakSearchMinutes(),
                    fw.peakSearchMinutes(),
                    pw.revenueFen() / 100.0,
                    fw.revenueFen() / 100.0,
                    pw.meanPaidFen() / 100.0,
                    fw.meanPaidFen() / 100.0,
                    100 * inTarget(pw, outside),
                    100 * inTarget(fw, outside)));
        }
        md.append("\nPer lot, priced: band rate (yuan/h) · band mean occupancy · share of band time in target "
                + "(fixed arm's share in brackets); * started outside the target\n\n| lot | capacity |");
        r.priced().forEach(w -> md.append(" week ").append(w.week()).append(" |"));
        md.append("\n|---|---|");
        r.priced().forEach(w -> md.append("---|"));
        md.append('\n');
        for (LotWeek first : r.priced().get(0).lots().values()) {
            String id = first.lotId();
            md.append("| ")
                    .append(id)
                    .append(outside.contains(id) ? " *" : "")
                    .append(" | ")
                    .append(first.capacity())
                    .append(" |");
            for (int i = 0; i < r.priced().size(); i++) {
                LotWeek l = r.priced().get(i).lots().get(id);
                LotWeek f = r.fixed().get(i).lots().get(id);
                md.append(String.format(
                        Locale.ROOT,
                        " %.0f · %.2f · %.0f%% (%.0f%%) |",
                        l.rateFen() / 100.0,
                        l.bandOccupancy(),
                        100 * l.inTargetShare(),
                        100 * f.inTargetShare()));
            }
            md.append('\n');
        }
        return md.toString();
    }
}
