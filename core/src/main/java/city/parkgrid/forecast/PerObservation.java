package city.parkgrid.forecast;

import java.util.Arrays;
import java.util.function.IntToDoubleFunction;

/**
 * A value per observation of a history (a profile, a past forecast), computed on first use and
 * kept in the history's memo. Stored in chunks allocated on first use, so a history only pays for
 * the stretch it learns from, and a history fed later readings ({@link LotHistory#withLater})
 * shares the chunks of the readings it holds instead of copying them: their values are the same.
 *
 * <p>Concurrent callers may compute the same value twice and write the same double, or allocate a
 * chunk twice and lose one: harmless (a value is recomputed), so there is no lock on the
 * backtest's hot path.
 */
final class PerObservation {

    /** A NaN with its own payload: "not computed yet", distinct from a computed NaN ("none"). */
    private static final long UNKNOWN = 0x7ff8_0000_dead_beefL;

    private static final int CHUNK_BITS = 10;
    private static final int CHUNK = 1 << CHUNK_BITS;

    private final double[][] chunks;

    private PerObservation(double[][] chunks) {
        this.chunks = chunks;
    }

    private static int chunksFor(int n) {
        return (n + CHUNK - 1) >>> CHUNK_BITS;
    }

    static PerObservation in(LotHistory history, Object key) {
        return history.memo(key, () -> new PerObservation(new double[chunksFor(history.fullSize())][]));
    }

    /**
     * The values for a history of {@code n} readings whose first {@code held} are this one's: the
     * chunks wholly below {@code held} are shared (those readings are the same in every history fed
     * from this one), the chunk across it is copied with the later entries unknown, since another
     * history fed from the same one may have written values for other readings there.
     */
    PerObservation grownTo(int held, int n) {
        double[][] grown = new double[Math.max(chunksFor(n), 1)][];
        int whole = held >>> CHUNK_BITS;
        System.arraycopy(chunks, 0, grown, 0, Math.min(whole, chunks.length));
        int offset = held & (CHUNK - 1);
        if (offset != 0 && whole < chunks.length && chunks[whole] != null) {
            double[] boundary = chunks[whole].clone();
            Arrays.fill(boundary, offset, CHUNK, Double.longBitsToDouble(UNKNOWN));
            grown[whole] = boundary;
        }
        return new PerObservation(grown);
    }

    double get(int i, IntToDoubleFunction compute) {
        double[] chunk = chunks[i >>> CHUNK_BITS];
        if (chunk == null) {
            chunk = new double[CHUNK];
            Arrays.fill(chunk, Double.longBitsToDouble(UNKNOWN));
            chunks[i >>> CHUNK_BITS] = chunk;
        }
        int k = i & (CHUNK - 1);
        double v = chunk[k];
        if (Double.doubleToRawLongBits(v) == UNKNOWN) {
            v = compute.applyAsDouble(i);
            chunk[k] = v;
        }
        return v;
    }
}
