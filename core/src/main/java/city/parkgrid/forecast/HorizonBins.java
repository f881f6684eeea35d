package city.parkgrid.forecast;

/**
 * Forecast errors and the parkgrid model's coefficients are kept per bin of the <em>effective</em>
 * horizon: from the latest observation the forecaster had to the target. That is the nominal
 * horizon when data is fresh, and longer when it is not (the Birmingham car parks report from
 * about 08:00 to 16:30 only, so a 08:30 target forecast 30 minutes ahead rests on yesterday's
 * last reading, 16 hours earlier, and must be judged like a 16-hour forecast).
 */
final class HorizonBins {

    /** Upper edges of the bins, in minutes; the last bin is open. */
    private static final int[] EDGES = {20, 40, 75, 105, 150, 210, 300, 420, 600, 840, 1080, 1320};

    /**
     * The nominal horizons, in minutes, at which past targets are re-forecast to learn from: they
     * cover the bins up to a day for any sampling step.
     */
    static final int[] TRAINING_HORIZONS = {15, 30, 45, 60, 90, 120, 180, 240, 360, 480, 720, 960, 1440};

    static final int COUNT = EDGES.length + 1;

    private HorizonBins() {}

    static int of(double effectiveMinutes) {
        for (int b = 0; b < EDGES.length; b++) {
            if (effectiveMinutes < EDGES[b]) {
                return b;
            }
        }
        return EDGES.length;
    }

    /** A representative horizon of the bin, in minutes (for priors). */
    static double middle(int bin) {
        double lo = bin == 0 ? 0 : EDGES[bin - 1];
        double hi = bin < EDGES.length ? EDGES[bin] : 1440;
        return (lo + hi) / 2;
    }
}
