package city.parkgrid.forecast.backtest;

import city.parkgrid.forecast.Forecast;
import city.parkgrid.forecast.Forecaster;
import city.parkgrid.forecast.LotHistory;
import city.parkgrid.forecast.Observation;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Re-forecasts every observation of a period from the data before it: for each target observation
 * whose local date lies in [{@code from}, {@code to}) and each horizon h, every method forecasts
 * it as issued at (target - h), from the lot's history cut there. The forecasters cut it
 * themselves; the backtest passes the whole history on purpose, so that a forecaster that looked
 * ahead would show it in the figures rather than be protected by the harness.
 */
public final class Backtest {

    /**
     * @param to exclusive; null for the end of the data
     * @param horizonsMinutes each at most a day
     */
    public record Options(LocalDate from, LocalDate to, List<Integer> horizonsMinutes, ZoneId zone) {
        public Options {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(zone, "zone");
            horizonsMinutes = List.copyOf(horizonsMinutes);
            if (horizonsMinutes.isEmpty()) {
                throw new IllegalArgumentException("no horizon");
            }
            for (int h : horizonsMinutes) {
                if (h <= 0 || h > Forecaster.MAX_HORIZON.toMinutes()) {
                    throw new IllegalArgumentException("a horizon must lie from 1 to "
                            + Forecaster.MAX_HORIZON.toMinutes() + " minutes, was " + h);
                }
            }
        }
    }

    /** One forecast against its actual value (the cleaned observation). */
    public record Prediction(
            String lot,
            Instant issuedAt,
            Instant targetAt,
            int horizonMinutes,
            String method,
            double predicted,
            double low,
            double high,
            int actual,
            int capacity) {}

    public interface Sink {
        void accept(Prediction prediction);
    }

    private Backtest() {}

    /**
     * Runs every method over every lot, handing each prediction to the sink in the map's lot
     * order. Lots are independent, so they are forecast in parallel (the common pool) and
     * handed over lot by lot; the sink sees one thread at a time.
     */
    public static void run(Map<String, List<Observation>> lots, List<Forecaster> methods, Options options, Sink sink) {
        lots.entrySet().parallelStream()
                .map(lot -> lot(lot.getKey(), lot.getValue(), methods, options))
                .forEachOrdered(predictions -> predictions.forEach(sink::accept));
    }

    private static List<Prediction> lot(
            String lot, List<Observation> observations, List<Forecaster> methods, Options options) {
        List<Prediction> out = new ArrayList<>();
        LotHistory history = LotHistory.of(observations, options.zone());
        for (int j = 0; j < history.size(); j++) {
            LocalDate date = history.at(j).atZone(options.zone()).toLocalDate();
            if (date.isBefore(options.from()) || (options.to() != null && !date.isBefore(options.to()))) {
                continue;
            }
            Instant target = history.at(j);
            for (int h : options.horizonsMinutes()) {
                Instant issued = target.minusSeconds(h * 60L);
                for (Forecaster method : methods) {
                    Optional<Forecast> f = method.forecast(history, issued, target);
                    if (f.isPresent()) {
                        Forecast forecast = f.get();
                        out.add(new Prediction(
                                lot,
                                issued,
                                target,
                                h,
                                method.name(),
                                forecast.expectedOccupied(),
                                forecast.low(),
                                forecast.high(),
                                history.occupied(j),
                                history.capacity(j)));
                    }
                }
            }
        }
        return out;
    }
}
