package city.parkgrid.zones.control.postgres;

import city.parkgrid.postgres.PostgresDatabase;
import city.parkgrid.testing.TestServices;
import city.parkgrid.zones.control.ZoneControlStore;
import city.parkgrid.zones.control.ZoneControlStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The zone-control contract against real PostgreSQL, so controls survive every node's restart. */
class PostgresZoneControlStoreIT extends ZoneControlStoreContract {

    private static PostgresDatabase database;

    @BeforeAll
    static void migrate() {
        database = TestServices.migratedDatabase(TestServices.uniqueSchema());
    }

    @AfterAll
    static void dropSchema() {
        TestServices.dropSchema(database);
        database.close();
    }

    @Override
    protected ZoneControlStore newStore() {
        return new PostgresZoneControlStore(database);
    }
}
