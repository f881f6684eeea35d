package city.parkgrid.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import city.parkgrid.dataset.DataSet;
import city.parkgrid.dataset.GeoJsonDataSetReader;
import city.parkgrid.geo.GeoJsonGeometries;
import city.parkgrid.geo.GeoPoint;
import city.parkgrid.lots.ExternalIdTakenException;
import city.parkgrid.lots.Lot;
import city.parkgrid.lots.LotKind;
import city.parkgrid.regions.Region;
import city.parkgrid.zones.Zone;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;

/** What every {@link GeographyStore} must do; run in memory and against real PostGIS. */
public abstract class GeographyStoreContract {

    protected static final DataSet WUJIAOCHANG = GeoJsonDataSetReader.wujiaochang();

    protected GeographyStore store;

    /** A store already holding the Wujiaochang data set. */
    protected abstract GeographyStore newStoreWithWujiaochang();

    @BeforeEach
    void createStore() {
        store = newStoreWithWujiaochang();
    }

    @Test
    void loadsWhatWasImported() {
        DataSet loaded = store.load();
        assertThat(loaded.regions())
                .extracting(Region::id)
                .containsExactlyInAnyOrderElementsOf(
                        WUJIAOCHANG.regions().stream().map(Region::id).toList());
        assertThat(loaded.zones()).hasSameSizeAs(WUJIAOCHANG.zones());
        assertThat(loaded.lots()).hasSameSizeAs(WUJIAOCHANG.lots());
        Lot original = WUJIAOCHANG.lots().stream()
                .filter(l -> l.id().equals("wanda-plaza"))
                .findFirst()
                .orElseThrow();
        Lot wanda = loaded.lots().stream()
                .filter(l -> l.id().equals("wanda-plaza"))
                .findFirst()
                .orElseThrow();
        assertThat(wanda.equalsAllFields(original)).isTrue();
        Zone zone = loaded.zones().stream()
                .filter(z -> z.id().equals("wujiaochang"))
                .findFirst()
                .orElseThrow();
        Zone originalZone = WUJIAOCHANG.zones().stream()
                .filter(z -> z.id().equals("wujiaochang"))
                .findFirst()
                .orElseThrow();
        assertThat(zone.area().equalsTopo(originalZone.area())).isTrue();
    }

    @Test
    void importingTheSameDataTwiceChangesNothingTheSecondTime() {
        GeographyStore.ImportResult again = store.importDataSet(WUJIAOCHANG);
        int features = WUJIAOCHANG.regions().size()
                + WUJIAOCHANG.zones().size()
                + WUJIAOCHANG.lots().size();
        assertThat(again).isEqualTo(new GeographyStore.ImportResult(0, 0, features));
    }

    @Test
    void importUpdatesWhatChangedAndInsertsWhatIsNew() {
        List<Lot> lots = WUJIAOCHANG.lots().stream()
                .map(l -> l.id().equals("wanda-plaza") ? withCapacity(l, 1_600) : l)
                .toList();
        Lot extra = new Lot(
                "new-lot",
                "新停车场",
                "New Car Park",
                "op-wanda",
                null,
                LotKind.OFFICE,
                GeoPoint.of(31.3001, 121.5101),
                80);
        List<Lot> changed = new ArrayList<>(lots);
        changed.add(extra);
        GeographyStore.ImportResult result =
                store.importDataSet(new DataSet(WUJIAOCHANG.regions(), WUJIAOCHANG.zones(), changed));
        assertThat(result.inserted()).isEqualTo(1);
        assertThat(result.updated()).isEqualTo(1);
        assertThat(store.load().lots()).anyMatch(l -> l.id().equals("wanda-plaza") && l.capacity() == 1_600);
    }

    @Test
    void putZoneCreatesThenReplaces() {
        Zone fresh = new Zone("test-unit", "测试单元", "Test unit", square(121.500, 31.300, 0.002));
        assertThat(store.putZone(fresh)).isTrue();
        Zone moved = new Zone("test-unit", "测试单元", "Test unit, moved", square(121.510, 31.300, 0.002));
        assertThat(store.putZone(moved)).isFalse();
        Zone loaded = store.load().zones().stream()
                .filter(z -> z.id().equals("test-unit"))
                .findFirst()
                .orElseThrow();
        assertThat(loaded.nameEn()).isEqualTo("Test unit, moved");
        assertThat(loaded.area().equalsTopo(moved.area())).isTrue();
    }

