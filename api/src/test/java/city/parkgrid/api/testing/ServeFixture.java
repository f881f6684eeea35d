package city.parkgrid.api.testing;

import city.parkgrid.api.config.ParkGridConfig;
import city.parkgrid.catalog.postgis.PostgisGeographyStore;
import city.parkgrid.dataset.GeoJsonDataSetReader;
import city.parkgrid.postgres.PostgresDatabase;
import city.parkgrid.testing.TestServices;
import city.parkgrid.testing.TestServices.RedisTopology;
import java.util.List;

/**
 * What {@code serve} nodes under test share: a fresh PostGIS schema holding the Wujiaochang data
 * set, a fresh Redis key prefix, and credentials. Closing it drops the schema.
 */
public final class ServeFixture implements AutoCloseable {

    private final PostgresDatabase database;
    private final ParkGridConfig config;

    public ServeFixture(List<ParkGridConfig.Credential> credentials) {
        this(credentials, RedisTopology.STANDALONE);
    }

    /** The same, its nodes on the standalone Redis or on the Redis Cluster. */
    public ServeFixture(List<ParkGridConfig.Credential> credentials, RedisTopology redis) {
        TestServices.redis(redis); // fails loudly, naming the Redis, when it is missing
        String schema = TestServices.uniqueSchema();
        this.database = TestServices.migratedDatabase(schema);
        new PostgisGeographyStore(database).importDataSet(GeoJsonDataSetReader.wujiaochang());
        ParkGridConfig defaults = ParkGridConfig.defaults();
        this.config = new ParkGridConfig(
                defaults.http(),
                new ParkGridConfig.Redis(
                        TestServices.redisUri(),
                        redis == RedisTopology.CLUSTER ? TestServices.redisClusterSeeds() : List.of(),
                        TestServices.uniquePrefix(),
                        defaults.redis().timeout(),
                        defaults.redis().replicaAck()),
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
