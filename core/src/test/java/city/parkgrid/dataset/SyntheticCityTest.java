package city.parkgrid.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import city.parkgrid.catalog.GeoIndex;
import city.parkgrid.lots.Lot;
import city.parkgrid.lots.LotKind;
import city.parkgrid.regions.Region;
import city.parkgrid.regions.RegionLevel;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** {@code ./parkgrid generate-city}: a reproducible Shanghai of 4,500 lots in the documented mix. */
class SyntheticCityTest {

    private static final DataSet CITY = SyntheticCity.generate(SyntheticCity.SHANGHAI_LOTS, 16);

    @Test
    void theSameSeedWritesTheSameBytesAndAnotherSeedOtherLots() throws IOException {
        byte[] first = bytes(CITY);
        assertThat(bytes(SyntheticCity.generate(SyntheticCity.SHANGHAI_LOTS, 16)))
                .isEqualTo(first);
        assertThat(bytes(SyntheticCity.generate(SyntheticCity.SHANGHAI_LOTS, 17)))
                .isNotEqualTo(first);
    }

    @Test
    void holdsSixteenDistrictsTheirSubdistrictsCommunitiesAndOneUnitPerSubdistrict() {
        Map<RegionLevel, Long> levels =
                CITY.regions().stream().collect(Collectors.groupingBy(Region::level, Collectors.counting()));
        assertThat(levels)
                .containsEntry(RegionLevel.CITY, 1L)
                .containsEntry(RegionLevel.DISTRICT, 16L)
                .containsEntry(RegionLevel.SUBDISTRICT, 64L)
                .containsEntry(RegionLevel.COMMUNITY, 256L);
        Map<String, Region> byId = CITY.regions().stream().collect(Collectors.toMap(Region::id, Function.identity()));
        for (Region region : CITY.regions()) {
            if (region.level() != RegionLevel.CITY) {
                assertThat(byId.get(region.parentId()).area().covers(region.area()))
                        .as("%s covers %s", region.parentId(), region.id())
                        .isTrue();
            }
        }
        assertThat(CITY.zones()).hasSize(64);
    }

    @Test
    void totalsAbout950000SpacesInTheDocumentedMix() {
        assertThat(CITY.lots()).hasSize(4_500);
        Map<LotKind, Long> kinds =
                CITY.lots().stream().collect(Collectors.groupingBy(Lot::kind, Collectors.counting()));
        for (SyntheticCity.Share share : SyntheticCity.MIX) {
            assertThat(kinds.get(share.kind())).as("%s lots", share.kind()).isEqualTo(share.lotsPer4500());
            assertThat(CITY.lots())
                    .filteredOn(l -> l.kind() == share.kind())
                    .allSatisfy(l -> assertThat(l.capacity()).isBetween(share.minCapacity(), share.maxCapacity()));
        }
        double expected = SyntheticCity.MIX.stream()
                .mapToDouble(s -> s.lotsPer4500() * s.meanCapacity())
                .sum();
        assertThat(expected).isEqualTo(950_000.0);
        assertThat(CITY.lots().stream().mapToInt(Lot::capacity).sum()).isBetween(949_000, 951_000);
        assertThat(SyntheticCity.generate(SyntheticCity.SHANGHAI_LOTS, 99).lots().stream()
                        .mapToInt(Lot::capacity)
                        .sum())
                .as("the seed places lots, it does not change the total")
                .isEqualTo(CITY.lots().stream().mapToInt(Lot::capacity).sum());
    }

    @Test
    void everyLotLiesInOneUnitAndOneCommunityAroundShanghai() {
        GeoIndex index = GeoIndex.of(CITY);
        for (Lot lot : index.listLots()) {
            assertThat(lot.zoneId()).as("unit of %s", lot.id()).isNotNull();
            assertThat(index.communityAt(lot.entrance()))
                    .as("community of %s", lot.id())
                    .isPresent();
            assertThat(lot.entrance().lat()).isBetween(30.95, 31.45);
            assertThat(lot.entrance().lon()).isBetween(121.20, 121.80);
        }
        assertThat(index.listLotsInZone("huangpu-u1").size())
                .isGreaterThan(index.listLotsInZone("jinshan-u1").size());
    }

    @Test
    void otherLotCountsKeepTheMixAndTheirCount() {
        assertThat(SyntheticCity.generate(450, 1).lots()).hasSize(450);
        assertThat(SyntheticCity.generate(7, 1).lots()).hasSize(7);
        assertThat(SyntheticCity.plan(450))
                .filteredOn(p -> p.share().kind() == LotKind.STADIUM)
                .hasSize(2);
    }

    @Test
    void whatTheWriterWritesTheReaderReadsBack() throws IOException {
        for (DataSet data : new DataSet[] {CITY, GeoJsonDataSetReader.wujiaochang()}) {
            DataSet back = GeoJsonDataSetReader.read(
                    new com.fasterxml.jackson.databind.ObjectMapper().readTree(new ByteArrayInputStream(bytes(data))));
            assertThat(back.regions()).hasSameSizeAs(data.regions());
            for (int i = 0; i < data.regions().size(); i++) {
                Region a = data.regions().get(i);
                Region b = back.regions().get(i);
                assertThat(b.id()).isEqualTo(a.id());
                assertThat(b.parentId()).isEqualTo(a.parentId());
                assertThat(b.nameZh()).isEqualTo(a.nameZh());
                assertThat(b.area().equalsExact(a.area())).as(a.id()).isTrue();
            }
            assertThat(back.zones()).hasSameSizeAs(data.zones());
            for (int i = 0; i < data.zones().size(); i++) {
                assertThat(back.zones()
                                .get(i)
                                .area()
                                .equalsExact(data.zones().get(i).area()))
                        .isTrue();
            }
            assertThat(back.lots()).hasSameSizeAs(data.lots());
            for (int i = 0; i < data.lots().size(); i++) {
                assertThat(back.lots().get(i).equalsAllFields(data.lots().get(i)))
                        .as(data.lots().get(i).id())
                        .isTrue();
            }
        }
    }

    private static byte[] bytes(DataSet data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        GeoJsonDataSetWriter.write(data, out);
        return out.toByteArray();
    }
}
