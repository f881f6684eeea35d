package city.parkgrid.history;

import city.parkgrid.InvalidInputException;
import city.parkgrid.Times;
import java.time.Duration;
import java.time.Instant;

/**
 * The buckets a history query answers in: {@code [from, to)} cut into steps starting at {@code
 * from} (the last one may be shorter). Immutable.
 */
public record HistoryRange(Instant from, Instant to, Duration step) {

    /** The most buckets one query may ask for. */
    public static final int MAX_POINTS = 10_000;

    /** The shortest and the longest bucket. */
    public static final Duration MIN_STEP = Duration.ofMinutes(1);

    public static final Duration MAX_STEP = Duration.ofDays(31);

    /** The default span when a query gives no {@code from}. */
    public static final Duration DEFAULT_SPAN = Duration.ofHours(24);

    /**
     * The range a query asks for, with the defaults filled in: {@code to} the end of the
     * recording step {@code now} is in, {@code from} a day before {@code to}, {@code step} the
     * recording step. Refused ({@link InvalidInputException} naming the parameter): a time outside
     * the platform's range, {@code from >= to}, a step outside {@link #MIN_STEP}..{@link #MAX_STEP},
     * more than {@link #MAX_POINTS} buckets.
     */
    public static HistoryRange of(Instant from, Instant to, Duration step, Instant now, Duration recordingStep) {
        Instant end = to != null
                ? Times.requireInRange("to", to)
                : OccupancyRecorder.stepOf(now, recordingStep).plus(recordingStep);
        Instant start = from != null ? Times.requireInRange("from", from) : end.minus(DEFAULT_SPAN);
        Duration width = step != null ? step : recordingStep;
        if (!start.isBefore(end)) {
            throw new InvalidInputException("from", "must be before to (" + end + "), was " + start);
        }
        if (width.compareTo(MIN_STEP) < 0 || width.compareTo(MAX_STEP) > 0) {
            throw new InvalidInputException(
                    "step", "must be from " + MIN_STEP + " to " + MAX_STEP + " (ISO-8601 duration), was " + width);
        }
        long points = ceilDiv(Duration.between(start, end), width);
        if (points > MAX_POINTS) {
            throw new InvalidInputException(
                    "step",
                    "from " + start + " to " + end + " in steps of " + width + " is " + points + " points, more than "
                            + MAX_POINTS + "; use a longer step or a shorter range");
        }
        return new HistoryRange(start, end, width);
    }

    /** How many buckets. */
    public int points() {
        return (int) ceilDiv(Duration.between(from, to), step);
    }

    /** The bucket {@code at} falls in; -1 outside the range. */
    int bucketOf(Instant at) {
        if (at.isBefore(from) || !at.isBefore(to)) {
            return -1;
        }
        return (int) (Duration.between(from, at).toNanos() / step.toNanos());
    }

    Instant bucketStart(int bucket) {
        return from.plus(step.multipliedBy(bucket));
    }

    private static long ceilDiv(Duration span, Duration step) {
        long spanNanos = span.toNanos();
        long stepNanos = step.toNanos();
        return (spanNanos + stepNanos - 1) / stepNanos;
    }
}
