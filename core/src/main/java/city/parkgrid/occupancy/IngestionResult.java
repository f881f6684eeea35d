package city.parkgrid.occupancy;

import java.util.List;

/** The outcome of one batch of gate events, in the order they were sent, and the state after it. */
public record IngestionResult(List<EventOutcome> outcomes, LotOccupancy occupancy) {

    public IngestionResult {
        outcomes = List.copyOf(outcomes);
    }
}
