package city.parkgrid.forecast;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;

/**
 * Weeks and days in a lot's local time, fast: a backtest reckons them millions of times, and
 * {@code ZoneRules} lookups allocate. It keeps the zone's offset changes over a span around the
 * data (a few a year) and falls back to the rules outside it.
 */
final class LocalCalendar {

    private final ZoneId zone;
    /** offsets[k] holds before transitions[k]; the last one after the last transition. */
    private final long[] transitions;

    private final int[] offsets;
    private final long coveredFrom;
    private final long coveredTo;

    private LocalCalendar(ZoneId zone, long[] transitions, int[] offsets, long coveredFrom, long coveredTo) {
        this.zone = zone;
        this.transitions = transitions;
        this.offsets = offsets;
        this.coveredFrom = coveredFrom;
        this.coveredTo = coveredTo;
    }

    /**
     * Covers from well before the first observation (profiles look weeks back) to after the last
     * (targets lie up to a day ahead).
     */
    static LocalCalendar around(ZoneId zone, long firstSecond, long lastSecond) {
        ZoneRules rules = zone.getRules();
        Instant from = Instant.ofEpochSecond(firstSecond).minus(Duration.ofDays(400));
        Instant to = Instant.ofEpochSecond(lastSecond).plus(Duration.ofDays(2));
        List<Long> changes = new ArrayList<>();
        List<Integer> between = new ArrayList<>();
        between.add(rules.getOffset(from).getTotalSeconds());
        for (ZoneOffsetTransition t = rules.nextTransition(from);
                t != null && t.getInstant().isBefore(to);
                t = rules.nextTransition(t.getInstant())) {
            changes.add(t.toEpochSecond());
            between.add(t.getOffsetAfter().getTotalSeconds());
        }
        return new LocalCalendar(
                zone,
                changes.stream().mapToLong(Long::longValue).toArray(),
                between.stream().mapToInt(Integer::intValue).toArray(),
                from.getEpochSecond(),
                to.getEpochSecond());
    }

    /** Whether the span holds this instant and the day after it (the furthest a forecast looks). */
    boolean covers(long epochSecond) {
        return coveredFrom <= epochSecond && epochSecond + 24 * 3600 < coveredTo;
    }

    ZoneId zone() {
        return zone;
    }

    /** The same local wall-clock time {@code weeks} weeks earlier, in epoch seconds. */
    long weeksBefore(long epochSecond, int weeks) {
        // Plain arithmetic unless an offset change lies between.
        long candidate = epochSecond - weeks * 7L * 24 * 3600;
        if (offset(candidate) == offset(epochSecond)) {
            return candidate;
        }
        return ZonedDateTime.ofInstant(Instant.ofEpochSecond(epochSecond), zone)
                .minusWeeks(weeks)
                .toEpochSecond();
    }

    /** The start of the local day holding the instant, in epoch seconds. */
    long dayStart(long epochSecond) {
        int offset = offset(epochSecond);
        long local = epochSecond + offset;
        long candidate = local - Math.floorMod(local, 24L * 3600) - offset;
        if (offset(candidate) == offset) {
            return candidate;
        }
        return ZonedDateTime.ofInstant(Instant.ofEpochSecond(epochSecond), zone)
                .toLocalDate()
                .atStartOfDay(zone)
                .toEpochSecond();
    }

    private int offset(long epochSecond) {
        if (epochSecond < coveredFrom || epochSecond >= coveredTo) {
            return zone.getRules().getOffset(Instant.ofEpochSecond(epochSecond)).getTotalSeconds();
        }
        int k = 0;
        while (k < transitions.length && transitions[k] <= epochSecond) {
            k++;
        }
        return offsets[k];
    }
}
