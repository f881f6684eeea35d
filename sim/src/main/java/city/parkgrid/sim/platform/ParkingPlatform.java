package city.parkgrid.sim.platform;

import city.parkgrid.geo.GeoPoint;
import java.time.Instant;
import java.util.List;

/**
 * What the simulated drivers and gates ask of ParkGrid. Implemented in process on simulated time
 * ({@link InProcessPlatform}, the platform's own services) or against a running server over HTTP
 * ({@link HttpPlatform}).
 */
public interface ParkingPlatform {

    /** A space held for a driver, in a lot this far from the destination. */
    record Allocation(String holdId, String lotId, double walkMetres) {}

    /** A held space, or where else to go (park-and-ride first). */
    record AllocationAnswer(Allocation allocation, List<String> alternativeLotIds) {}

    AllocationAnswer allocate(
            String driverId, String plate, GeoPoint destination, double maxWalkMetres, int holdMinutes, Instant now);

    /** Whether a driver without a hold can drive in now (free spaces exclude those held for others). */
    boolean hasFreeSpace(String lotId);

    /** The unit's total free spaces, as a zone-level sign shows them. */
    int zoneFree(String zoneId);

    /** A gate reports a car in or out. */
    void gate(String lotId, String eventId, boolean entry, String plate, Instant at);

    /** Cars already parked when the day starts (overnight), as a counting sensor reports them. */
    void fill(String lotId, int cars, Instant at);

    /** Lets the platform's periodic work (hold expiry) run at this time. */
    void tick(Instant now);

    /** Cars inside the lot now (for the occupancy series). */
    int occupied(String lotId);

    /** Holds granted, fulfilled and expired so far. */
    HoldCounts holdCounts();

    record HoldCounts(int granted, int fulfilled, int expired) {}
}
