package city.parkgrid.forecast;

import city.parkgrid.InvalidInputException;
import java.time.Instant;
import java.util.Optional;

/**
 * What every forecaster here shares: the cut at the issue time, the fallback to the last value
 * when a method has nothing to go on, clamping to 0..capacity, and the 80% interval and
 * probability of a free space from the empirical distribution of the method's <em>own</em> past
 * errors at that effective horizon. Those errors are re-forecasts of the lot's past observations
 * from the days before the issue day, each from data before its own issue time; they are
 * computed once per history and day (the memo), so a backtest re-forecasting every observation
 * stays linear.
 */
abstract class CalibratedForecaster implements Forecaster {

    /** How far back the past errors for the intervals reach. */
    static final long ERROR_WINDOW_SECONDS = 28L * 24 * 3600;

    private static final double LOW_QUANTILE = 0.10;
    private static final double HIGH_QUANTILE = 0.90;

    /**
     * Before a lot has any past to learn errors from: a guessed error uniform over ±15% of capacity
     * (so an 80% interval of ±12%), wide on purpose, so that guidance does not trust a new lot's
     * forecast.
     */
    private static final double UNLEARNT_SPREAD = 0.15;

    private final String name;

    CalibratedForecaster(String name) {
        this.name = name;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final Optional<Forecast> forecast(LotHistory history, Instant issuedAt, Instant target) {
        if (target.isBefore(issuedAt)) {
            throw new InvalidInputException("at", "must not lie before the issue time " + issuedAt + ", was " + target);
        }
        if (target.isAfter(issuedAt.plus(MAX_HORIZON))) {
            throw new InvalidInputException(
                    "at", "must lie at most " + MAX_HORIZON.toHours() + " h after " + issuedAt + ", was " + target);
        }
        LotHistory cut = history.upTo(issuedAt);
        if (cut.isEmpty()) {
            return Optional.empty();
        }
        long issued = issuedAt.getEpochSecond();
        long targetSeconds = target.getEpochSecond();
        int last = cut.size() - 1;
        int capacity = cut.capacity(last);
        double expected = clampedPoint(cut, issued, targetSeconds);
        double effectiveMinutes = (targetSeconds - cut.atSeconds(last)) / 60.0;
        double[] errors = errorSamples(cut, issued).at(effectiveMinutes);
        double low;
        double high;
        double probabilityFree;
        double threshold = capacity - 0.5; // occupied <= capacity - 1, for an integer count
        if (errors.length == 0) {
            double spread = UNLEARNT_SPREAD * capacity;
            low = expected - 0.8 * spread;
            high = expected + 0.8 * spread;
            probabilityFree = clamp((threshold - (expected - spread)) / (2 * spread), 0, 1);
        } else {
            low = expected + ErrorSamples.quantile(errors, LOW_QUANTILE);
            high = expected + ErrorSamples.quantile(errors, HIGH_QUANTILE);
            probabilityFree = fractionAtMost(errors, threshold - expected);
        }
        low = clamp(Math.min(low, expected), 0, capacity);
        high = clamp(Math.max(high, expected), 0, capacity);
        return Optional.of(new Forecast(expected, low, high, probabilityFree, name, capacity));
    }

    /**
     * The method's point forecast of occupancy at {@code target} from {@code cut} (which ends at or
     * before {@code issuedAt}, and is not empty), or NaN when the method has nothing to go on.
     */
    abstract double point(LotHistory cut, long issuedAt, long target);

    /** The point forecast with the last-value fallback, clamped to 0..capacity. */
    final double clampedPoint(LotHistory cut, long issuedAt, long target) {
        int last = cut.size() - 1;
        double p = point(cut, issuedAt, target);
        if (Double.isNaN(p)) {
            p = cut.occupied(last);
        }
        return clamp(p, 0, cut.capacity(last));
    }

    /** The errors to calibrate a forecast issued at {@code issuedAt}: learnt before its local day. */
    ErrorSamples errorSamples(LotHistory cut, long issuedAt) {
        long day = cut.dayStart(issuedAt);
        return cut.memo(new DayKey(name, "errors", day), () -> pastErrors(cut.upTo(Instant.ofEpochSecond(day)), day));
    }

    private ErrorSamples pastErrors(LotHistory before, long dayStart) {
        ErrorSamples.Builder errors = new ErrorSamples.Builder();
        int[] horizons = HorizonBins.TRAINING_HORIZONS;
        PerObservation[] forecasts = new PerObservation[horizons.length];
        for (int h = 0; h < horizons.length; h++) {
            forecasts[h] = PerObservation.in(before, new MemoKey(name, "past-forecast", horizons[h]));
        }
        forEachTrainingPair(before, dayStart - ERROR_WINDOW_SECONDS, (j, h, i) -> {
            // The forecast of observation j issued horizons[h] before it: fixed once j is known.
            double forecast = forecasts[h].get(j, k -> {
                long issued = before.atSeconds(k) - horizons[h] * 60L;
                return clampedPoint(before.upTo(Instant.ofEpochSecond(issued)), issued, before.atSeconds(k));
            });
            double effective = (before.atSeconds(j) - before.atSeconds(i)) / 60.0;
            errors.add(effective, before.occupied(j) - forecast);
        });
        return errors.build();
    }

    /** Past targets are learnt from at most one per slot of this length (the first reading in it). */
    static final long TRAINING_SLOT_SECONDS = 15 * 60;

    /** A pair: past target j, the index of the training horizon, and the last observation i at its issue. */
    interface PairVisitor {
        void visit(int j, int horizonIndex, int i);
    }

    /** Every (past target, training horizon) whose target lies after {@code since} and whose issue has data. */
    static void forEachTrainingPair(LotHistory before, long since, PairVisitor visitor) {
        int[] horizons = HorizonBins.TRAINING_HORIZONS;
        // The last observation at a past target's issue time depends only on earlier timestamps.
        PerObservation[] issueIndex = new PerObservation[horizons.length];
        for (int h = 0; h < horizons.length; h++) {
            issueIndex[h] = PerObservation.in(before, new MemoKey("", "issue-index", horizons[h]));
        }
        int first = before.lastAtOrBefore(since) + 1;
        for (int j = first; j < before.size(); j++) {
            if (j > 0
                    && before.atSeconds(j) / TRAINING_SLOT_SECONDS == before.atSeconds(j - 1) / TRAINING_SLOT_SECONDS) {
                continue; // a dense feed: one target per slot is enough to learn from, and 3x cheaper
            }
            for (int h = 0; h < horizons.length; h++) {
                int horizon = horizons[h];
                int i = (int) issueIndex[h].get(j, k -> before.lastAtOrBefore(before.atSeconds(k) - horizon * 60L));
                if (i >= 0) {
                    visitor.visit(j, h, i);
                }
            }
        }
    }

    /** A memo key for per-reading values (their arrays grow with the history). */
    record MemoKey(String method, String what, long at) {}

    /** A memo key for a value learnt from the readings before a day's start. */
    record DayKey(String method, String what, long dayStart) implements LotHistory.Prefix {
        @Override
        public long cutSeconds() {
            return dayStart;
        }
    }

    static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    private static double fractionAtMost(double[] sorted, double limit) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= limit) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return (double) lo / sorted.length;
    }
}
