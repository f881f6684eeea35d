package city.parkgrid.sim;

import java.time.Instant;

/** How a driver looks for a space once near the destination. Each policy is a small class. */
interface SearchPolicy {

    void start(Simulation sim, Simulation.Driver driver, Instant now);

    SearchPolicy NO_INFORMATION = new NoInformationSearch();

    SearchPolicy PRICE_AWARE = new PriceAwareSearch();

    static SearchPolicy of(Scenario.Policy policy) {
        return switch (policy) {
            case PARKGRID -> new ParkGridSearch();
            case GARAGE_SIGNS -> new GarageSignSearch();
        };
    }
}
