package city.parkgrid.history;

import city.parkgrid.occupancy.LotStatus;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * One lot's occupancy at one instant, as history keeps it. Immutable. Times are kept to the
 * microsecond (PostgreSQL's {@code timestamptz}), so every store returns what it was given.
 *
 * @param at for a live sample the step boundary it stands for (UTC, aligned to the step); for an
 *     imported one the time the archive gives, not aligned (forecasters want the raw times)
 * @param held spaces held for drivers on their way (0 when imported: archives do not know)
 * @param capacity the lot's capacity then
 * @param status OPEN, FULL or CLOSED as drivers saw it; null when imported (archives do not say)
 */
public record OccupancySample(
        String lotId, Instant at, int occupied, int held, int capacity, LotStatus status, Source source) {

    /** Where a sample came from. */
    public enum Source {
        /** Recorded from the live state at a step boundary. */
        LIVE,
        /** Loaded from a city's archive ({@code POST /v1/history}). */
        IMPORTED
    }

    public OccupancySample {
        Objects.requireNonNull(lotId, "lotId");
        Objects.requireNonNull(source, "source");
        at = Objects.requireNonNull(at, "at").truncatedTo(ChronoUnit.MICROS);
        if (occupied < 0 || held < 0 || capacity < 0) {
            throw new IllegalArgumentException(
                    "counts must not be negative: " + occupied + "/" + held + "/" + capacity);
        }
        if (source == Source.LIVE && status == null) {
            throw new IllegalArgumentException("a live sample has a status");
        }
    }

    public static OccupancySample imported(String lotId, Instant at, int occupied, int capacity) {
        return new OccupancySample(lotId, at, occupied, 0, capacity, null, Source.IMPORTED);
    }
}
