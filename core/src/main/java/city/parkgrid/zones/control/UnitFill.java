package city.parkgrid.zones.control;

import city.parkgrid.lots.Lot;
import city.parkgrid.occupancy.LotOccupancy;
import java.util.List;
import java.util.Map;

/**
 * How full a parking unit is, in the two senses the bureau's control needs: what MANAGED steers by
 * and what a trigger watches. Pure.
 */
public final class UnitFill {

    private UnitFill() {}

    /**
     * The share of the unit's open capacity the public can no longer have (occupied, held or
     * reserved): what MANAGED compares with its target. Closed lots count neither way.
     */
    public static double fill(List<Lot> unit, Map<String, LotOccupancy> states) {
        return share(unit, states, true, 1);
    }

    /**
     * The unit's demand: cars inside or on their way, as a share of all its capacity. What
     * triggers watch; unlike {@link #fill} it is not raised by the control's own reservations or
     * closures, so a control a trigger set does not keep itself in force.
     */
    public static double demand(List<Lot> unit, Map<String, LotOccupancy> states) {
        return share(unit, states, false, 0);
    }

    /** Taken over capacity; {@code bureauView}: open lots only, reserved spaces taken. */
    private static double share(
            List<Lot> unit, Map<String, LotOccupancy> states, boolean bureauView, double ifNoCapacity) {
        long capacity = 0;
        long taken = 0;
        for (Lot lot : unit) {
            LotOccupancy o = states.get(lot.id());
            // a lot of unknown state (lost with Redis, not yet restored) is left out, never taken as empty
            if (o == null || (bureauView && o.closed())) {
                continue;
            }
            capacity += o.capacity();
            taken += Math.min(o.capacity(), o.occupied() + o.held() + (bureauView ? o.reserved() : 0));
        }
        return capacity == 0 ? ifNoCapacity : taken / (double) capacity;
    }
}
