package city.parkgrid.app.memory;

import city.parkgrid.accounts.memory.InMemoryAccountBook;
import city.parkgrid.accounts.simulated.InMemoryPayerMemory;
import city.parkgrid.app.Stores;
import city.parkgrid.catalog.memory.InMemoryGeographyStore;
import city.parkgrid.dataset.DataSet;
import city.parkgrid.history.memory.InMemoryOccupancyHistoryStore;
import city.parkgrid.occupancy.OccupancySettings;
import city.parkgrid.occupancy.memory.InMemoryOccupancyStore;
import city.parkgrid.pricing.memory.InMemoryPricingStore;
import city.parkgrid.regions.memory.InMemoryResidentRegistry;
import city.parkgrid.reservations.memory.InMemoryBookingStore;
import city.parkgrid.tariffs.memory.InMemoryTariffStore;
import city.parkgrid.zones.control.memory.InMemoryZoneControlStore;

/**
 * Every store in this JVM, seeded with a data set: for {@code dev}, fast tests and the simulator.
 * Each passes the same contract tests as its Redis or PostgreSQL counterpart; nothing persists.
 */
public final class EmbeddedStores {

    private EmbeddedStores() {}

    public static Stores of(DataSet dataSet, OccupancySettings occupancy) {
        return new Stores(
                new InMemoryGeographyStore(dataSet),
                new InMemoryResidentRegistry(),
                new InMemoryOccupancyStore(occupancy),
                new InMemoryAccountBook(),
                new InMemoryTariffStore(),
                new InMemoryPayerMemory(),
                new InMemoryZoneControlStore(),
                new InMemoryOccupancyHistoryStore(),
                new InMemoryPricingStore(),
                new InMemoryBookingStore());
    }
}
