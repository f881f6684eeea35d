package city.parkgrid.forecast;

import java.util.Arrays;
import java.util.function.IntToDoubleFunction;

/**
 * A value per observation of a history (a profile, a past forecast), computed on first use and
 * kept in the history's memo. Concurrent callers may compute the same value twice and write the
 * same double: harmless, so there is no lock on the backtest's hot path. A history extended by
 * later observations ({@link LotHistory#withLatest}) shares the memo, so the array grows on demand
 * (a value lost to a racing growth is merely computed again).
 */
final class PerObservation {

    /** A NaN with its own payload: "not computed yet", distinct from a computed NaN ("none"). */
    private static final long UNKNOWN = 0x7ff8_0000_dead_beefL;

    private volatile double[] values;

    private PerObservation(int n) {
        values = new double[n];
        Arrays.fill(values, Double.longBitsToDouble(UNKNOWN));
    }

    static PerObservation in(LotHistory history, Object key) {
        return history.memo(key, () -> new PerObservation(history.fullSize()));
    }

    double get(int i, IntToDoubleFunction compute) {
        double[] current = values;
        if (i >= current.length) {
            double[] grown = Arrays.copyOf(current, Math.max(i + 1, current.length + current.length / 2 + 16));
            Arrays.fill(grown, current.length, grown.length, Double.longBitsToDouble(UNKNOWN));
            values = grown;
            current = grown;
        }
        double v = current[i];
        if (Double.doubleToRawLongBits(v) == UNKNOWN) {
            v = compute.applyAsDouble(i);
            current[i] = v;
        }
        return v;
    }
}
