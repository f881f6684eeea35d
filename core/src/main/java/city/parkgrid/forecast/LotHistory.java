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

    /**
     * The readings, possibly followed by room for later ones: indices below {@link #count} are this
     * history's, below {@link #end} this view's. Histories fed later readings in turn share the
     * arrays and write past the end ({@link #withLater}); {@link Tail} says how far they are used.
     */
    private final long[] atSeconds;

    private final int[] occupied;
    private final int[] capacity;
    private final int count;
    private final int end;
    private final Tail tail;
    private final LocalCalendar calendar;
    private final Map<Object, Object> memo;

    /** How many slots of a set of arrays some history uses: appending in place is for the last one. */
    private static final class Tail {
        int claimed;

        Tail(int claimed) {
            this.claimed = claimed;
        }
    }

    private LotHistory(
            long[] atSeconds,
            int[] occupied,
            int[] capacity,
            int count,
            int end,
            Tail tail,
            LocalCalendar calendar,
            Map<Object, Object> memo) {
        this.atSeconds = atSeconds;
        this.occupied = occupied;
        this.capacity = capacity;
        this.count = count;
        this.end = end;
        this.tail = tail;
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
        int n = write(at, occ, cap, 0, clean);
        return new LotHistory(at, occ, cap, n, n, new Tail(n), calendarFor(zone, at, n), new ConcurrentHashMap<>());
    }

    /**
     * This history with later readings added, keeping what was learnt: a service can hold one
     * history per lot and feed it each new reading instead of rebuilding it (which would relearn a
     * month of errors). Forecasts from the result equal those from {@link #of} on all the readings;
     * this history is unchanged. The arrays are shared and grown by doubling, so feeding one reading
     * at a time costs O(1) amortised. When a reading is not after every reading held (a late one),
     * or this is a cut view, it is rebuilt from scratch instead.
     */
    public LotHistory withLater(Collection<Observation> later) {
        List<Observation> clean = Observations.clean(later);
        if (clean.isEmpty()) {
            return this;
        }
        long firstNew = wholeSecond(clean.get(0).at());
        if (end < count || (end > 0 && firstNew <= atSeconds[end - 1])) {
            List<Observation> all = new java.util.ArrayList<>(end + clean.size());
            for (int i = 0; i < end; i++) {
                all.add(new Observation(at(i), occupied[i], capacity[i]));
            }
            all.addAll(clean);
            return of(all, calendar.zone());
        }
        long[] at = atSeconds;
        int[] occ = occupied;
        int[] cap = capacity;
        Tail shared = tail;
        int n;
        synchronized (tail) {
            if (tail.claimed == count && at.length >= count + clean.size()) {
                n = write(at, occ, cap, count, clean); // past every reader's end: they cannot see it
                tail.claimed = n;
            } else {
                int room = Math.max(16, 2 * (count + clean.size()));
                at = Arrays.copyOf(atSeconds, room);
                occ = Arrays.copyOf(occupied, room);
                cap = Arrays.copyOf(capacity, room);
                n = write(at, occ, cap, count, clean);
                shared = new Tail(n);
            }
        }
        Map<Object, Object> kept = new ConcurrentHashMap<>();
        int size = n;
        memo.forEach((key, value) -> {
            if (value instanceof PerObservation values) {
                kept.put(key, values.grownTo(count, size)); // a reading's value depends on it and earlier ones only
            } else if (key instanceof Prefix prefix && prefix.cutSeconds() < firstNew) {
                kept.put(key, value); // computed from readings up to its cut, and none is added there
            }
        });
        LocalCalendar cal = calendar.covers(at[n - 1]) ? calendar : calendarFor(calendar.zone(), at, n);
        return new LotHistory(at, occ, cap, n, n, shared, cal, kept);
    }

    /**
     * Writes cleaned readings from index {@code from} on; readings within one second collapse, the
     * last winning as for equal instants. Returns the new count.
     */
    private static int write(long[] at, int[] occ, int[] cap, int from, List<Observation> clean) {
        int n = from;
        for (Observation o : clean) {
            long second = wholeSecond(o.at());
            if (n > from && at[n - 1] == second) {
                n--;
            }
            at[n] = second;
            occ[n] = o.occupied();
            cap[n] = o.capacity();
            n++;
        }
        return n;
    }

    private static LocalCalendar calendarFor(ZoneId zone, long[] at, int n) {
        return n == 0 ? LocalCalendar.around(zone, 0, 0) : LocalCalendar.around(zone, at[0], at[n - 1]);
    }

    /**
     * A memo key whose value was computed from the view cut at {@link #cutSeconds()}: still valid
     * when only readings after the cut are added ({@link #withLater}). Other values are dropped then,
     * except per-reading ones.
     */
    public interface Prefix {
        long cutSeconds();
    }

    /**
     * Whole seconds, rounded up: a reading is never placed before it was taken, so a cut at an
     * issue time cannot take in a reading from a fraction of a second after it.
     */
    private static long wholeSecond(Instant at) {
        return at.getEpochSecond() + (at.getNano() > 0 ? 1 : 0);
    }

    /** The observations at or before {@code instant}; nothing later is reachable from the view. */
    public LotHistory upTo(Instant instant) {
        int cut = lastAtOrBefore(instant.getEpochSecond()) + 1;
        return cut == end ? this : new LotHistory(atSeconds, occupied, capacity, count, cut, tail, calendar, memo);
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

    /** The readings of the whole history (not only this view), for per-observation memo arrays. */
    int fullSize() {
        return count;
    }

    private int check(int i) {
        if (i < 0 || i >= end) {
            throw new IndexOutOfBoundsException("observation " + i + " of " + end);
        }
        return i;
    }
}
