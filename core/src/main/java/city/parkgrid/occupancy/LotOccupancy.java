package city.parkgrid.occupancy;

import java.time.Instant;

/**
 * A lot's live state. Immutable.
 *
 * @param occupied cars inside; may exceed capacity when gates let cars into a full lot
 * @param held spaces held for drivers on their way (allocation)
 * @param reserved spaces the bureau's control withholds from the public (emergency services)
 * @param closed closed by its operator or by the bureau's control: takes no drivers
 * @param asOf the latest gate or sensor time applied; an older sensor snapshot is not applied
 * @param updatedAt when the platform last changed this state (its own clock)
 * @param version increases with every change; drives ETags and change feeds
 */
public record LotOccupancy(
        String lotId,
        int capacity,
        int occupied,
        int held,
        int reserved,
        boolean closed,
        Instant asOf,
        Instant updatedAt,
        long version) {

    public static LotOccupancy empty(String lotId, int capacity) {
        return new LotOccupancy(lotId, capacity, 0, 0, 0, false, Instant.EPOCH, Instant.EPOCH, 0);
    }

    public int free() {
        return Math.max(0, capacity - occupied - held - reserved);
    }

    /** Cars beyond capacity (gate entries into a full lot). */
    public int overflow() {
        return Math.max(0, occupied - capacity);
    }

    public LotStatus status() {
        if (closed) {
            return LotStatus.CLOSED;
        }
        return free() == 0 ? LotStatus.FULL : LotStatus.OPEN;
    }
}
