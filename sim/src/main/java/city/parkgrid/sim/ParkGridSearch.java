package city.parkgrid.sim;

import city.parkgrid.sim.platform.ParkingPlatform;
import java.time.Instant;

/**
 * ParkGrid: ask for an allocation for the destination and drive to the lot holding the space. With
 * none within walking distance, drive to the first alternative the platform names (park-and-ride
 * first); should that be full on arrival, fall back to searching with no information.
 */
final class ParkGridSearch implements SearchPolicy {

    @Override
    public void start(Simulation sim, Simulation.Driver driver, Instant now) {
        ParkingPlatform.AllocationAnswer answer = sim.platform()
                .allocate(
                        "sim-" + driver.id,
                        driver.plate,
                        driver.destination,
                        sim.scenario().maxWalkMetres(),
                        sim.scenario().holdMinutes(),
                        now);
        String lotId = answer.allocation() != null
                ? answer.allocation().lotId()
                : answer.alternativeLotIds().isEmpty()
                        ? null
                        : answer.alternativeLotIds().get(0);
        if (lotId == null) {
            SearchPolicy.NO_INFORMATION.start(sim, driver, now);
            return;
        }
        if (answer.allocation() != null) {
            driver.holdLot = lotId;
        }
        sim.driveTo(
                driver,
                sim.geography().getLot(lotId),
                now,
                full -> SearchPolicy.NO_INFORMATION.start(sim, driver, sim.afterLotCheck(full)));
    }
}
