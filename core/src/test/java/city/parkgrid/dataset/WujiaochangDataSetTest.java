package city.parkgrid.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import city.parkgrid.catalog.GeoIndex;
import city.parkgrid.geo.GeoJsonGeometries;
import city.parkgrid.lots.Lot;
import city.parkgrid.lots.LotKind;
import city.parkgrid.regions.Region;
import city.parkgrid.regions.RegionLevel;
import city.parkgrid.zones.Zone;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;

/** The shipped data set holds what dev mode, the tests and the simulator rely on. */
class WujiaochangDataSetTest {

    /** As every node sees it: with each lot assigned the zone that contains its entrance. */
    private static final DataSet DATA =
            GeoIndex.of(GeoJsonDataSetReader.wujiaochang()).dataSet();

    private static final Map<String, Region> REGIONS =
            DATA.regions().stream().collect(Collectors.toMap(Region::id, Function.identity()));

    @Test
    void holdsTheHierarchyFromShanghaiDownToCommunities() {
        assertThat(REGIONS.get("shanghai").level()).isEqualTo(RegionLevel.CITY);
        assertThat(REGIONS.get("yangpu").parentId()).isEqualTo("shanghai");
        assertThat(REGIONS.values().stream()
                        .filter(r -> r.level() == RegionLevel.SUBDISTRICT)
                        .map(Region::id))
                .contains("wujiaochang-subdistrict", "wujiaochang-town", "yinhang", "xinjiangwancheng", "siping-road");
        for (Region region : DATA.regions()) {
            if (region.level() != RegionLevel.CITY) {
                Region parent = REGIONS.get(region.parentId());
                assertThat(parent).as("parent of %s", region.id()).isNotNull();
                assertThat(parent.level().ordinal()).isEqualTo(region.level().ordinal() - 1);
                assertThat(parent.area().covers(region.area()))
                        .as("%s covers %s", parent.id(), region.id())
                        .isTrue();
            }
        }
        for (Region subdistrict : levels(RegionLevel.SUBDISTRICT)) {
            assertThat(DATA.regions())
                    .filteredOn(r -> subdistrict.id().equals(r.parentId()))
                    .hasSizeGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void everyGeometryIsValid() {
        DATA.regions().forEach(r -> assertThat(r.area().isValid()).as(r.id()).isTrue());
        DATA.zones().forEach(z -> assertThat(z.area().isValid()).as(z.id()).isTrue());
    }

    @Test
    void siblingRegionsAndZonesDoNotOverlap() {
        List<Region> communities = levels(RegionLevel.COMMUNITY);
        for (int i = 0; i < communities.size(); i++) {
            for (int j = i + 1; j < communities.size(); j++) {
                Geometry overlap = communities
                        .get(i)
                        .area()
                        .intersection(communities.get(j).area());
                assertThat(overlap.getArea())
                        .as(
                                "%s ∩ %s",
                                communities.get(i).id(), communities.get(j).id())
                        .isZero();
            }
        }
        List<Zone> zones = DATA.zones();
        for (int i = 0; i < zones.size(); i++) {
            for (int j = i + 1; j < zones.size(); j++) {
                assertThat(zones.get(i).area().intersection(zones.get(j).area()).getArea())
                        .isZero();
            }
        }
    }

    @Test
    void hasTheWujiaochangUnitAroundTheFiveRoadJunctionAndNeighboursToDivertTo() {
        Zone wujiaochang = DATA.zones().stream()
                .filter(z -> z.id().equals("wujiaochang"))
                .findFirst()
                .orElseThrow();
        Point junction = GeoJsonGeometries.FACTORY.createPoint(new Coordinate(121.5140, 31.2995));
        assertThat(wujiaochang.area().contains(junction)).isTrue();
        assertThat(DATA.zones()).hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void hasThirtyOrMoreLotsEachInOneUnitAndOneCommunity() {
        assertThat(DATA.lots()).hasSizeGreaterThanOrEqualTo(30);
        List<Region> communities = levels(RegionLevel.COMMUNITY);
        for (Lot lot : DATA.lots()) {
            assertThat(lot.zoneId()).as("zone of %s", lot.id()).isNotNull();
            Point entrance = GeoJsonGeometries.toPoint(lot.entrance());
            assertThat(communities.stream()
                            .filter(c -> c.area().contains(entrance))
                            .count())
                    .as("communities containing %s", lot.id())
                    .isEqualTo(1);
            assertThat(lot.capacity()).isPositive();
        }
        assertThat(DATA.lots().stream()
                        .filter(l -> "wujiaochang".equals(l.zoneId()))
                        .count())
                .isGreaterThanOrEqualTo(20);
        assertThat(DATA.lots().stream().map(Lot::kind).distinct()).contains(LotKind.values());
        assertThat(DATA.lots())
                .filteredOn(l -> l.kind() == LotKind.PARK_AND_RIDE && !"wujiaochang".equals(l.zoneId()))
                .isNotEmpty();
    }

    @Test
    void severalOperatorsRunSeveralLotsEach() {
        Map<String, Long> lotsPerOperator =
                DATA.lots().stream().collect(Collectors.groupingBy(Lot::operatorId, Collectors.counting()));
        assertThat(lotsPerOperator).hasSizeGreaterThanOrEqualTo(4);
        assertThat(lotsPerOperator.values()).allMatch(n -> n >= 2);
    }

    private static List<Region> levels(RegionLevel level) {
        return DATA.regions().stream().filter(r -> r.level() == level).toList();
    }
}
