package city.parkgrid.regions.postgis;

import static org.assertj.core.api.Assertions.assertThat;

import city.parkgrid.catalog.postgis.PostgisGeographyStore;
import city.parkgrid.dataset.GeoJsonDataSetReader;
import city.parkgrid.postgres.PostgresDatabase;
import city.parkgrid.regions.PlateTakenException;
import city.parkgrid.regions.ResidentRegistry;
import city.parkgrid.regions.ResidentRegistryContract;
import city.parkgrid.testing.TestServices;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PostgisResidentRegistryIT extends ResidentRegistryContract {

    private PostgresDatabase database;

    @Override
    protected ResidentRegistry newRegistry() {
        database = TestServices.migratedDatabase(TestServices.uniqueSchema());
        new PostgisGeographyStore(database).importDataSet(GeoJsonDataSetReader.wujiaochang());
        return new PostgisResidentRegistry(database);
    }

    @AfterEach
    void dropSchema() {
        TestServices.dropSchema(database);
        database.close();
    }

    @Test
    void concurrentRegistrationsOfOnePlateLetExactlyOneWin() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> attempts = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                Callable<Boolean> attempt = () -> {
                    try {
                        registry.register("wjc-sub-square", Set.of("沪D40001"));
                        return true;
                    } catch (PlateTakenException e) {
                        return false;
                    }
                };
                attempts.add(pool.submit(attempt));
            }
            int won = 0;
            for (Future<Boolean> attempt : attempts) {
                won += attempt.get() ? 1 : 0;
            }
            assertThat(won).isEqualTo(1);
            assertThat(registry.countInCommunities(List.of("wjc-sub-square"))).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }
}
