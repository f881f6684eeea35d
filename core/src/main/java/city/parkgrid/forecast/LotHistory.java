package city.parkgrid.forecast;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * A lot's cleaned observations indexed by time, possibly cut at an instant: {@link #upTo} gives a
 * view that holds only observations at or before it, sharing the arrays, so the forecasters can
 * look further back than their issue time but never past it. Every lookup is a binary search.
 *
 * <p>Weeks and days are reckoned in the lot's local time {@link #zone()} ("the same time a week
 * ago" keeps the wall clock across a daylight-saving change).
 *
 * <p>A history also carries a memo shared by all its views, where forecasters keep what they
 * computed from a prefix of it (a day's trained model, a past forecast's error): a value is
 * always computed from a view cut at or before the instants that will use it, so it is the same
 * whatever comes later, and building a new history from changed data starts an empty memo.
 */
public final class LotHistory {

    private final long[] atSeconds;
    private final int[] occupied;
    private final int[] capacity;
    private final int end;
    private final LocalCalendar calendar;
    private final Map<Object, Object> memo;

    private LotHistory(
            long[] atSeconds,
            int[] occupied,
            int[] capacity,
            int end,
            LocalCalendar calendar,
            Map<Object, Object> memo) {
        this.atSeconds = atSeconds;
        this.occupied = occupied;
        this.capacity = capacity;
        this.end = end;
        this.calendar = calendar;
        this.memo = memo;
    }

    /** Cleans the raw observations ({@link Observations#clean}) and indexes them. */
    public static LotHistory of(Collection<Observation> raw, ZoneId zone) {
        Objects.requireNonNull(zone, "zone");
        List<Observation> clean = Observations.clean(raw);
        long[] at = new long[clean.size()];
        int[] occ = new int[clean.size()];
        int[] cap = new int[clean.size()];
        int n = 0;
        for (Observation o : clean) {
            // Whole seconds, rounded up: a reading is never placed before it was taken, so a cut at
            // an issue time cannot take in a reading from a fraction of a second after it. Readings
            // within one second: the last wins, as for equal instants.
            long second = o.at().getEpochSecond() + (o.at().getNano() > 0 ? 1 : 0);
            if (n > 0 && at[n - 1] == second) {
                n--;
            }
            at[n] = second;
            occ[n] = o.occupied();
            cap[n] = o.capacity();
            n++;
        }
        at = Arrays.copyOf(at, n);
        occ = Arrays.copyOf(occ, n);
        cap = Arrays.copyOf(cap, n);
        LocalCalendar calendar =
                n == 0 ? LocalCalendar.around(zone, 0, 0) : LocalCalendar.around(zone, at[0], at[n - 1]);
        return new LotHistory(at, occ, cap, n, calendar, new ConcurrentHashMap<>());
    }

    /**
     * This history with one more observation after its last, sharing the memo: how a node adds the
     * live count now to a lot's recorded samples without learning the lot's model again. Sound
     * because every memoised value is computed from a view cut at or before the day of the
     * forecasts that use it, and the added observation (today, after every recorded one) is in
     * none of those views. An observation not after the last, or without a positive capacity,
     * adds nothing: the history is returned as it is.
     */
    public LotHistory withLatest(Observation latest) {
        long second = latest.at().getEpochSecond() + (latest.at().getNano() > 0 ? 1 : 0);
        if ((end > 0 && second <= atSeconds[end - 1]) || latest.capacity() <= 0) {
            return this;
        }
        long[] at = Arrays.copyOf(atSeconds, end + 1);
        int[] occ = Arrays.copyOf(occupied, end + 1);
        int[] cap = Arrays.copyOf(capacity, end + 1);
        at[end] = second;
        cap[end] = latest.capacity();
        occ[end] = Math.max(0, Math.min(latest.occupied(), cap[end]));
        // the calendar reaches days past the last observation, and falls back to the rules beyond
        return new LotHistory(at, occ, cap, end + 1, calendar, memo);
    }

