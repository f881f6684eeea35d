package city.parkgrid.tariffs.postgres;

import city.parkgrid.catalog.postgis.PostgisGeographyStore;
import city.parkgrid.lots.Lot;
import city.parkgrid.postgres.PostgresDatabase;
import city.parkgrid.tariffs.TariffStore;
import city.parkgrid.tariffs.TariffStoreContract;
import city.parkgrid.testing.TestServices;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/** The tariff contract against real PostgreSQL, a fresh schema per test. */
class PostgresTariffStoreIT extends TariffStoreContract {

    private final List<PostgresDatabase> opened = new ArrayList<>();

    @Override
    protected TariffStore newStore(List<Lot> lots) {
        PostgresDatabase database = TestServices.migratedDatabase(TestServices.uniqueSchema());
        opened.add(database);
        PostgisGeographyStore geography = new PostgisGeographyStore(database);
        lots.forEach(geography::putLot);
        return new PostgresTariffStore(database);
    }

    @AfterEach
    void dropSchemas() {
        for (PostgresDatabase database : opened) {
            TestServices.dropSchema(database);
            database.close();
        }
    }
}
