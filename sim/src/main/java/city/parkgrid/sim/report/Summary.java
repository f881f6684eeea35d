package city.parkgrid.sim.report;

import city.parkgrid.sim.DriverOutcome;
import city.parkgrid.sim.DriverOutcome.End;
import city.parkgrid.sim.RunResult;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One run's figures, as the comparison table shows them.
 *
 * @param peakSearchMean mean search time of drivers arriving in the peak window (the busiest three
 *     hours of arrivals), the figure field studies report
 * @param peakFillSpread standard deviation of the unit's lots' fill ratios at the fullest 15-minute
 *     bin: lower means the unit is used more evenly
 */
public record Summary(
        String run,
        String policy,
        double adoptionShare,
        int drivers,
        int parked,
        int gaveUp,
        int stillDriving,
        double searchMean,
        double searchP95,
        double peakSearchMean,
        double adopterSearchMean,
        double otherSearchMean,
        double cruisingMean,
        double walkingMean,
        int holdsGranted,
        int holdsFulfilled,
        int holdsExpired,
        int peakBin,
        double peakFillSpread) {

    /** The three consecutive hours with the most arrivals, as [first minute, last minute). */
    public static int[] peakWindow(List<DriverOutcome> drivers) {
        int[] perHour = new int[24];
        drivers.forEach(d -> perHour[Math.min(23, d.arrivalMinute() / 60)]++);
        int best = 0;
        for (int h = 0; h + 2 < 24; h++) {
            if (perHour[h] + perHour[h + 1] + perHour[h + 2] > perHour[best] + perHour[best + 1] + perHour[best + 2]) {
                best = h;
            }
        }
        return new int[] {best * 60, (best + 3) * 60};
    }

    public static Summary of(RunResult r, int[] peak) {
        List<DriverOutcome> parked =
                r.drivers().stream().filter(d -> d.end() == End.PARKED).toList();
        double[] search = parked.stream()
                .mapToDouble(DriverOutcome::searchMinutes)
                .sorted()
                .toArray();
        List<DriverOutcome> all = r.drivers();
        int peakBin = fullestBin(r);
        return new Summary(
                r.run(),
                r.adoptionShare() == 0 ? "NO_INFORMATION" : r.policy().name(),
                r.adoptionShare(),
                all.size(),
                parked.size(),
                count(all, End.GAVE_UP),
                count(all, End.STILL_DRIVING),
                mean(search),
                percentile(search, 0.95),
                mean(parked.stream()
                        .filter(d -> d.arrivalMinute() >= peak[0] && d.arrivalMinute() < peak[1])
                        .mapToDouble(DriverOutcome::searchMinutes)
                        .toArray()),
                mean(parked.stream()
                        .filter(DriverOutcome::adopter)
                        .mapToDouble(DriverOutcome::searchMinutes)
                        .toArray()),
                mean(parked.stream()
                        .filter(d -> !d.adopter())
                        .mapToDouble(DriverOutcome::searchMinutes)
                        .toArray()),
                mean(all.stream().mapToDouble(DriverOutcome::cruisingMetres).toArray()),
                mean(parked.stream().mapToDouble(DriverOutcome::walkingMetres).toArray()),
                r.holds().granted(),
                r.holds().fulfilled(),
                r.holds().expired(),
                peakBin,
                spread(r, peakBin));
    }

    private static int count(List<DriverOutcome> drivers, End end) {
        return (int) drivers.stream().filter(d -> d.end() == end).count();
    }

    static double mean(double[] values) {
        return values.length == 0 ? Double.NaN : Arrays.stream(values).sum() / values.length;
    }

    static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    private static int fullestBin(RunResult r) {
        int bins = r.occupancy().values().iterator().next().length;
        int best = 0;
        long bestTotal = -1;
        for (int b = 0; b < bins; b++) {
            long total = 0;
            for (int[] series : r.occupancy().values()) {
                total += series[b];
            }
            if (total > bestTotal) {
                bestTotal = total;
                best = b;
            }
        }
        return best;
    }

    private static double spread(RunResult r, int bin) {
        double[] fills = r.occupancy().entrySet().stream()
                .mapToDouble((Map.Entry<String, int[]> e) ->
                        e.getValue()[bin] / (double) r.capacity().get(e.getKey()))
                .toArray();
        double m = mean(fills);
        return Math.sqrt(Arrays.stream(fills).map(f -> (f - m) * (f - m)).sum() / fills.length);
    }
}