    @Test
    void putLotCreatesThenReplaces() {
        Lot lot = new Lot(
                "pop-up",
                "临时停车场",
                "Pop-up car park",
                "op-yangpu-pt",
                null,
                LotKind.ON_STREET,
                GeoPoint.of(31.301, 121.513),
                20);
        assertThat(store.putLot(lot)).isTrue();
        assertThat(store.putLot(withCapacity(lot, 25))).isFalse();
        assertThat(store.load().lots())
                .filteredOn(l -> l.id().equals("pop-up"))
                .singleElement()
                .satisfies(l -> assertThat(l.capacity()).isEqualTo(25));
    }

    @Test
    void externalIdsAreStoredReplacedAndCleared() {
        Lot wanda = lot("wanda-plaza");
        assertThat(store.putLot(wanda.withExternalIds(Map.of("datex2", "NL-12_408", "ndw", "408"))))
                .isFalse();
        assertThat(lot("wanda-plaza").externalIds()).isEqualTo(Map.of("datex2", "NL-12_408", "ndw", "408"));
        store.putLot(wanda.withExternalIds(Map.of("datex2", "NL-12_409")));
        assertThat(lot("wanda-plaza").externalIds()).isEqualTo(Map.of("datex2", "NL-12_409"));
        store.putLot(wanda.withExternalIds(Map.of()));
        assertThat(lot("wanda-plaza").externalIds()).isEmpty();
    }

    @Test
    void anExternalIdNamesOneLotPerScheme() {
        store.putLot(lot("wanda-plaza").withExternalIds(Map.of("datex2", "NL-12_408")));
        Lot hopson = lot("hopson-one");
        assertThatThrownBy(() -> store.putLot(hopson.withExternalIds(Map.of("datex2", "NL-12_408"))))
                .isInstanceOf(ExternalIdTakenException.class)
                .hasMessageContaining("NL-12_408")
                .hasMessageContaining("wanda-plaza")
                .satisfies(
                        e -> assertThat(((ExternalIdTakenException) e).field()).isEqualTo("externalIds.datex2"));
        assertThat(lot("hopson-one").externalIds())
                .as("a refused write changes nothing")
                .isEmpty();
        // the same id in another scheme, and the holder keeping its own, are no conflict
        store.putLot(hopson.withExternalIds(Map.of("ndw", "NL-12_408")));
        store.putLot(lot("wanda-plaza").withExternalIds(Map.of("datex2", "NL-12_408")));
        assertThat(lot("hopson-one").externalIds()).isEqualTo(Map.of("ndw", "NL-12_408"));
    }

    @Test
    void importingExternalIdsCountsTheirChangeAndTheSameImportTwiceChangesNothing() {
        List<Lot> lots = WUJIAOCHANG.lots().stream()
                .map(l -> l.id().equals("wanda-plaza") ? l.withExternalIds(Map.of("datex2", "NL-12_408")) : l)
                .toList();
        DataSet data = new DataSet(WUJIAOCHANG.regions(), WUJIAOCHANG.zones(), lots);
        assertThat(store.importDataSet(data).updated()).isEqualTo(1);
        assertThat(store.importDataSet(data).changed()).isZero();
        assertThat(lot("wanda-plaza").externalIds()).isEqualTo(Map.of("datex2", "NL-12_408"));
    }

    private Lot lot(String id) {
        return store.load().lots().stream()
                .filter(l -> l.id().equals(id))
                .findFirst()
                .orElseThrow();
    }

    protected static Lot withCapacity(Lot lot, int capacity) {
        return new Lot(
                lot.id(),
                lot.nameZh(),
                lot.nameEn(),
                lot.operatorId(),
                lot.zoneId(),
                lot.kind(),
                lot.entrance(),
                capacity);
    }

    protected static Geometry square(double lon, double lat, double half) {
        return GeoJsonGeometries.FACTORY.createMultiPolygon(new Polygon[] {
            GeoJsonGeometries.FACTORY.createPolygon(new Coordinate[] {
                new Coordinate(lon - half, lat - half), new Coordinate(lon + half, lat - half),
                new Coordinate(lon + half, lat + half), new Coordinate(lon - half, lat + half),
                new Coordinate(lon - half, lat - half)
            })
        });
    }
}
