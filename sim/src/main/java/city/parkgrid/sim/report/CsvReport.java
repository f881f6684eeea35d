package city.parkgrid.sim.report;

import city.parkgrid.sim.DriverOutcome;
import city.parkgrid.sim.RunResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The runs as CSV: {@code summary.csv} (one row per run and seed, every figure of {@link Summary}),
 * {@code aggregate.csv} (each run's figures over the seeds: mean and 95% interval),
 * {@code occupancy.csv} (each lot of the unit in 15-minute bins, first seed) and
 * {@code search-times.csv} (the distribution of search times, first seed). Fixed formats and
 * orders only, so the same seeds give byte-identical files.
 */
public final class CsvReport {

    /** Search-time histogram buckets, in whole minutes; the last one collects everything longer. */
    public static final int SEARCH_BUCKETS = 31;

    private CsvReport() {}

    /** Each run's figures over the seeds, by run name (in the order runs first appear), then figure. */
    public static Map<String, Map<String, Interval>> aggregate(List<Summary> summaries) {
        Map<String, List<Summary>> byRun = new LinkedHashMap<>();
        summaries.forEach(
                s -> byRun.computeIfAbsent(s.run(), k -> new ArrayList<>()).add(s));
        Map<String, Map<String, Interval>> out = new LinkedHashMap<>();
        byRun.forEach((run, list) -> {
            Map<String, Interval> figures = new LinkedHashMap<>();
            for (String name : list.get(0).figures().keySet()) {
                figures.put(
                        name,
                        Interval.of(list.stream()
                                .mapToDouble(s -> s.figures().get(name))
                                .toArray()));
            }
            out.put(run, figures);
        });
        return out;
    }

    public static void write(Path dir, List<RunResult> runs, List<Summary> summaries) {
        StringBuilder summary = new StringBuilder("run,seed,policy,adoption_share");
        summaries.get(0).figures().keySet().forEach(k -> summary.append(',').append(k));
        summary.append('\n');
        for (Summary s : summaries) {
            summary.append(
                    String.format(Locale.ROOT, "%s,%d,%s,%.2f", s.run(), s.seed(), s.policy(), s.adoptionShare()));
            s.figures().values().forEach(v -> summary.append(',').append(number(v)));
            summary.append('\n');
        }
        StringBuilder aggregate = new StringBuilder("run,figure,mean,ci95_half_width,seeds\n");
        aggregate(summaries)
                .forEach((run, figures) -> figures.forEach((name, i) -> aggregate
                        .append(run)
                        .append(',')
                        .append(name)
                        .append(',')
                        .append(number(i.mean()))
                        .append(',')
                        .append(number(i.halfWidth()))
                        .append(',')
                        .append(i.n())
                        .append('\n')));
        StringBuilder occupancy = new StringBuilder("run,lot,bin_start,occupied,capacity\n");
        StringBuilder search = new StringBuilder("run,search_minutes_from,drivers\n");
        long firstSeed = runs.get(0).seed();
        for (RunResult r : runs) {
            if (r.seed() != firstSeed) {
                continue;
            }
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
        writeFile(dir.resolve("aggregate.csv"), aggregate);
        writeFile(dir.resolve("occupancy.csv"), occupancy);
        writeFile(dir.resolve("search-times.csv"), search);
    }

    static String number(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4f", v) : "";
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
