package city.parkgrid.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import city.parkgrid.StorageUnavailableException;
import city.parkgrid.access.Principal;
import city.parkgrid.access.Role;
import city.parkgrid.catalog.memory.InMemoryGeographyStore;
import city.parkgrid.dataset.DataSet;
import city.parkgrid.dataset.GeoJsonDataSetReader;
import city.parkgrid.lots.Lot;
import city.parkgrid.lots.LotEdit;
import city.parkgrid.occupancy.LotOccupancy;
import city.parkgrid.occupancy.OccupancyService;
import city.parkgrid.occupancy.OccupancySettings;
import city.parkgrid.occupancy.OccupancyStore;
import city.parkgrid.occupancy.memory.InMemoryOccupancyStore;
import city.parkgrid.zones.Zone;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A lot write touches the catalog (PostgreSQL in serve) and live occupancy (Redis): with either
 * failing, the write is refused and neither has changed (issue 18, defect 3).
 */
class CatalogChangesAllOrNothingTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-05-04T02:00:00Z"), ZoneOffset.UTC);
    private static final Principal OPERATOR = new Principal(Role.OPERATOR, "op-wanda");
    private static final LotEdit RESIZE = new LotEdit(Set.of("capacity"), null, null, null, null, null, 1600, null);

    private final InMemoryOccupancyStore liveStore = new InMemoryOccupancyStore(OccupancySettings.DEFAULTS);
    private boolean redisDown;
    private boolean postgresDown;
    private InMemoryGeographyStore catalogStore;
    private Geography geography;
    private CatalogChanges changes;

    @BeforeEach
    void wire() {
        DataSet data = GeoJsonDataSetReader.wujiaochang();
        catalogStore = new InMemoryGeographyStore(data);
        geography = new Geography(data);
        OccupancyService occupancy = new OccupancyService(failingWhenDown(liveStore), OccupancySettings.DEFAULTS);
        changes = new CatalogChanges(geography, new FailingCatalog(), occupancy, CLOCK);
        changes.reload();
    }

    @Test
    void redisDownLeavesTheCatalogAndTheNodeUnchanged() {
        redisDown = true;
        assertThatThrownBy(() -> changes.putLot(OPERATOR, "wanda-plaza", RESIZE))
                .hasRootCauseInstanceOf(StorageUnavailableException.class);
        redisDown = false;
        assertThat(capacityInCatalog()).isEqualTo(1500);
        assertThat(geography.findLot("wanda-plaza").orElseThrow().capacity()).isEqualTo(1500);
        assertThat(liveCapacity()).isEqualTo(1500);
    }

    @Test
    void postgresDownPutsTheLiveCapacityBack() {
        postgresDown = true;
        assertThatThrownBy(() -> changes.putLot(OPERATOR, "wanda-plaza", RESIZE))
                .isInstanceOf(StorageUnavailableException.class);
        postgresDown = false;
        assertThat(capacityInCatalog()).isEqualTo(1500);
        assertThat(geography.findLot("wanda-plaza").orElseThrow().capacity()).isEqualTo(1500);
        assertThat(liveCapacity())
                .as("the registration made before the commit is undone")
                .isEqualTo(1500);
    }

    @Test
    void aUnitRedrawnWhileRedisIsDownIsNotCommitted() {
        Zone zone = catalogStore.load().zones().get(0);
        redisDown = true;
        assertThatThrownBy(() -> changes.putZone(new Zone(zone.id(), "改名", "Renamed", zone.area())))
                .hasRootCauseInstanceOf(StorageUnavailableException.class);
        assertThat(catalogStore.load().zones().get(0).nameEn()).isEqualTo(zone.nameEn());
    }

    @Test
    void bothUpChangesBoth() {
        CatalogChanges.RegisteredLot put = changes.putLot(OPERATOR, "wanda-plaza", RESIZE);
        assertThat(put.occupancy().capacity()).isEqualTo(1600);
        assertThat(capacityInCatalog()).isEqualTo(1600);
        assertThat(geography.findLot("wanda-plaza").orElseThrow().capacity()).isEqualTo(1600);
        assertThat(liveCapacity()).isEqualTo(1600);
    }

    private int capacityInCatalog() {
        return catalogStore.load().lots().stream()
                .filter(l -> l.id().equals("wanda-plaza"))
                .findFirst()
                .orElseThrow()
                .capacity();
    }

    private int liveCapacity() {
        return liveStore
                .findOccupancy("wanda-plaza")
                .toCompletableFuture()
                .join()
                .map(LotOccupancy::capacity)
                .orElseThrow();
    }

    /** The in-memory store, failing every call as Lettuce does while Redis is away. */
    private OccupancyStore failingWhenDown(OccupancyStore delegate) {
        return (OccupancyStore) Proxy.newProxyInstance(
                OccupancyStore.class.getClassLoader(), new Class<?>[] {OccupancyStore.class}, (proxy, method, args) -> {
                    if (redisDown) {
                        return CompletableFuture.failedFuture(new CompletionException(
                                new StorageUnavailableException("Redis", "cut by the test", null)));
                    }
                    return method.invoke(delegate, args);
                });
    }

    /** The in-memory catalog, refusing writes as PostgreSQL does while it is away. */
    private final class FailingCatalog implements GeographyStore {
        @Override
        public DataSet load() {
            return catalogStore.load();
        }

        @Override
        public boolean putZone(Zone zone) {
            check();
            return catalogStore.putZone(zone);
        }

        @Override
        public boolean putLot(Lot lot) {
            check();
            return catalogStore.putLot(lot);
        }

        @Override
        public ImportResult importDataSet(DataSet data) {
            check();
            return catalogStore.importDataSet(data);
        }

        private void check() {
            if (postgresDown) {
                throw new StorageUnavailableException("PostgreSQL", "cut by the test", null);
            }
        }
    }
}
