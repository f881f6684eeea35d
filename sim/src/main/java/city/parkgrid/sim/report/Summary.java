package city.parkgrid.sim.report;

import city.parkgrid.sim.DriverOutcome;
import city.parkgrid.sim.DriverOutcome.End;
import city.parkgrid.sim.RunResult;
import city.parkgrid.sim.Scenario;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/**
 * One run's figures, by name, in a fixed order (the columns of {@code summary.csv}). Search times
 * are MATSim's: from entering the search radius to arriving at the destination on foot. Figures
 * named {@code _all} count drivers who gave up with the time until they gave up; the others are
 * over parked drivers. The peak window is the busiest three hours of arrivals (the same for every
 * run of a seed). Fairness figures compare each driver with the same driver in the seed's baseline.
 */
public record Summary(String run, long seed, String policy, double adoptionShare, Map<String, Double> figures) {

    /** The three consecutive hours with the most arrivals, as [first minute, last minute). */
    public static int[] peakWindow(List<DriverOutcome> drivers) {
        int[] perHour = new int[24];
        drivers.forEach(d -> perHour[Math.min(23, Math.max(0, d.arrivalMinute()) / 60)]++);
        int best = 0;
        for (int h = 0; h + 2 < 24; h++) {
            if (perHour[h] + perHour[h + 1] + perHour[h + 2] > perHour[best] + perHour[best + 1] + perHour[best + 2]) {
                best = h;
            }
        }
        return new int[] {best * 60, (best + 3) * 60};
    }

    /** The run's figures; {@code baseline} is the same seed's no-information run (for fairness). */
    public static Summary of(RunResult r, RunResult baseline) {
        int[] peak = peakWindow(baseline.drivers());
        Predicate<DriverOutcome> inPeak = d -> d.arrivalMinute() >= peak[0] && d.arrivalMinute() < peak[1];
        Predicate<DriverOutcome> parked = d -> d.end() == End.PARKED;
        Predicate<DriverOutcome> gaveUp = d -> d.end() == End.GAVE_UP;
        List<DriverOutcome> all = r.drivers();
        Map<String, Double> f = new LinkedHashMap<>();
        f.put("drivers", (double) all.size());
        f.put("parked", count(all, parked));
        f.put("gave_up", count(all, gaveUp));
        f.put("still_driving", count(all, d -> d.end() == End.STILL_DRIVING));
        f.put("gave_up_share", count(all, gaveUp) / all.size());
        f.put("gave_up_minutes", mean(all, gaveUp, DriverOutcome::searchMinutes));
        f.put("search_min", mean(all, parked, DriverOutcome::searchMinutes));
        f.put("search_all_min", mean(all, parked.or(gaveUp), DriverOutcome::searchMinutes));
        f.put("peak_search_min", mean(all, parked.and(inPeak), DriverOutcome::searchMinutes));
        f.put("peak_search_all_min", mean(all, parked.or(gaveUp).and(inPeak), DriverOutcome::searchMinutes));
        f.put("peak_direct_min", mean(all, parked.and(inPeak), DriverOutcome::directMinutes));
        f.put("peak_walk_min", mean(all, parked.and(inPeak), DriverOutcome::walkMinutes));
        f.put("peak_gate_min", mean(all, parked.and(inPeak), DriverOutcome::gateMinutes));
        f.put("peak_bay_min", mean(all, parked.and(inPeak), DriverOutcome::bayMinutes));
        f.put("peak_gave_up_share", count(all, gaveUp.and(inPeak)) / Math.max(1, count(all, inPeak)));
        f.put(
                "peak_met_full_share",
                count(all, inPeak.and(d -> d.fullLotsFound() > 0)) / Math.max(1, count(all, inPeak)));
        f.put(
                "peak_users_min",
                mean(all, parked.and(inPeak).and(DriverOutcome::adopter), DriverOutcome::searchMinutes));
        f.put("peak_others_min", mean(all, parked.and(inPeak).and(d -> !d.adopter()), DriverOutcome::searchMinutes));
        f.put("cruising_m", mean(all, d -> true, DriverOutcome::cruisingMetres));
        f.put("walking_m", mean(all, parked, DriverOutcome::walkingMetres));
        f.put("peak_unit_fill", peakUnitFill(r));
        f.put("overflow", (double)
                r.overflow().values().stream().mapToInt(Integer::intValue).sum());
        for (Scenario.Segment segment : Scenario.Segment.values()) {
            String name = segment.name().toLowerCase(java.util.Locale.ROOT);
            Predicate<DriverOutcome> in = d -> d.segment() == segment;
            f.put("seg_" + name + "_drivers", count(all, in));
            f.put(
                    "seg_" + name + "_search_all_min",
                    mean(all, in.and(parked.or(gaveUp)), DriverOutcome::searchMinutes));
            f.put("seg_" + name + "_gave_up_share", count(all, in.and(gaveUp)) / Math.max(1, count(all, in)));
            f.put("seg_" + name + "_walk_min", mean(all, in.and(parked), DriverOutcome::walkMinutes));
            f.put(
                    "seg_" + name + "_park_and_ride_share",
                    count(all, in.and(parked).and(DriverOutcome::parkAndRide)) / Math.max(1, count(all, in)));
            f.put(
                    "seg_" + name + "_reservation_share",
                    count(all, in.and(DriverOutcome::reservation)) / Math.max(1, count(all, in)));
        }
        f.put("holds_granted", (double) r.holds().granted());
        f.put("holds_fulfilled", (double) r.holds().fulfilled());
        f.put("holds_expired", (double) r.holds().expired());
        f.put("holds_no_show", (double) r.holds().noShows());
        f.put("reservations", count(all, DriverOutcome::reservation));
        f.put(
                "reservations_search_min",
                mean(all, parked.and(DriverOutcome::reservation), DriverOutcome::searchMinutes));
        fairness(f, r, baseline, true, "users");
        fairness(f, r, baseline, false, "others");
        return new Summary(
                r.run(),
                r.seed(),
                r.adoptionShare() == 0 ? "NO_INFORMATION" : r.policy().name(),
                r.adoptionShare(),
                f);
    }

