package city.parkgrid.history;

import city.parkgrid.occupancy.LotStatus;
import java.time.Instant;

/**
 * A change of a lot's capacity or status, as the recorder saw it at a step boundary: the first
 * live sample of a lot, and every later one whose capacity or status differs from the lot's last
 * recorded change. Its resolution is the step: a lot that closed and reopened between two steps
 * leaves no change. Immutable.
 *
 * @param previousCapacity null for the lot's first recorded state
 * @param previousStatus null for the lot's first recorded state
 */
public record LotChange(
        String lotId, Instant at, int capacity, LotStatus status, Integer previousCapacity, LotStatus previousStatus) {}
