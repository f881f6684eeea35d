package city.parkgrid.occupancy;

import city.parkgrid.lots.Lot;
import java.util.Collection;
import java.util.Map;

/**
 * The live occupancy of several lots added up (a parking unit, a region). Immutable. The sums are
 * {@code long}: a city's lots each near {@code Integer.MAX_VALUE} must not wrap to a negative
 * total, whatever a single lot's counts are bounded by.
 */
public record OccupancyTotals(int lots, long capacity, long occupied, long held, long free) {

    /** Lots missing from {@code states} (not yet registered) count as empty. */
    public static OccupancyTotals of(Collection<Lot> lots, Map<String, LotOccupancy> states) {
        long capacity = 0;
        long occupied = 0;
        long held = 0;
        long free = 0;
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
