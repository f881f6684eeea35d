package city.parkgrid.api.testing;

import city.parkgrid.api.config.ParkGridConfig;
import city.parkgrid.catalog.postgis.PostgisGeographyStore;
import city.parkgrid.dataset.GeoJsonDataSetReader;
import city.parkgrid.postgres.PostgresDatabase;
import city.parkgrid.testing.TestServices;
import java.util.List;

/**
 * What {@code serve} nodes under test share: a fresh PostGIS schema holding the Wujiaochang data
 * set, a fresh Redis key prefix, and credentials. Closing it drops the schema.
 */
public final class ServeFixture implements AutoCloseable {

    private final PostgresDatabase database;
    private final ParkGridConfig config;

    public ServeFixture(List<ParkGridConfig.Credential> credentials) {
        String schema = TestServices.uniqueSchema();
        this.database = TestServices.migratedDatabase(schema);
        new PostgisGeographyStore(database).importDataSet(GeoJsonDataSetReader.wujiaochang());
        ParkGridConfig defaults = ParkGridConfig.defaults();
        this.config = new ParkGridConfig(
                defaults.http(),
                new ParkGridConfig.Redis(
                        TestServices.redisUri(),
                        TestServices.uniquePrefix(),
                        defaults.redis().timeout()),
                new ParkGridConfig.Postgres(TestServices.postgresUrl(), null, null, schema, 4, null, null),
                defaults.occupancy(),
                defaults.allocation(),
                defaults.accounts(),
                defaults.cluster(),
                defaults.history(),
                null,
                credentials,
                defaults.ngsiLd());
    }

    public ParkGridConfig config() {
        return config;
    }

    public PostgresDatabase database() {
        return database;
    }

    @Override
    public void close() {
        TestServices.deleteKeys(config.redis().keyPrefix());
        TestServices.dropSchema(database);
        database.close();
    }
}
