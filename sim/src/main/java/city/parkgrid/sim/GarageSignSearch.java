package city.parkgrid.sim;

import city.parkgrid.lots.Lot;
import java.time.Instant;

/**
 * Per-garage guidance signs, as Shanghai's show them: each connected garage's free spaces, refreshed
 * every few minutes from the platform's (late) counts. A driver who follows them heads for the
 * garage nearest the destination whose sign does not read FULL and that they have not just found
 * full; with none, they search with no information. Kerbside spaces have no sign.
 */
final class GarageSignSearch implements SearchPolicy {

    @Override
    public void start(Simulation sim, Simulation.Driver driver, Instant now) {
        if (sim.gaveUpExhausted(driver, now)) {
            return;
        }
        int fullAtOrBelow = sim.scenario().garageSigns().fullBelowFree();
        for (Lot lot : sim.lotsNear(driver)) {
            Integer free = sim.sign(lot);
            if (free != null && free > fullAtOrBelow && !sim.remembersFull(driver, lot, now)) {
                sim.driveTo(driver, lot, now, full -> NoInformationSearch.retryAfterCheck(this, sim, driver, full));
                return;
            }
        }
        SearchPolicy.NO_INFORMATION.start(sim, driver, now);
    }
}
