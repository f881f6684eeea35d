package city.parkgrid.sim;

import city.parkgrid.lots.Lot;
import java.time.Instant;

/**
 * No information, as SUMO's parking rerouting with memory: drive to the lot nearest the destination
 * among those the driver knows (a share of the lots in the radius, and those near enough to see);
 * a lot found full is avoided for the scenario's memory time, then may be tried again; with no
 * known lot left, circle the block (seeing further each time); give up after the scenario's limit
 * of full lots or minutes and leave the district.
 */
final class NoInformationSearch implements SearchPolicy {

    @Override
    public void start(Simulation sim, Simulation.Driver driver, Instant now) {
        if (sim.gaveUpExhausted(driver, now)) {
            return;
        }
        for (Lot lot : sim.lotsNear(driver)) {
            if (sim.knows(driver, lot) && !sim.remembersFull(driver, lot, now)) {
                sim.driveTo(driver, lot, now, full -> retryAfterCheck(this, sim, driver, full));
                return;
            }
        }
        sim.circle(driver, now, back -> start(sim, driver, back));
    }

    /** After finding a lot full: the time lost there, then the policy chooses again. */
    static void retryAfterCheck(SearchPolicy policy, Simulation sim, Simulation.Driver driver, Instant full) {
        Instant checked = sim.afterLotCheck(full);
        sim.later(checked, () -> policy.start(sim, driver, checked));
    }
}
