package city.parkgrid.forecast.backtest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Error and interval coverage per method and horizon, accumulated prediction by prediction. */
public final class Summary implements Backtest.Sink {

    public static final String HEADER = "method,horizon_minutes,mae_spaces,mae_percent_of_capacity,interval_coverage,n";

    /** One row of summary.csv. */
    public record Row(
            String method,
            int horizonMinutes,
            double maeSpaces,
            double maePercentOfCapacity,
            double intervalCoverage,
            long n) {}

    private static final class Acc {
        double absError;
        double absPercent;
        long covered;
        long n;
    }

    private final Map<String, Map<Integer, Acc>> byMethod = new LinkedHashMap<>();

    @Override
    public void accept(Backtest.Prediction p) {
        Acc acc = byMethod.computeIfAbsent(p.method(), m -> new LinkedHashMap<>())
                .computeIfAbsent(p.horizonMinutes(), h -> new Acc());
        double error = Math.abs(p.predicted() - p.actual());
        acc.absError += error;
        acc.absPercent += 100.0 * error / p.capacity();
        if (p.low() <= p.actual() && p.actual() <= p.high()) {
            acc.covered++;
        }
        acc.n++;
    }

    /** Methods in the order first seen, horizons ascending. */
    public List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        byMethod.forEach((method, byHorizon) -> byHorizon.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> {
                    Acc a = e.getValue();
                    rows.add(new Row(
                            method, e.getKey(), a.absError / a.n, a.absPercent / a.n, (double) a.covered / a.n, a.n));
                }));
        return rows;
    }

    public Row row(String method, int horizonMinutes) {
        return rows().stream()
                .filter(r -> r.method().equals(method) && r.horizonMinutes() == horizonMinutes)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no row for " + method + " at " + horizonMinutes));
    }
}
