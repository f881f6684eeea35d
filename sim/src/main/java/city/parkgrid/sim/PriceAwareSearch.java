package city.parkgrid.sim;

import city.parkgrid.lots.Lot;
import java.time.Instant;

/**
 * No information about free spaces, but prices known (posted at entrances): among the lots the
 * driver knows and does not remember full, drive to the one of least generalized cost (price of
 * the stay + value of driving and walking time); otherwise as {@link NoInformationSearch}.
 */
final class PriceAwareSearch implements SearchPolicy {

    @Override
    public void start(Simulation sim, Simulation.Driver driver, Instant now) {
        if (sim.gaveUpExhausted(driver, now)) {
            return;
        }
        LotRates rates = sim.rates();
        ValueOfTime vot = sim.valueOfTime();
        Lot best = null;
        double bestCost = Double.POSITIVE_INFINITY;
        for (Lot lot : sim.lotsNear(driver)) {
            if (!sim.knows(driver, lot) || sim.remembersFull(driver, lot, now)) {
                continue;
            }
            double cost = vot.cost(
                    rates.feeFen(lot.id(), now, driver.stay),
                    sim.drivingMinutes(driver, lot),
                    sim.walkingMinutes(driver, lot),
                    driver.valueOfTimeFenPerMinute());
            if (cost < bestCost) {
                best = lot;
                bestCost = cost;
            }
        }
        if (best == null) {
            sim.circle(driver, now, back -> start(sim, driver, back));
            return;
        }
        sim.driveTo(driver, best, now, full -> NoInformationSearch.retryAfterCheck(this, sim, driver, full));
    }
}
