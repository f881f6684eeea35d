package city.parkgrid.occupancy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;

/**
 * How a lot remembers the event ids it has counted, the same in both stores: not one record per
 * id, but per day of receipt (UTC, on the platform's clock) a set of 64-bit fingerprints, each
 * with the time it is remembered until. A day's set is dropped whole once the last id it can hold
 * is forgotten. An id is a duplicate while any day still remembers its fingerprint; two ids of one
 * lot share a fingerprint with probability about n / 2^64 per new id, n being the ids the lot
 * remembers (below 10^-14 for a lot with 100,000 events in its window). Thread-safe (no state).
 */
public final class SeenEvents {

    /** The span of one set: a day of receipt. */
    public static final long DAY_MILLIS = Duration.ofDays(1).toMillis();

    /**
     * Redis keeps each day's set as a hash of this many buckets (by the fingerprint's top bits), each
     * bucket a string of 12-byte entries, spilled into 64 sub-buckets past 128 entries; see
     * occupancy.lua.
     */
    public static final int BUCKETS = 64;

    /**
     * The longest an id may be remembered: an entry stores its expiry as 32-bit milliseconds after
     * its day's start.
     */
    public static final Duration LONGEST_MEMORY = Duration.ofMillis(0xFFFF_FFFFL - DAY_MILLIS);

    private SeenEvents() {}

    /** The id's 64-bit fingerprint: the first 8 bytes of its SHA-256. */
    public static long fingerprint(String eventId) {
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-256").digest(eventId.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
        long fingerprint = 0;
        for (int i = 0; i < 8; i++) {
            fingerprint = (fingerprint << 8) | (digest[i] & 0xFF);
        }
        return fingerprint;
    }

    /** The fingerprint as 16 lower-case hex digits, as the Redis script takes it. */
    public static String hex(long fingerprint) {
        return String.format("%016x", fingerprint);
    }

    /** The day of receipt (days since the epoch, UTC) of {@code nowMillis}. */
    public static long day(long nowMillis) {
        return Math.floorDiv(nowMillis, DAY_MILLIS);
    }

    /**
     * The first day whose set may still remember an id at {@code nowMillis}: an id received on day
     * d is remembered at most until the end of d plus {@code memory}.
     */
    public static long firstDay(long nowMillis, Duration memory) {
        return day(nowMillis - memory.toMillis());
    }

    /** @throws IllegalArgumentException when ids cannot be remembered that long */
    public static Duration requireStorable(Duration memory) {
        if (memory.compareTo(LONGEST_MEMORY) > 0) {
            throw new IllegalArgumentException(
                    "event ids can be remembered at most " + LONGEST_MEMORY + ", not " + memory);
        }
        return memory;
    }
}
