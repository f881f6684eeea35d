package city.parkgrid.sim.report;

import city.parkgrid.sim.Scenario;
import city.parkgrid.sim.streets.StreetNetwork;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code report.md}: the comparison over the seeds with 95% intervals — peak search time and its
 * parts, give-ups, each segment, fairness against the baseline driver by driver, holds — and the
 * scenario's assumptions that drive the result. Plain Markdown, readable anywhere.
 */
public final class MarkdownReport {

    private MarkdownReport() {}

    public static String render(Scenario s, Map<String, Map<String, Interval>> runs, double wallSeconds) {
        StringBuilder m = new StringBuilder();
        int seeds = runs.values().iterator().next().get("drivers").n();
        m.append("# ").append(s.name()).append("\n\n");
        m.append(String.format(
                Locale.ROOT,
                "%s (%s), unit `%s`, %d seeds from %d; mean ± half-width of the 95%% interval over the seeds. "
                        + "%d runs simulated in %.1f s.%n%n",
                s.date(),
                s.dayKind(),
                s.zone(),
                seeds,
                s.seed(),
                seeds * runs.size(),
                wallSeconds));
        Map<String, Interval> base = runs.get("baseline");
        m.append("## Peak window (busiest three hours of arrivals)\n\n");
        m.append("Search time runs from entering the search radius to arriving at the destination on foot "
                + "(MATSim's measure). *All* counts drivers who gave up with their time until they gave up.\n\n");
        m.append("| run | search, parked (min) | search, all (min) | cut (all) | direct drive | walk | gate queue "
                + "| bay-finding | gave up | met a full lot | unit peak fill |\n");
        m.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        runs.forEach((run, f) -> m.append(String.format(
                Locale.ROOT,
                "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n",
                run,
                ci(f.get("peak_search_min")),
                ci(f.get("peak_search_all_min")),
                cut(f.get("peak_search_all_min"), base.get("peak_search_all_min")),
                num(f.get("peak_direct_min").mean()),
                ci(f.get("peak_walk_min")),
                ci(f.get("peak_gate_min")),
                ci(f.get("peak_bay_min")),
                pct(f.get("peak_gave_up_share")),
                pct(f.get("peak_met_full_share")),
                pct(f.get("peak_unit_fill")))));
        m.append("\n## Whole day by segment: search time, all drivers (min), and share who gave up\n\n");
        segmentTable(
                m, runs, (f, k) -> ci(f.get(k + "_search_all_min")) + " (" + pct(f.get(k + "_gave_up_share")) + ")");
        m.append("\n## Whole day by segment: egress from the lot (min, parked drivers), share parked at "
                + "park-and-ride, share on a reservation\n\n");
        segmentTable(
                m,
                runs,
                (f, k) -> ci(f.get(k + "_walk_min")) + " · " + pct(f.get(k + "_park_and_ride_share")) + " · "
                        + pct(f.get(k + "_reservation_share")));
        m.append("\n## Fairness: each driver against the same driver in the baseline (same seed, same demand)\n\n");
        m.append("| run | users worse > 1 min | > 2 min | users' mean change (min) | users' worst | "
                + "non-users worse > 1 min | > 2 min | non-users' mean change | non-users' worst |\n");
        m.append("|---|---|---|---|---|---|---|---|---|\n");
        runs.forEach((run, f) -> {
            if (!run.equals("baseline")) {
                m.append(String.format(
                        Locale.ROOT,
                        "| %s | %s | %s | %s | %s | %s | %s | %s | %s |%n",
                        run,
                        pct(f.get("fair_users_worse_1min_share")),
                        pct(f.get("fair_users_worse_2min_share")),
                        ci(f.get("fair_users_mean_delta_min")),
                        ci(f.get("fair_users_worst_delta_min")),
                        pct(f.get("fair_others_worse_1min_share")),
                        pct(f.get("fair_others_worse_2min_share")),
                        ci(f.get("fair_others_mean_delta_min")),
                        ci(f.get("fair_others_worst_delta_min"))));
            }
        });
        m.append(
                "\n## Holds and reservations (per day)\n\n| run | granted | fulfilled | expired | of them no-show requests "
                        + "| cars let in beyond capacity on a hold | reservations | their search (min) |\n"
                        + "|---|---|---|---|---|---|---|---|\n");
        runs.forEach((run, f) -> m.append(String.format(
                Locale.ROOT,
                "| %s | %s | %s | %s | %s | %s | %s | %s |%n",
                run,
                ci(f.get("holds_granted")),
                ci(f.get("holds_fulfilled")),
                ci(f.get("holds_expired")),
                ci(f.get("holds_no_show")),
                ci(f.get("overflow")),
                ci(f.get("reservations")),
                ci(f.get("reservations_search_min")))));
        m.append("\n## Assumptions that drive the result\n\n");
        String driven = s.driving().streets() == null
                ? String.format(
                        Locale.ROOT,
                        "driven at %.0f km/h with a detour factor %.2f",
                        s.driving().searchSpeedKmh(),
                        s.driving().detourFactor())
                : String.format(
                        Locale.ROOT,
                        "driven on the street graph %s (%d nodes, %d edges, quickest paths at its road speeds)",
                        s.driving().streets(),
                        StreetNetwork.load(s.driving().streets()).nodeCount(),
                        StreetNetwork.load(s.driving().streets()).edgeCount());
        m.append(String.format(
                Locale.ROOT,
                "- Search radius %.0f m, %s (%.1f min of direct drive at the peak, on average); "
                        + "walking %.1f km/h with a detour factor %.2f; "
                        + "trips from the origin log-normal, median %.0f min.%n",
                s.driving().approachMetres(),
                driven,
                base.get("peak_direct_min").mean(),
                s.driving().walkSpeedKmh(),
                s.driving().detourFactor(),
                s.driving().tripMedianMinutes()));
        m.append(String.format(
                Locale.ROOT,
                "- Drivers without ParkGrid know %.0f%% of the lots in %.0f m beforehand, see lots within %.0f m, forget a full "
                        + "lot after %.0f min, lose %.1f min at each full lot, give up after %d full lots or %.0f min.%n",
                100 * s.noInformation().knownShare(),
                s.noInformation().searchRadiusMetres(),
                s.noInformation().seesWithinMetres(),
                s.noInformation().memoryMinutes(),
                s.noInformation().lotCheckMinutes(),
                s.noInformation().giveUpAfterLots(),
                s.noInformation().giveUpAfterMinutes()));
        m.append(String.format(
                Locale.ROOT,
                "- Each entry lane (one per %d spaces) serves a car every %.0f s; finding a bay takes %.1f min in an empty lot and %.1f min in a full one "
                        + "(fill^%.0f), %.1f min along a full kerb.%n",
                s.lotService().spacesPerLane(),
                s.lotService().gateSeconds(),
                s.lotService().bayMinutesEmpty(),
                s.lotService().bayMinutesFull(),
                s.lotService().bayExponent(),
                s.lotService().kerbBayMinutesFull()));
        m.append(String.format(
                Locale.ROOT,
                "- Visitors may park in %s lots and in %s (shared parking); residents, office and campus drivers in their own lot. "
                        + "ParkGrid knows kerbside counts only for %s.%n",
                String.join(", ", s.access().visitorKinds()),
                s.access().sharedLots().isEmpty()
                        ? "no other lot"
                        : String.join(", ", s.access().sharedLots()),
                s.access().kerbSensors().isEmpty()
                        ? "no stretch"
                        : String.join(", ", s.access().kerbSensors())));
        m.append(String.format(
                Locale.ROOT,
                "- ParkGrid users: %.0f%% follow the allocation, %.0f%% of requests are no-shows, arrival error σ %.0f min, "
                        + "gate events reach the platform %d s late and %.1f%% of gate passages never reach it, "
                        + "holds of %d min asked at trip start (maximum walk %.0f m).%n",
                100 * s.behaviour().complianceShare(),
                100 * s.behaviour().noShowShare(),
                s.behaviour().arrivalErrorMinutes(),
                s.behaviour().sensorDelaySeconds(),
                100 * s.behaviour().sensorLossShare(),
                s.holdMinutes(),
                s.maxWalkMetres()));
        m.append(String.format(
                Locale.ROOT,
                "- Per-garage signs refresh every %d min, read FULL at %d free spaces or fewer, and %.0f%% of drivers follow them.%n",
                s.garageSigns().refreshMinutes(),
                s.garageSigns().fullBelowFree(),
                100 * s.garageSigns().complianceShare()));
        if (s.eventControl() != null) {
            Scenario.EventControl c = s.eventControl();
            m.append(String.format(
                    Locale.ROOT,
                    "- Runs named `…-control`: the bureau puts unit `%s` under %s control from %s to %s through the "
                            + "platform's own zone-control schedule (target %s, reserved spaces %s for ParkGrid users of "
                            + "%s who book ahead, first come first served; diversion to %s and park-and-ride): %s.%n",
                    c.zone(),
                    c.mode(),
                    c.from(),
                    c.to(),
                    c.targetOccupancy() == null
                            ? "the default"
                            : String.format(Locale.ROOT, "%.0f%%", 100 * c.targetOccupancy()),
                    c.reservedSpaces(),
                    c.reservedFor(),
                    c.divertTo(),
                    c.reason()));
        }
        if (s.parkAndRideMinutes() != null) {
            m.append(String.format(
                    Locale.ROOT,
                    "- From a park-and-ride lot the metro or shuttle takes %.0f min to the destination, when quicker than walking.%n",
                    s.parkAndRideMinutes()));
        }
        return m.toString();
    }

