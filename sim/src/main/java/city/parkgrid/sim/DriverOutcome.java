package city.parkgrid.sim;

/**
 * How one simulated driver's search ended. Times are measured as MATSim's parking-search contrib
 * measures them: from the moment the driver comes within the search radius of the destination to
 * the moment they arrive at the destination on foot.
 *
 * @param arrivalMinute minute of the day the driver entered the search radius
 * @param searchMinutes from entering the search radius to arriving at the destination on foot
 *     (parked), or to giving up
 * @param directMinutes the part of {@code searchMinutes} no policy can remove: driving from where the
 *     driver entered the radius to the destination (on the street graph, or straight times the detour factor)
 * @param walkMinutes the egress walk from the lot, part of {@code searchMinutes}
 * @param gateMinutes queueing at the gate of the lot parked in, part of {@code searchMinutes}
 * @param bayMinutes finding a bay inside that lot (or along the kerb), part of {@code searchMinutes}
 * @param cruisingMetres driven while searching
 * @param walkingMetres from the lot to the destination (0 unless parked)
 * @param fullLotsFound lots the driver drove to and could not enter
 * @param held whether the driver had a ParkGrid hold when they reached the search radius
 * @param reservation whether the driver had booked a space reserved by the bureau's event control
 * @param parkAndRide whether the driver parked in a park-and-ride lot
 */
public record DriverOutcome(
        long driverId,
        boolean adopter,
        String kind,
        Scenario.Segment segment,
        int arrivalMinute,
        End end,
        double searchMinutes,
        double directMinutes,
        double walkMinutes,
        double gateMinutes,
        double bayMinutes,
        double cruisingMetres,
        double walkingMetres,
        String lotId,
        int fullLotsFound,
        boolean held,
        boolean reservation,
        boolean parkAndRide) {

    public enum End {
        PARKED,
        GAVE_UP,
        STILL_DRIVING
    }
}
