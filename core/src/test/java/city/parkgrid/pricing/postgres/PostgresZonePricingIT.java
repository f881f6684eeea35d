package city.parkgrid.pricing.postgres;

import city.parkgrid.accounts.postgres.PostgresAccountBook;
import city.parkgrid.accounts.postgres.PostgresPayerMemory;
import city.parkgrid.app.Settings;
import city.parkgrid.app.Stores;
import city.parkgrid.catalog.postgis.PostgisGeographyStore;
import city.parkgrid.dataset.DataSet;
import city.parkgrid.history.postgres.PostgresOccupancyHistoryStore;
import city.parkgrid.occupancy.memory.InMemoryOccupancyStore;
import city.parkgrid.postgres.PostgresDatabase;
import city.parkgrid.pricing.ZonePricingContract;
import city.parkgrid.regions.postgis.PostgisResidentRegistry;
import city.parkgrid.reservations.memory.InMemoryBookingStore;
import city.parkgrid.tariffs.postgres.PostgresTariffStore;
import city.parkgrid.testing.TestServices;
import city.parkgrid.zones.control.postgres.PostgresZoneControlStore;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/** The review, approval and piecewise settlement on PostgreSQL/PostGIS, a fresh schema per test. */
class PostgresZonePricingIT extends ZonePricingContract {

    private final List<PostgresDatabase> opened = new ArrayList<>();

    @Override
    protected Stores newStores(DataSet data) {
        PostgresDatabase database = TestServices.migratedDatabase(TestServices.uniqueSchema());
        opened.add(database);
        PostgisGeographyStore geography = new PostgisGeographyStore(database);
        geography.importDataSet(data);
        return new Stores(
                geography,
                new PostgisResidentRegistry(database),
                new InMemoryOccupancyStore(Settings.DEFAULTS.occupancy()),
                new PostgresAccountBook(database),
                new PostgresTariffStore(database),
                new PostgresPayerMemory(database),
                new PostgresZoneControlStore(database),
                new PostgresOccupancyHistoryStore(database),
                new PostgresPricingStore(database),
                new InMemoryBookingStore());
    }

    @AfterEach
    void dropSchemas() {
        for (PostgresDatabase database : opened) {
            TestServices.dropSchema(database);
            database.close();
        }
    }
}
