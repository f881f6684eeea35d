package city.parkgrid.postgres;

import city.parkgrid.InputRulesContract;
import city.parkgrid.accounts.AccountBook;
import city.parkgrid.accounts.postgres.PostgresAccountBook;
import city.parkgrid.catalog.GeographyStore;
import city.parkgrid.catalog.postgis.PostgisGeographyStore;
import city.parkgrid.testing.TestServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The input rules against real PostgreSQL, which cannot hold NUL in text. */
class PostgresInputRulesIT extends InputRulesContract {

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
    protected AccountBook newBook() {
        return new PostgresAccountBook(database);
    }

    @Override
    protected GeographyStore newGeography() {
        return new PostgisGeographyStore(database);
    }
}
