package city.parkgrid.sim;

/**
 * How one simulated driver's search ended.
 *
 * @param searchMinutes from arriving near the destination to parked (or to giving up)
 * @param cruisingMetres driven while searching
 * @param walkingMetres from the lot to the destination (0 unless parked)
 * @param fullLotsFound lots the driver drove to and found full
 */
public record DriverOutcome(
        long driverId,
        boolean adopter,
        String kind,
        int arrivalMinute,
        End end,
        double searchMinutes,
        double cruisingMetres,
        double walkingMetres,
        String lotId,
        int fullLotsFound) {

    public enum End {
        PARKED,
        GAVE_UP,
        STILL_DRIVING
    }
}
