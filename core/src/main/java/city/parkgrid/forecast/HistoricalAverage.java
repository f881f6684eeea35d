package city.parkgrid.forecast;

/**
 * {@code historical-average}: the mean of the same weekday and local time over the last four
 * weeks, each week's value the observation nearest that time within {@link SeasonalNaive#TOLERANCE};
 * weeks without one are left out, and with none at all, the last value.
 */
final class HistoricalAverage extends CalibratedForecaster {

    static final String NAME = "historical-average";

    static final int WEEKS = 4;

    HistoricalAverage() {
        super(NAME);
    }

    @Override
    double point(LotHistory cut, long issuedAt, long target) {
        double sum = 0;
        int n = 0;
        for (int k = 1; k <= WEEKS; k++) {
            int i = cut.nearest(cut.weeksBefore(target, k), SeasonalNaive.TOLERANCE);
            if (i >= 0) {
                sum += cut.occupied(i);
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }
}