    /** The observations at or before {@code instant}; nothing later is reachable from the view. */
    public LotHistory upTo(Instant instant) {
        int cut = lastAtOrBefore(instant.getEpochSecond()) + 1;
        return cut == end ? this : new LotHistory(atSeconds, occupied, capacity, cut, calendar, memo);
    }

    public ZoneId zone() {
        return calendar.zone();
    }

    public int size() {
        return end;
    }

    public boolean isEmpty() {
        return end == 0;
    }

    public long atSeconds(int i) {
        return atSeconds[check(i)];
    }

    public Instant at(int i) {
        return Instant.ofEpochSecond(atSeconds(i));
    }

    public int occupied(int i) {
        return occupied[check(i)];
    }

    public int capacity(int i) {
        return capacity[check(i)];
    }

    /** The index of the latest observation at or before the instant (epoch seconds), or -1. */
    public int lastAtOrBefore(long epochSecond) {
        int lo = 0;
        int hi = end - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (atSeconds[mid] <= epochSecond) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }

    /** The index of the observation nearest the instant within the tolerance, or -1. */
    public int nearest(long epochSecond, Duration tolerance) {
        int before = lastAtOrBefore(epochSecond);
        long dBefore = gapBefore(before, epochSecond);
        long dAfter = gapAfter(before, epochSecond);
        if (Math.min(dBefore, dAfter) > tolerance.getSeconds()) {
            return -1;
        }
        return dBefore <= dAfter ? before : before + 1;
    }

    /**
     * The occupancy at an instant, interpolated linearly between the observations either side
     * when both lie within {@code tolerance} of it, else the nearer one within half of it, else NaN.
     */
    public double interpolated(long epochSecond, Duration tolerance) {
        int before = lastAtOrBefore(epochSecond);
        int after = before + 1;
        long tol = tolerance.getSeconds();
        long dBefore = gapBefore(before, epochSecond);
        long dAfter = gapAfter(before, epochSecond);
        if (dBefore == 0) {
            return occupied[before];
        }
        if (dBefore <= tol && dAfter <= tol) {
            double w = (double) dBefore / (dBefore + dAfter);
            return occupied[before] * (1 - w) + occupied[after] * w;
        }
        if (dBefore <= tol / 2 && dBefore <= dAfter) {
            return occupied[before];
        }
        if (dAfter <= tol / 2) {
            return occupied[after];
        }
        return Double.NaN;
    }

    /** Seconds from observation {@code before} (-1: none) to the instant; MAX_VALUE without one. */
    private long gapBefore(int before, long epochSecond) {
        return before >= 0 ? epochSecond - atSeconds[before] : Long.MAX_VALUE;
    }

    /** Seconds from the instant to the observation after {@code before}; MAX_VALUE without one. */
    private long gapAfter(int before, long epochSecond) {
        return before + 1 < end ? atSeconds[before + 1] - epochSecond : Long.MAX_VALUE;
    }

    /** The same local wall-clock time {@code weeks} weeks earlier, in epoch seconds. */
    public long weeksBefore(long epochSecond, int weeks) {
        return calendar.weeksBefore(epochSecond, weeks);
    }

    /** The start of the local day holding the instant, in epoch seconds. */
    public long dayStart(long epochSecond) {
        return calendar.dayStart(epochSecond);
    }

    /**
     * A value computed once per history (shared by its views). The caller must compute it from a
     * view that reaches no later than any forecast that will use it (see the class comment).
     */
    @SuppressWarnings("unchecked")
    public <T> T memo(Object key, Supplier<T> compute) {
        Object value = memo.get(key);
        if (value == null) {
            // Not computeIfAbsent: computing one value may memoise others in the same map.
            value = compute.get();
            Object raced = memo.putIfAbsent(key, value);
            if (raced != null) {
                value = raced;
            }
        }
        return (T) value;
    }

    /** The index range of the full history, for per-observation memo arrays. */
    int fullSize() {
        return atSeconds.length;
    }

    private int check(int i) {
        if (i < 0 || i >= end) {
            throw new IndexOutOfBoundsException("observation " + i + " of " + end);
        }
        return i;
    }
}
