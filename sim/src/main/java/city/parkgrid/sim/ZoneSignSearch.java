package city.parkgrid.sim;

import city.parkgrid.lots.Lot;
import java.time.Instant;

/**
 * Zone-level signs that show only the unit's total of free spaces: below the scenario's threshold
 * the sign reads FULL and the driver heads for the nearest park-and-ride outside the unit;
 * otherwise they search with no information, as before.
 */
final class ZoneSignSearch implements SearchPolicy {

    @Override
    public void start(Simulation sim, Simulation.Driver driver, Instant now) {
        if (sim.platform().zoneFree(sim.scenario().zone())
                >= sim.scenario().zoneSigns().divertBelowFree()) {
            SearchPolicy.NO_INFORMATION.start(sim, driver, now);
            return;
        }
        Lot parkAndRide = sim.nearestParkAndRideOutside(driver);
        if (parkAndRide == null) {
            SearchPolicy.NO_INFORMATION.start(sim, driver, now);
            return;
        }
        sim.driveTo(
                driver,
                parkAndRide,
                now,
                full -> SearchPolicy.NO_INFORMATION.start(sim, driver, sim.afterLotCheck(full)));
    }
}
