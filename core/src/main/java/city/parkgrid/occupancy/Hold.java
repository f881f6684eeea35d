package city.parkgrid.occupancy;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One space held in one lot for one plate — what a driver's allocation is, as the lot sees it.
 * Immutable; equal by id.
 *
 * @param id carries the lot id (see {@link HoldIds}), so any node finds the hold without an index
 * @param driverId who asked for it; only they (and the bureau) see and cancel it
 * @param endedAt when it left HELD; null while held
 */
public record Hold(
        String id,
        String lotId,
        String plate,
        String driverId,
        HoldStatus status,
        Instant createdAt,
        Instant expiresAt,
        Instant endedAt) {

    /** An ended hold stays readable (GET /v1/allocations/{id}) this long, then is forgotten. */
    public static final Duration RETENTION_AFTER_END = Duration.ofHours(24);

    public Hold {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(lotId, "lotId");
        Objects.requireNonNull(plate, "plate");
        Objects.requireNonNull(driverId, "driverId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /**
     * How long a plate's pointer to a hold is kept (see {@link OccupancyStore#swapPlateHold}): until
     * the hold expires, then as long as it stays readable; after that it could only name a hold
     * that is forgotten.
     */
    public static Duration plateHoldLifetime(Instant expiresAt, Instant now) {
        return Duration.ofMillis(Math.max(1, expiresAt.toEpochMilli() - now.toEpochMilli()))
                .plus(RETENTION_AFTER_END);
    }

    public Hold ended(HoldStatus finalStatus, Instant at) {
        return new Hold(id, lotId, plate, driverId, finalStatus, createdAt, expiresAt, at);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Hold other && id.equals(other.id);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }
}
