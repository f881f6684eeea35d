package city.parkgrid.allocation;

import city.parkgrid.lots.NearbyLot;
import city.parkgrid.occupancy.Hold;
import java.util.List;

/**
 * A space held, or none and where else to go.
 *
 * @param hold the granted hold, or null
 * @param walkMetres from the held lot's entrance to the destination (0 for a named lot)
 * @param alternatives when none was granted: open lots with space beyond the walking limit,
 *     park-and-ride first
 * @param plateHeldByAnother true when refused because the plate's space is held for another driver
 * @param diversion the bureau's diversion the allocation followed, or null
 */
public record AllocationOutcome(
        Hold hold, double walkMetres, List<NearbyLot> alternatives, boolean plateHeldByAnother, Diversion diversion) {

    public AllocationOutcome(Hold hold, double walkMetres, List<NearbyLot> alternatives) {
        this(hold, walkMetres, alternatives, false, null);
    }

    public boolean granted() {
        return hold != null;
    }
}
