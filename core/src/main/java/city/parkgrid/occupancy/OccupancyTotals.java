package city.parkgrid.occupancy;

import city.parkgrid.lots.Lot;
import java.util.Collection;
import java.util.Map;

/**
 * The live occupancy of several lots added up (a parking unit, a region). Immutable. The sums are
 * {@code long}: a city's lots each near {@code Integer.MAX_VALUE} must not wrap to a negative
 * total, whatever a single lot's counts are bounded by.
 *
 * <p>The one place every total of the platform is summed (units, regions, the zone stream, the
 * standards' feeds): a lot whose live state is unknown (not registered yet, or lost with Redis and
 * not yet restored) is left out of every sum, its capacity included, and counted in {@code
 * unknownLots} instead; it is never counted as empty.
 *
 * @param lots the lots asked about, known or not
 * @param unknownLots how many of them are left out of the sums because their live state is unknown
 */
public record OccupancyTotals(int lots, long capacity, long occupied, long held, long free, int unknownLots) {

    /** Lots missing from {@code states} are left out of the sums and counted as unknown. */
    public static OccupancyTotals of(Collection<Lot> lots, Map<String, LotOccupancy> states) {
        long capacity = 0;
        long occupied = 0;
        long held = 0;
        long free = 0;
        int unknown = 0;
        for (Lot lot : lots) {
            LotOccupancy o = states.get(lot.id());
            if (o == null) {
                unknown++;
                continue;
            }
            capacity += o.capacity();
            occupied += o.occupied();
            held += o.held();
            free += o.free();
        }
        return new OccupancyTotals(lots.size(), capacity, occupied, held, free, unknown);
    }

    /** Whether some lot is left out of the sums (see the class comment). */
    public boolean partial() {
        return unknownLots > 0;
    }
}