    /**
     * The same drivers against the baseline: the share worse off by more than 1 and 2 minutes, the
     * mean difference and the worst. A driver's time is their search time, or their time until they
     * gave up.
     */
    private static void fairness(Map<String, Double> f, RunResult r, RunResult baseline, boolean users, String prefix) {
        Map<Long, DriverOutcome> before = new HashMap<>();
        baseline.drivers().forEach(d -> before.put(d.driverId(), d));
        double[] deltas = r.drivers().stream()
                .filter(d -> d.adopter() == users && before.containsKey(d.driverId()))
                .mapToDouble(d -> d.searchMinutes() - before.get(d.driverId()).searchMinutes())
                .toArray();
        f.put("fair_" + prefix + "_n", (double) deltas.length);
        f.put("fair_" + prefix + "_worse_1min_share", share(deltas, 1));
        f.put("fair_" + prefix + "_worse_2min_share", share(deltas, 2));
        f.put(
                "fair_" + prefix + "_mean_delta_min",
                deltas.length == 0
                        ? Double.NaN
                        : Arrays.stream(deltas).average().orElse(0));
        f.put(
                "fair_" + prefix + "_worst_delta_min",
                deltas.length == 0 ? Double.NaN : Arrays.stream(deltas).max().orElse(0));
    }

    private static double share(double[] deltas, double minutes) {
        return deltas.length == 0
                ? Double.NaN
                : Arrays.stream(deltas).filter(x -> x > minutes).count() / (double) deltas.length;
    }

    private static double count(List<DriverOutcome> drivers, Predicate<DriverOutcome> which) {
        return drivers.stream().filter(which).count();
    }

    private static double mean(
            List<DriverOutcome> drivers, Predicate<DriverOutcome> which, ToDoubleFunction<DriverOutcome> value) {
        return drivers.stream().filter(which).mapToDouble(value).average().orElse(Double.NaN);
    }

    /** The unit's fullest 15-minute bin: cars inside over spaces, all its lots together. */
    private static double peakUnitFill(RunResult r) {
        int capacity =
                r.capacity().values().stream().mapToInt(Integer::intValue).sum();
        int bins = r.occupancy().values().iterator().next().length;
        long best = 0;
        for (int b = 0; b < bins; b++) {
            long total = 0;
            for (int[] series : r.occupancy().values()) {
                total += series[b];
            }
            best = Math.max(best, total);
        }
        return best / (double) Math.max(1, capacity);
    }
}
