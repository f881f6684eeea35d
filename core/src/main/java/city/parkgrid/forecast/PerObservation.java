package city.parkgrid.forecast;

import java.util.Arrays;
import java.util.function.IntToDoubleFunction;

/**
 * A value per observation of a history (a profile, a past forecast), computed on first use and
 * kept in the history's memo. Concurrent callers may compute the same value twice and write the
 * same double: harmless, so there is no lock on the backtest's hot path.
 */
final class PerObservation {

    /** A NaN with its own payload: "not computed yet", distinct from a computed NaN ("none"). */
    private static final long UNKNOWN = 0x7ff8_0000_dead_beefL;

    private final double[] values;

    private PerObservation(int n) {
        values = new double[n];
        Arrays.fill(values, Double.longBitsToDouble(UNKNOWN));
    }

    static PerObservation in(LotHistory history, Object key) {
        return history.memo(key, () -> new PerObservation(history.fullSize()));
    }

    double get(int i, IntToDoubleFunction compute) {
        double v = values[i];
        if (Double.doubleToRawLongBits(v) == UNKNOWN) {
            v = compute.applyAsDouble(i);
            values[i] = v;
        }
        return v;
    }
}
