package city.parkgrid.sim;

import city.parkgrid.lots.Lot;
import java.time.Instant;
import java.util.List;

/**
 * No information: drive to the lot nearest the destination; if it is full, drive on to the nearest
 * lot not yet tried (remembering the full ones, as SUMO's parking memory does); give up after the
 * scenario's limit of lots or minutes and leave the district.
 */
final class NoInformationSearch implements SearchPolicy {

    @Override
    public void start(Simulation sim, Simulation.Driver driver, Instant now) {
        if (sim.exhausted(driver, now)) {
            sim.giveUp(driver, now);
            return;
        }
        List<Lot> untried = sim.untriedLotsNear(driver);
        if (untried.isEmpty()) {
            sim.giveUp(driver, now);
            return;
        }
        sim.driveTo(
                driver,
                untried.get(0),
                now,
                full -> sim.later(sim.afterLotCheck(full), () -> start(sim, driver, sim.afterLotCheck(full))));
    }
}
