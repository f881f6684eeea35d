package city.parkgrid.catalog.postgis;

import static org.assertj.core.api.Assertions.assertThat;

import city.parkgrid.catalog.GeographyStore;
import city.parkgrid.catalog.GeographyStoreContract;
import city.parkgrid.postgres.PostgresDatabase;
import city.parkgrid.testing.TestServices;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PostgisGeographyStoreIT extends GeographyStoreContract {

    private PostgresDatabase database;

    @Override
    protected GeographyStore newStoreWithWujiaochang() {
        database = TestServices.migratedDatabase(TestServices.uniqueSchema());
        PostgisGeographyStore store = new PostgisGeographyStore(database);
        store.importDataSet(WUJIAOCHANG);
        return store;
    }

    @AfterEach
    void dropSchema() {
        TestServices.dropSchema(database);
        database.close();
    }

    @Test
    void migratingAgainAppliesNothing() {
        assertThat(database.migrate()).isZero();
    }

    @Test
    void theBureausGisToolsSeeEachLotsZoneInTheLotZonesView() throws Exception {
        try (Connection c = database.dataSource().getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT zone_id FROM lot_zones WHERE lot_id = 'wanda-plaza'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("wujiaochang");
        }
    }
}
