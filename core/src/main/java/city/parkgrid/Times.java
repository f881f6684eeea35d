package city.parkgrid;

import java.time.Instant;
import java.time.LocalTime;

/**
 * What times the platform accepts, the same in every adapter. PostgreSQL {@code timestamptz}
 * ends in the year 294276 and {@code time} keeps microseconds, while Java's types go further;
 * rather than let each adapter fail its own way, the domain accepts instants only from
 * 2000-01-01 to 2100-01-01 UTC (nothing the city schedules lies outside) and local times
 * (tariff bands, schedules) only in whole seconds.
 */
public final class Times {

    public static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    public static final Instant LATEST = Instant.parse("2100-01-01T00:00:00Z");

    private Times() {}

    /**
     * @throws InvalidInputException naming {@code field} when the instant lies outside
     *     [{@link #EARLIEST}, {@link #LATEST})
     */
    public static Instant requireInRange(String field, Instant instant) {
        if (instant != null && (instant.isBefore(EARLIEST) || !instant.isBefore(LATEST))) {
            throw new InvalidInputException(
                    field, "must lie from " + EARLIEST + " to before " + LATEST + ", was " + instant);
        }
        return instant;
    }

    /** @throws InvalidInputException naming {@code field} when the local time has a fraction of a second */
    public static LocalTime requireWholeSeconds(String field, LocalTime time) {
        if (time != null && time.getNano() != 0) {
            throw new InvalidInputException(
                    field, "must be a local time in whole seconds (HH:MM or HH:MM:SS), was " + time);
        }
        return time;
    }
}
