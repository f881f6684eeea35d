package city.parkgrid.sim;

import city.parkgrid.lots.Lot;
import city.parkgrid.sim.platform.ParkingPlatform;
import java.time.Instant;

/**
 * ParkGrid: at trip start the driver asks for a space from their origin, giving the arrival they
 * expect (the platform ranks lots by their forecast then) and drives to the lot holding it. A hold
 * that lapsed before the driver reached the search radius is asked for again from there. With none
 * within walking distance, drive to the first alternative the platform names (park-and-ride first);
 * a lot found full on arrival (a lapsed hold, or an alternative without one) sends the driver to
 * search with no information.
 */
final class ParkGridSearch implements SearchPolicy {

    /** The request at trip start, made by every ParkGrid user (also those who will not follow it). */
    static void askAtTripStart(Simulation sim, Simulation.Driver driver, Instant now) {
        ParkingPlatform.AllocationAnswer answer = ask(sim, driver, driver.origin, driver.plannedArrival(), now);
        if (answer.allocation() != null) {
            sim.hold(driver, answer.allocation());
        }
    }

    private static ParkingPlatform.AllocationAnswer ask(
            Simulation sim, Simulation.Driver driver, city.parkgrid.geo.GeoPoint from, Instant arriveAt, Instant now) {
        return sim.platform()
                .allocate(
                        "sim-" + driver.id,
                        driver.plate,
                        driver.destination,
                        from,
                        arriveAt,
                        sim.scenario().maxWalkMetres(),
                        sim.scenario().holdMinutes(),
                        now);
    }

    @Override
    public void start(Simulation sim, Simulation.Driver driver, Instant now) {
        String lotId = driver.holdValidAt(
                        driver.holdLot == null ? null : sim.geography().getLot(driver.holdLot), now)
                ? driver.holdLot
                : null;
        if (lotId == null) {
            ParkingPlatform.AllocationAnswer answer = ask(
                    sim, driver, driver.position, now.plusMillis(Math.round(sim.directMinutes(driver) * 60_000)), now);
            if (answer.allocation() != null) {
                sim.hold(driver, answer.allocation());
                lotId = answer.allocation().lotId();
            } else if (!answer.alternativeLotIds().isEmpty()) {
                lotId = answer.alternativeLotIds().get(0);
            }
        }
        if (lotId == null) {
            SearchPolicy.NO_INFORMATION.start(sim, driver, now);
            return;
        }
        Lot lot = sim.geography().getLot(lotId);
        sim.driveTo(driver, lot, now, full -> SearchPolicy.NO_INFORMATION.start(sim, driver, sim.afterLotCheck(full)));
    }
}
