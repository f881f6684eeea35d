package city.parkgrid.forecast;

import java.time.Duration;

/**
 * {@code seasonal-naive}: the value a week before the target (same local wall-clock time), the
 * observation nearest it within {@link #TOLERANCE}; without one (a missing day), the last value.
 */
final class SeasonalNaive extends CalibratedForecaster {

    static final String NAME = "seasonal-naive";

    /** Two sampling steps of the slowest feed we know (Birmingham, 30 minutes). */
    static final Duration TOLERANCE = Duration.ofMinutes(60);

    SeasonalNaive() {
        super(NAME);
    }

    @Override
    double point(LotHistory cut, long issuedAt, long target) {
        int i = cut.nearest(cut.weeksBefore(target, 1), TOLERANCE);
        return i < 0 ? Double.NaN : cut.occupied(i);
    }
}
