package city.parkgrid.forecast;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * {@code parkgrid}: the lot's weekly profile, corrected by how far the lot is from its profile now,
 * with a correction learnt per lot and per effective horizon from the lot's own past. See
 * docs/DECISIONS.md ("Forecasts: the weekly profile plus a learnt, decaying deviation").
 *
 * <p>The profile {@code P(t)} is the mean occupancy at the same local weekday and time in the
 * previous {@link #PROFILE_WEEKS} weeks (interpolated between observations; weekday and weekend are
 * therefore told apart, and so is each weekday). With {@code y0} the last observation before the
 * issue, at time {@code t0}, {@code d = y0 - P(t0)} its deviation from the profile and
 * {@code d_prev} the previous reading's (within 90 minutes; else {@code d}):
 *
 * <pre>  forecast(t) = P(t) + a·d + b·d·(P(t) - P(t0)) / max(P(t0), 10% of capacity) + c·(d - d_prev)</pre>
 *
 * {@code a} carries the deviation (1 = it persists, 0 = it is gone by the target), {@code b} lets it
 * grow with the day's rise or fall (a busy morning makes a busier noon: the deviation taken as a
 * ratio), {@code c} follows the deviation's drift. They are fitted by ridge-regularised least
 * squares, per effective-horizon bin, on every (past target, training horizon) pair of the last
 * {@link #TRAINING_DAYS} days before the issue day, shrunk towards {@code a = exp(-h / 4 h)},
 * {@code b = c = 0} when the lot has little past. The interval comes from the errors the method
 * made on the pairs of the error window, each forecast with the coefficients of its own issue day.
 * The settings were chosen on the tuning weeks of the Birmingham backtest only (docs/PERFORMANCE.md).
 */
final class ParkgridForecaster extends CalibratedForecaster {

    static final String NAME = "parkgrid";

    static final int PROFILE_WEEKS = 5;
    static final Duration PROFILE_TOLERANCE = Duration.ofMinutes(60);
    static final int TRAINING_DAYS = 21;

    /** The ridge prior's weight, in pseudo-pairs: a bin needs a few dozen pairs to leave it. */
    private static final double PRIOR_PAIRS = 20;

    private static final double PRIOR_DECAY_MINUTES = 240;
    private static final double RATIO_FLOOR = 0.10;
    private static final int FEATURES = 3;
    private static final long TREND_GAP_SECONDS = 90 * 60;

    ParkgridForecaster() {
        super(NAME);
    }

    @Override
    double point(LotHistory cut, long issuedAt, long target) {
        int last = cut.size() - 1;
        // the target's profile first: it is NaN for a lot without past weeks, and then p0 (kept per
        // reading in the memo, which a history fed the live count each call copies) is not needed
        double pt = profile(cut, target);
        if (Double.isNaN(pt)) {
            return Double.NaN;
        }
        double p0 = profileAt(cut, last);
        if (Double.isNaN(p0)) {
            return Double.NaN;
        }
        Model model = model(cut, issuedAt);
        double[] f = features(cut, profiles(cut), last, p0, pt);
        double[] beta = model.coefficients[HorizonBins.of((target - cut.atSeconds(last)) / 60.0)];
        return pt + dot(beta, f);
    }

    @Override
    ErrorSamples errorSamples(LotHistory cut, long issuedAt) {
        return model(cut, issuedAt).errors;
    }

    private Model model(LotHistory cut, long issuedAt) {
        long day = cut.dayStart(issuedAt);
        if (cut.isEmpty() || cut.atSeconds(0) >= day) {
            return PRIOR;
        }
        return cut.memo(new DayKey(NAME, "model", day), () -> {
            LotHistory before = cut.upTo(Instant.ofEpochSecond(day));
            return new Model(coefficientsOn(before, day), pastErrors(before, day));
        });
    }

    private record Model(double[][] coefficients, ErrorSamples errors) {}

    /**
     * The model of a lot with nothing before the issue day: no pair to learn from, so the prior
     * coefficients and no errors. Computed once, by the same code as any model, so that it is the
     * same to the bit: a history rebuilt as the day's readings grow (a simulated day, a new lot)
     * would otherwise learn it again at each rebuild.
     */
    private static final Model PRIOR = priorModel();

    private static Model priorModel() {
        ParkgridForecaster f = new ParkgridForecaster();
        LotHistory none = LotHistory.of(List.of(), ZoneOffset.UTC);
        return new Model(f.coefficients(none, 0), f.pastErrors(none, 0));
    }

    /** The coefficients for forecasts issued on the day starting at {@code dayStart}, once per day. */
    private double[][] coefficientsOn(LotHistory view, long dayStart) {
        return view.memo(
                new DayKey(NAME, "coefficients", dayStart),
                () -> coefficients(view.upTo(Instant.ofEpochSecond(dayStart)), dayStart));
    }

    private double[][] coefficients(LotHistory before, long dayStart) {
        double[][][] xtx = new double[HorizonBins.COUNT][FEATURES][FEATURES];
        double[][] xty = new double[HorizonBins.COUNT][FEATURES];
        int[] counts = new int[HorizonBins.COUNT];
        long since = dayStart - TRAINING_DAYS * 24L * 3600;
        forEachPair(before, since, (issued, bin, f, r, effective) -> {
            for (int a = 0; a < FEATURES; a++) {
                xty[bin][a] += f[a] * r;
                for (int b = 0; b < FEATURES; b++) {
                    xtx[bin][a][b] += f[a] * f[b];
                }
            }
            counts[bin]++;
        });
        double[][] coefficients = new double[HorizonBins.COUNT][];
        for (int bin = 0; bin < HorizonBins.COUNT; bin++) {
            double[] prior = new double[FEATURES];
            prior[0] = Math.exp(-HorizonBins.middle(bin) / PRIOR_DECAY_MINUTES);
            coefficients[bin] = ridge(xtx[bin], xty[bin], counts[bin], prior);
        }
        return coefficients;
    }

    /**
     * The method's errors on the pairs of the error window, each forecast with the coefficients it
     * would have had then (learnt before its own issue day): out of sample, as the live errors are.
     */
    private ErrorSamples pastErrors(LotHistory before, long dayStart) {
        ErrorSamples.Builder errors = new ErrorSamples.Builder();
        // Pairs come in target order, so their issue days repeat: keep the last day's coefficients.
        long[] day = {Long.MIN_VALUE};
        double[][][] coefficients = new double[1][][];
        forEachPair(before, dayStart - ERROR_WINDOW_SECONDS, (issued, bin, f, r, effective) -> {
            long issueDay = before.dayStart(issued);
            if (issueDay != day[0]) {
                day[0] = issueDay;
                coefficients[0] = coefficientsOn(before, issueDay);
            }
            errors.add(effective, r - dot(coefficients[0][bin], f));
        });
        return errors.build();
    }

    private interface FeatureVisitor {
        /** r is the target's value minus its profile: what the features must explain. */
        void visit(long issued, int bin, double[] features, double r, double effectiveMinutes);
    }

    private void forEachPair(LotHistory before, long since, FeatureVisitor visitor) {
        PerObservation profiles = profiles(before);
        forEachTrainingPair(before, since, (j, h, i) -> {
            double pt = profiles.get(j, k -> profile(before, before.atSeconds(k)));
            double p0 = profiles.get(i, k -> profile(before, before.atSeconds(k)));
            if (Double.isNaN(pt) || Double.isNaN(p0)) {
                return;
            }
            double effective = (before.atSeconds(j) - before.atSeconds(i)) / 60.0;
            double[] f = features(before, profiles, i, p0, pt);
            visitor.visit(
                    before.atSeconds(j) - HorizonBins.TRAINING_HORIZONS[h] * 60L,
                    HorizonBins.of(effective),
                    f,
                    before.occupied(j) - pt,
                    effective);
        });
    }

    /**
     * The deviation from the profile now, the deviation taken as a ratio and grown or shrunk with
     * the profile's change to the target, and the deviation's change since the previous reading
     * (within 90 minutes): whether the lot is pulling away from its usual day or coming back.
     */
    private static double[] features(LotHistory h, PerObservation profiles, int i, double p0, double pt) {
        double d = h.occupied(i) - p0;
        double ratio = d * (pt - p0) / Math.max(p0, RATIO_FLOOR * h.capacity(i));
        double previous = d;
        if (i > 0 && h.atSeconds(i) - h.atSeconds(i - 1) <= TREND_GAP_SECONDS) {
            double p = profiles.get(i - 1, k -> profile(h, h.atSeconds(k)));
            if (!Double.isNaN(p)) {
                previous = h.occupied(i - 1) - p;
            }
        }
        return new double[] {d, ratio, d - previous};
    }

    /**
     * Minimises |X b - y|² + λ Σ_k s_k (b_k - prior_k)², with s_k the feature's mean square, so the
     * prior weighs like {@link #PRIOR_PAIRS} pairs whatever the feature's scale.
     */
    private static double[] ridge(double[][] xtx, double[] xty, int n, double[] prior) {
        double[][] a = new double[FEATURES][FEATURES + 1];
        for (int r = 0; r < FEATURES; r++) {
            double scale = n == 0 ? 1 : Math.max(xtx[r][r] / n, 1e-9);
            for (int c = 0; c < FEATURES; c++) {
                a[r][c] = xtx[r][c];
            }
            a[r][r] += PRIOR_PAIRS * scale;
            a[r][FEATURES] = xty[r] + PRIOR_PAIRS * scale * prior[r];
        }
        return solve(a);
    }

    /** Gauss-Jordan elimination with partial pivoting on an augmented matrix. */
    private static double[] solve(double[][] a) {
        int n = a.length;
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
                    pivot = r;
                }
            }
            double[] tmp = a[col];
            a[col] = a[pivot];
            a[pivot] = tmp;
            for (int r = 0; r < n; r++) {
                if (r != col) {
                    double factor = a[r][col] / a[col][col];
                    for (int c = col; c <= n; c++) {
                        a[r][c] -= factor * a[col][c];
                    }
                }
            }
        }
        double[] x = new double[n];
        for (int r = 0; r < n; r++) {
            x[r] = a[r][n] / a[r][r];
        }
        return x;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int k = 0; k < a.length; k++) {
            s += a[k] * b[k];
        }
        return s;
    }

    /** The weekly profile at an arbitrary instant, from the weeks before it; NaN with none. */
    static double profile(LotHistory cut, long at) {
        double sum = 0;
        int n = 0;
        for (int k = 1; k <= PROFILE_WEEKS; k++) {
            double v = cut.interpolated(cut.weeksBefore(at, k), PROFILE_TOLERANCE);
            if (!Double.isNaN(v)) {
                sum += v;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /**
     * The profile at observation i, once per history. It reads only observations within an hour of
     * whole weeks before i, so it is the same from any view that holds i.
     */
    private static double profileAt(LotHistory view, int i) {
        return profiles(view).get(i, k -> profile(view, view.atSeconds(k)));
    }

    private static PerObservation profiles(LotHistory view) {
        return PerObservation.in(view, new MemoKey(NAME, "profile", 0));
    }
}