    /** A table of runs by segment; {@code cell} renders one run's figures for a segment's figure prefix. */
    private static void segmentTable(
            StringBuilder m,
            Map<String, Map<String, Interval>> runs,
            java.util.function.BiFunction<Map<String, Interval>, String, String> cell) {
        List<Scenario.Segment> segments = List.of(Scenario.Segment.values());
        m.append("| run |");
        segments.forEach(
                seg -> m.append(' ').append(seg.name().toLowerCase(Locale.ROOT)).append(" |"));
        m.append("\n|---|");
        segments.forEach(seg -> m.append("---|"));
        m.append('\n');
        runs.forEach((run, f) -> {
            m.append("| ").append(run).append(" |");
            for (Scenario.Segment seg : segments) {
                m.append(' ')
                        .append(cell.apply(f, "seg_" + seg.name().toLowerCase(Locale.ROOT)))
                        .append(" |");
            }
            m.append('\n');
        });
    }

    public static void write(Path file, Scenario s, Map<String, Map<String, Interval>> runs, double wallSeconds) {
        CsvReport.writeFile(file, render(s, runs, wallSeconds));
    }

    static String ci(Interval i) {
        if (i == null || !Double.isFinite(i.mean())) {
            return "–";
        }
        return Double.isFinite(i.halfWidth())
                ? String.format(Locale.ROOT, "%.2f ± %.2f", i.mean(), i.halfWidth())
                : String.format(Locale.ROOT, "%.2f", i.mean());
    }

    static String pct(Interval i) {
        if (i == null || !Double.isFinite(i.mean())) {
            return "–";
        }
        return Double.isFinite(i.halfWidth())
                ? String.format(Locale.ROOT, "%.1f%% ± %.1f", 100 * i.mean(), 100 * i.halfWidth())
                : String.format(Locale.ROOT, "%.1f%%", 100 * i.mean());
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    /** The change against the baseline's mean, in percent. */
    private static String cut(Interval run, Interval baseline) {
        if (run == baseline) {
            return "";
        }
        return String.format(Locale.ROOT, "%+.0f%%", 100 * (run.mean() / baseline.mean() - 1));
    }
}
