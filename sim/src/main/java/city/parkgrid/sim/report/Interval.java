package city.parkgrid.sim.report;

import java.util.Arrays;

/**
 * A mean over seeds with its 95% confidence interval (Student's t, since 20 seeds are few).
 *
 * @param halfWidth the interval is {@code mean ± halfWidth}; NaN with fewer than two values
 */
public record Interval(double mean, double halfWidth, int n) {

    /** Two-sided 97.5% quantiles of Student's t for 1 to 30 degrees of freedom. */
    private static final double[] T975 = {
        12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160, 2.145, 2.131,
        2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042
    };

    /** The interval of the finite values among {@code values} (NaN ones, e.g. an empty group, are left out). */
    public static Interval of(double[] values) {
        double[] v = Arrays.stream(values).filter(Double::isFinite).toArray();
        if (v.length == 0) {
            return new Interval(Double.NaN, Double.NaN, 0);
        }
        double mean = Arrays.stream(v).average().orElseThrow();
        if (v.length < 2) {
            return new Interval(mean, Double.NaN, v.length);
        }
        double variance = Arrays.stream(v).map(x -> (x - mean) * (x - mean)).sum() / (v.length - 1);
        double t = v.length - 1 <= T975.length ? T975[v.length - 2] : 1.96;
        return new Interval(mean, t * Math.sqrt(variance / v.length), v.length);
    }

    public boolean contains(double x) {
        return x >= mean - halfWidth && x <= mean + halfWidth;
    }
}
