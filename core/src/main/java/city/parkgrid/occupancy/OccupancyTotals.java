package city.parkgrid.occupancy;

import city.parkgrid.lots.Lot;
import java.util.Collection;
import java.util.Map;

/** The live occupancy of several lots added up (a parking unit, a region). Immutable. */
public record OccupancyTotals(int lots, int capacity, int occupied, int held, int free) {

    /** Lots missing from {@code states} (not yet registered) count as empty. */
    public static OccupancyTotals of(Collection<Lot> lots, Map<String, LotOccupancy> states) {
        int capacity = 0;
        int occupied = 0;
        int held = 0;
        int free = 0;
        for (Lot lot : lots) {
            LotOccupancy o = states.getOrDefault(lot.id(), LotOccupancy.empty(lot.id(), lot.capacity()));
            capacity += o.capacity();
            occupied += o.occupied();
            held += o.held();
            free += o.free();
        }
        return new OccupancyTotals(lots.size(), capacity, occupied, held, free);
    }
}
