package city.parkgrid.sim.report;

import city.parkgrid.sim.DriverOutcome;
import city.parkgrid.sim.RunResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The runs as CSV: {@code summary.csv} (one row per run), {@code occupancy.csv} (each lot of the
 * unit in 15-minute bins) and {@code search-times.csv} (the distribution of search times). Fixed
 * formats and orders only, so the same seed gives byte-identical files.
 */
public final class CsvReport {

    /** Search-time histogram buckets, in whole minutes; the last one collects everything longer. */
    public static final int SEARCH_BUCKETS = 31;

    private CsvReport() {}

    public static void write(Path dir, List<RunResult> runs, List<Summary> summaries) {
        StringBuilder summary = new StringBuilder(
                "run,policy,adoption_share,drivers,parked,gave_up,still_driving,"
                        + "search_mean_min,search_p95_min,peak_search_mean_min,adopter_search_mean_min,other_search_mean_min,"
                        + "cruising_mean_m,walking_mean_m,holds_granted,holds_fulfilled,holds_expired,peak_bin,peak_fill_spread\n");
        for (Summary s : summaries) {
            summary.append(String.format(
                    Locale.ROOT,
                    "%s,%s,%.2f,%d,%d,%d,%d,%.3f,%.3f,%.3f,%.3f,%.3f,%.1f,%.1f,%d,%d,%d,%s,%.4f%n",
                    s.run(),
                    s.policy(),
                    s.adoptionShare(),
                    s.drivers(),
                    s.parked(),
                    s.gaveUp(),
                    s.stillDriving(),
                    s.searchMean(),
                    s.searchP95(),
                    s.peakSearchMean(),
                    s.adopterSearchMean(),
                    s.otherSearchMean(),
                    s.cruisingMean(),
                    s.walkingMean(),
                    s.holdsGranted(),
                    s.holdsFulfilled(),
                    s.holdsExpired(),
                    binTime(s.peakBin()),
                    s.peakFillSpread()));
        }
        StringBuilder occupancy = new StringBuilder("run,lot,bin_start,occupied,capacity\n");
        StringBuilder search = new StringBuilder("run,search_minutes_from,drivers\n");
        for (RunResult r : runs) {
            r.occupancy().forEach((lot, series) -> {
                for (int b = 0; b < series.length; b++) {
                    occupancy
                            .append(r.run())
                            .append(',')
                            .append(lot)
                            .append(',')
                            .append(binTime(b))
                            .append(',')
                            .append(series[b])
                            .append(',')
                            .append(r.capacity().get(lot))
                            .append('\n');
                }
            });
            int[] histogram = histogram(r);
            for (int m = 0; m < histogram.length; m++) {
                search.append(r.run())
                        .append(',')
                        .append(m)
                        .append(',')
                        .append(histogram[m])
                        .append('\n');
            }
        }
        writeFile(dir.resolve("summary.csv"), summary);
        writeFile(dir.resolve("occupancy.csv"), occupancy);
        writeFile(dir.resolve("search-times.csv"), search);
    }

    public static int[] histogram(RunResult r) {
        int[] histogram = new int[SEARCH_BUCKETS];
        for (DriverOutcome d : r.drivers()) {
            if (d.end() == DriverOutcome.End.PARKED) {
                histogram[Math.min(SEARCH_BUCKETS - 1, (int) d.searchMinutes())]++;
            }
        }
        return histogram;
    }

    static String binTime(int bin) {
        int minutes = bin * 15;
        return String.format(Locale.ROOT, "%02d:%02d", minutes / 60, minutes % 60);
    }

    static void writeFile(Path file, CharSequence text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
