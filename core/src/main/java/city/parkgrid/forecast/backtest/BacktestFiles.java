package city.parkgrid.forecast.backtest;

import city.parkgrid.forecast.Forecaster;
import city.parkgrid.forecast.Observation;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs a backtest into a directory: {@code predictions.csv} (one row per lot, target, horizon and
 * method), {@code summary.csv} (error and interval coverage per method and horizon) and
 * {@code report.html} (self-contained: inline SVG, no script, no network).
 */
public final class BacktestFiles {

    public static final String PREDICTIONS_HEADER =
            "lot,issued_at,target_at,horizon_minutes,method,predicted_occupied,actual_occupied";

    /** The report draws this many of the largest lots' forecasts against their actual values. */
    static final int REPORT_LOTS = 3;

    private BacktestFiles() {}

    public static Summary write(
            Map<String, List<Observation>> lots, List<Forecaster> methods, Backtest.Options options, Path out) {
        try {
            Files.createDirectories(out);
            Summary summary = new Summary();
            ZoneId zone = options.zone();
            int reportHorizon = options.horizonsMinutes().stream()
                    .min(Comparator.comparingInt(h -> Math.abs(h - 60)))
                    .orElseThrow();
            List<String> reportLots = lots.entrySet().stream()
                    .sorted(Comparator.comparingInt(
                                    (Map.Entry<String, List<Observation>> e) -> maxCapacity(e.getValue()))
                            .reversed())
                    .limit(REPORT_LOTS)
                    .map(Map.Entry::getKey)
                    .toList();
            Report report = new Report(reportLots, reportHorizon, zone);
            try (BufferedWriter predictions =
                    Files.newBufferedWriter(out.resolve("predictions.csv"), StandardCharsets.UTF_8)) {
                predictions.write(PREDICTIONS_HEADER);
                predictions.newLine();
                Map<Instant, String> times = new LinkedHashMap<>(16, 0.75f, true) {
                    @Override
                    protected boolean removeEldestEntry(Map.Entry<Instant, String> eldest) {
                        return size() > 256;
                    }
                };
                Backtest.run(lots, methods, options, p -> {
                    summary.accept(p);
                    report.accept(p);
                    try {
                        predictions.write(csvRow(p, zone, times));
                        predictions.newLine();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
            try (BufferedWriter csv = Files.newBufferedWriter(out.resolve("summary.csv"), StandardCharsets.UTF_8)) {
                csv.write(Summary.HEADER);
                csv.newLine();
                for (Summary.Row r : summary.rows()) {
                    csv.write(String.format(
                            Locale.ROOT,
                            "%s,%d,%.3f,%.3f,%.4f,%d",
                            r.method(),
                            r.horizonMinutes(),
                            r.maeSpaces(),
                            r.maePercentOfCapacity(),
                            r.intervalCoverage(),
                            r.n()));
                    csv.newLine();
                }
            }
            Files.writeString(out.resolve("report.html"), report.html(summary, options), StandardCharsets.UTF_8);
            return summary;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int maxCapacity(List<Observation> observations) {
        return observations.stream().mapToInt(Observation::capacity).max().orElse(0);
    }

    /** Hundreds of thousands of rows: plain appends, no Formatter; times repeat per method, so they are cached. */
    private static String csvRow(Backtest.Prediction p, ZoneId zone, Map<Instant, String> times) {
        StringBuilder b = new StringBuilder(96)
                .append(p.lot())
                .append(',')
                .append(times.computeIfAbsent(p.issuedAt(), t -> local(t, zone)))
                .append(',')
                .append(times.computeIfAbsent(p.targetAt(), t -> local(t, zone)))
                .append(',')
                .append(p.horizonMinutes())
                .append(',')
                .append(p.method())
                .append(',');
        long hundredths = Math.round(p.predicted() * 100);
        b.append(hundredths / 100).append('.');
        long cents = Math.abs(hundredths % 100);
        if (cents < 10) {
            b.append('0');
        }
        return b.append(cents).append(',').append(p.actual()).toString();
    }

    static String local(Instant at, ZoneId zone) {
        return DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(at.atZone(zone).toLocalDateTime());
    }
}
