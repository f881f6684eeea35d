package city.parkgrid.forecast;

import java.util.Arrays;

/**
 * A forecaster's past errors (actual minus forecast, in spaces) per effective-horizon bin,
 * learnt from data before the issue day; the forecast's interval and probability of a free space
 * come from them. A bin with too few errors borrows its neighbours'.
 */
final class ErrorSamples {

    /** Fewer errors than this in a bin make a ragged quantile: the neighbouring bins are added. */
    static final int MIN_SAMPLES = 40;

    private final double[][] byBin;

    private ErrorSamples(double[][] byBin) {
        this.byBin = byBin;
    }

    static final class Builder {
        private final double[][] values = new double[HorizonBins.COUNT][256];
        private final int[] sizes = new int[HorizonBins.COUNT];

        void add(double effectiveMinutes, double error) {
            int b = HorizonBins.of(effectiveMinutes);
            if (sizes[b] == values[b].length) {
                values[b] = Arrays.copyOf(values[b], sizes[b] * 2);
            }
            values[b][sizes[b]++] = error;
        }

        ErrorSamples build() {
            double[][] merged = new double[HorizonBins.COUNT][];
            for (int b = 0; b < HorizonBins.COUNT; b++) {
                int lo = b;
                int hi = b;
                int n = sizes[b];
                while (n < MIN_SAMPLES && (lo > 0 || hi < HorizonBins.COUNT - 1)) {
                    if (hi < HorizonBins.COUNT - 1) {
                        n += sizes[++hi];
                    }
                    if (n < MIN_SAMPLES && lo > 0) {
                        n += sizes[--lo];
                    }
                }
                double[] all = new double[n];
                int k = 0;
                for (int c = lo; c <= hi; c++) {
                    System.arraycopy(values[c], 0, all, k, sizes[c]);
                    k += sizes[c];
                }
                Arrays.sort(all);
                merged[b] = all;
            }
            return new ErrorSamples(merged);
        }
    }

    /** The sorted errors for the effective horizon; empty when the lot has no past to learn from. */
    double[] at(double effectiveMinutes) {
        return byBin[HorizonBins.of(effectiveMinutes)];
    }

    /** The q-quantile of sorted values, interpolated. */
    static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int i = (int) Math.floor(pos);
        if (i + 1 >= sorted.length) {
            return sorted[sorted.length - 1];
        }
        return sorted[i] + (pos - i) * (sorted[i + 1] - sorted[i]);
    }
}
