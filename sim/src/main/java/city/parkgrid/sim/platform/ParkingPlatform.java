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

    /** A space held for a driver until {@code expiresAt}, in a lot this far from the destination. */
    record Allocation(String holdId, String lotId, double walkMetres, Instant expiresAt) {}

    /** A held space, or where else to go (park-and-ride first). */
    record AllocationAnswer(Allocation allocation, List<String> alternativeLotIds) {}

    /**
     * Asks for a space for a driver at {@code origin} who expects to reach {@code destination} at
     * {@code arriveAt} (the platform ranks lots by their forecast at that time).
     */
    AllocationAnswer allocate(
            String driverId,
            String plate,
            GeoPoint destination,
            GeoPoint origin,
            Instant arriveAt,
            double maxWalkMetres,
            int holdMinutes,
            Instant now);

    /** Free spaces in the lot as the platform knows them (excluding those held), as a garage's sign shows them. */
    int free(String lotId);

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
