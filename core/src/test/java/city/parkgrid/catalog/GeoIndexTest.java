package city.parkgrid.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import city.parkgrid.dataset.DataSet;
import city.parkgrid.dataset.GeoJsonDataSetReader;
import city.parkgrid.geo.GeoPoint;
import city.parkgrid.lots.Lot;
import city.parkgrid.lots.NearbyLot;
import city.parkgrid.regions.Region;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GeoIndexTest {

    private static final GeoIndex INDEX = GeoIndex.of(GeoJsonDataSetReader.wujiaochang());

    private static List<String> chainIds(GeoPoint point) {
        return INDEX.locate(point).stream().map(Region::id).toList();
    }

    @Test
    void locatesTheFiveRoadJunctionFromTheCityDownToItsCommunity() {
        assertThat(chainIds(GeoPoint.of(31.2995, 121.5140)))
                .containsExactly("shanghai", "yangpu", "wujiaochang-subdistrict", "wjc-sub-square");
    }

    @Test
    void aPointOnTheBoundaryOfTwoCommunitiesBelongsToTheOneWithTheSmallerId() {
        // wjc-sub-guoquan (south) and wjc-sub-guoding (north) share the parallel 31.3000 N
        assertThat(chainIds(GeoPoint.of(31.3000, 121.4950)))
                .containsExactly("shanghai", "yangpu", "wujiaochang-subdistrict", "wjc-sub-guoding");
        // siping-road/sp-tongji (south) and wujiaochang-subdistrict/wjc-sub-guoquan share 31.2905 N:
        // the community decides, and its ancestry follows
        assertThat(chainIds(GeoPoint.of(31.2905, 121.4950)))
                .containsExactly("shanghai", "yangpu", "siping-road", "sp-tongji");
    }

    @Test
    void aPointInTheCityButOutsideEveryDistrictHasAChainOfOneAndOutsideTheCityNone() {
        assertThat(chainIds(GeoPoint.of(31.20, 121.30))).containsExactly("shanghai");
        assertThat(chainIds(GeoPoint.of(39.90, 116.40))).isEmpty();
    }

    @Test
    void everyLotGetsTheZoneContainingItsEntrance() {
        Lot wanda = INDEX.findLot("wanda-plaza").orElseThrow();
        assertThat(wanda.zoneId()).isEqualTo("wujiaochang");
        assertThat(INDEX.findLot("tongji-siping").orElseThrow().zoneId()).isEqualTo("siping-tongji");
        assertThat(INDEX.listLots()).allMatch(l -> l.zoneId() != null);
    }

    @Test
    void redrawingAUnitReassignsTheLotsInside() {
        DataSet data = GeoJsonDataSetReader.wujiaochang();
        DataSet withoutWujiaochang = new DataSet(
                data.regions(),
                data.zones().stream().filter(z -> !z.id().equals("wujiaochang")).toList(),
                data.lots());
        assertThat(GeoIndex.of(withoutWujiaochang)
                        .findLot("wanda-plaza")
                        .orElseThrow()
                        .zoneId())
                .isNull();
    }

    @Test
    void nearestLotsMatchABruteForceScanForRandomPoints() {
        Random random = new Random(7);
        for (int i = 0; i < 300; i++) {
            GeoPoint p = GeoPoint.of(31.27 + random.nextDouble() * 0.08, 121.48 + random.nextDouble() * 0.08);
            double radius = 200 + random.nextDouble() * 1_500;
            List<String> expected = INDEX.listLots().stream()
                    .map(l -> new NearbyLot(l, p.metresTo(l.entrance())))
                    .filter(n -> n.distanceMetres() <= radius)
                    .sorted(Comparator.comparingDouble(NearbyLot::distanceMetres)
                            .thenComparing(n -> n.lot().id()))
                    .map(n -> n.lot().id())
                    .toList();
            assertThat(INDEX.lotsNear(p, radius).stream().map(n -> n.lot().id()).toList())
                    .as("lots within %.0f m of %s", radius, p)
                    .isEqualTo(expected);
        }
    }

    @Test
    void lotsWithinARegionAreThoseWhoseEntranceItCovers() {
        Region subdistrict = INDEX.findRegion("wujiaochang-subdistrict").orElseThrow();
        List<Lot> inside = INDEX.lotsWithin(subdistrict.area());
        assertThat(inside)
                .extracting(Lot::id)
                .contains("wanda-plaza", "fudan-handan")
                .doesNotContain("tongji-siping");
        assertThat(inside).allMatch(l -> INDEX.locate(l.entrance()).contains(subdistrict));
    }
}
