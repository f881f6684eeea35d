package city.parkgrid.sim;

import java.util.List;
import java.util.Map;

/**
 * Everything one run (one policy, one adoption share, one seed) measured.
 *
 * @param occupancy lot id → cars inside (the true count) at the start of each 15-minute bin of the day
 * @param overflow lot id → cars with a valid hold let in beyond capacity (lots with none are absent)
 */
public record RunResult(
        String run,
        long seed,
        double adoptionShare,
        Scenario.Policy policy,
        List<DriverOutcome> drivers,
        Map<String, int[]> occupancy,
        Map<String, Integer> capacity,
        Map<String, Integer> overflow,
        Holds holds) {

    /**
     * @param granted holds the platform granted (to drivers and to no-show requests)
     * @param fulfilled holds whose driver drove in while they stood
     * @param expired holds that lapsed
     * @param noShows of those granted, requests whose driver never came
     */
    public record Holds(int granted, int fulfilled, int expired, int noShows) {}
}
