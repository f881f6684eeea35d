package city.parkgrid.sim;

import city.parkgrid.sim.platform.ParkingPlatform;
import java.util.List;
import java.util.Map;

/**
 * Everything one run measured.
 *
 * @param occupancy lot id → occupied cars at the start of each 15-minute bin of the day
 */
public record RunResult(
        String run,
        double adoptionShare,
        Scenario.Policy policy,
        List<DriverOutcome> drivers,
        Map<String, int[]> occupancy,
        Map<String, Integer> capacity,
        ParkingPlatform.HoldCounts holds) {}
