package city.parkgrid.forecast;

import java.time.Duration;

/**
 * {@code relativized-average}: Liipi's predictor, {@code RelativizedAverageOfPreviousWeeksPredictor}
 * in HSLdevcom/parkandrideAPI ({@code fi.hsl.parkandride.core.domain.prediction}): the current value
 * plus the average change over the same interval in each of the previous three weeks.
 *
 * <p>How this matches the original. There, "now" is the latest observation's time (not the clock);
 * for each of 1, 2 and 3 weeks back it takes the value at {@code now - k weeks} ({@code getAt}: the
 * latest observation at or before it) as reference and the observations after it, shifted forward
 * by k weeks, as changes relative to that reference; the changes of the weeks are averaged per
 * time step, a week without a reference is left out, and the average is added to the current
 * value. We do the same for one target: change_k = value(target - k weeks) - value(now - k weeks),
 * each value the latest observation at or before that time. Differences, each because our data is
 * not Liipi's 5-minute feed: (1) a value more than {@link #TOLERANCE} older than its time does not
 * count (else a missing day would lend the previous evening's value); (2) weeks are local
 * wall-clock weeks; (3) the result is clamped to 0..capacity (the original clamps free spaces at
 * zero only). The original's later versions also scale the average change up when the last two
 * hours moved more than the same hours of the reference weeks ({@code getUtilizationMultiplier},
 * at least 1); the issue defines the anchor without that factor, so it is left out. With no
 * reference week at all it falls back to the last value (the original predicts nothing).
 */
final class RelativizedAverage extends CalibratedForecaster {

    static final String NAME = "relativized-average";

    static final int WEEKS = 3;

    static final Duration TOLERANCE = Duration.ofMinutes(60);

    RelativizedAverage() {
        super(NAME);
    }

    @Override
    double point(LotHistory cut, long issuedAt, long target) {
        int last = cut.size() - 1;
        long now = cut.atSeconds(last);
        double sum = 0;
        int n = 0;
        for (int k = 1; k <= WEEKS; k++) {
            double reference = valueAt(cut, cut.weeksBefore(now, k));
            double then = valueAt(cut, cut.weeksBefore(target, k));
            if (!Double.isNaN(reference) && !Double.isNaN(then)) {
                sum += then - reference;
                n++;
            }
        }
        return n == 0 ? Double.NaN : cut.occupied(last) + sum / n;
    }

    private static double valueAt(LotHistory cut, long at) {
        int i = cut.nearest(at, TOLERANCE);
        return i < 0 ? Double.NaN : cut.occupied(i);
    }
}
