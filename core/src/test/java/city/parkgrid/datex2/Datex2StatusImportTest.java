package city.parkgrid.datex2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import city.parkgrid.InvalidInputException;
import city.parkgrid.access.Principal;
import city.parkgrid.access.Role;
import city.parkgrid.catalog.Geography;
import city.parkgrid.dataset.DataSet;
import city.parkgrid.dataset.GeoJsonDataSetReader;
import city.parkgrid.datex2.Datex2StatusImport.Outcome;
import city.parkgrid.datex2.Datex2StatusImport.Result;
import city.parkgrid.lots.Lot;
import city.parkgrid.occupancy.OccupancyService;
import city.parkgrid.occupancy.OccupancySettings;
import city.parkgrid.occupancy.memory.InMemoryOccupancyStore;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The rules of a DATEX II status import, record by record, on the in-memory store. */
class Datex2StatusImportTest {

    private static final Principal BUREAU = new Principal(Role.BUREAU, "bureau");
    private final Instant now = Instant.parse("2026-11-28T07:00:00Z");
    private Datex2StatusImport statusImport;
    private OccupancyService occupancy;

    @BeforeEach
    void setUp() {
        DataSet data = GeoJsonDataSetReader.wujiaochang();
        List<Lot> lots = data.lots().stream()
                .map(l -> l.id().equals("wanda-plaza") ? l.withExternalIds(Map.of(Lot.DATEX2, "W")) : l)
                .toList();
        Geography geography = new Geography(new DataSet(data.regions(), data.zones(), lots));
        occupancy = new OccupancyService(
                new InMemoryOccupancyStore(OccupancySettings.DEFAULTS), OccupancySettings.DEFAULTS);
        occupancy
                .registerLots(geography.listLots(), now.minusSeconds(3_600))
                .toCompletableFuture()
                .join();
        statusImport = new Datex2StatusImport(geography, occupancy);
    }

    private List<Outcome> importRecords(String publicationTime, String... records) {
        String doc = "<payload xsi:type=\"ParkingStatusPublication\">"
                + (publicationTime == null ? "" : "<publicationTime>" + publicationTime + "</publicationTime>")
                + String.join("", records) + "</payload>";
        var document = Datex2StatusReader.read(new ByteArrayInputStream(doc.getBytes(StandardCharsets.UTF_8)));
        return statusImport
                .importStatus(BUREAU, document, now)
                .toCompletableFuture()
                .join()
                .outcomes();
    }

    private static String site(String time, String occupancy) {
        return "<parkingRecordStatus><parkingRecordReference id=\"W\"/>"
                + (time == null ? "" : "<parkingStatusOriginTime>" + time + "</parkingStatusOriginTime>")
                + "<parkingOccupancy>" + occupancy + "</parkingOccupancy></parkingRecordStatus>";
    }

    private int occupied() {
        return occupancy
                .findOccupancy("wanda-plaza")
                .toCompletableFuture()
                .join()
                .orElseThrow()
                .occupied();
    }

    @Test
    void aPercentageAloneIsTakenOfParkGridsCapacity() {
        Outcome o = importRecords(null, site("2026-11-28T06:59:00Z", "<parkingOccupancy>50</parkingOccupancy>"))
                .get(0);
        assertThat(o.result()).isEqualTo(Result.APPLIED);
        assertThat(occupied()).as("50% of 1500").isEqualTo(750);
    }

    @Test
    void aRecordWithoutItsOwnTimeIsTakenAtThePublicationTimeAndWithNeitherIsRejected() {
        assertThat(importRecords(
                                "2026-11-28T06:58:00+08:00",
                                site(null, "<parkingNumberOfOccupiedSpaces>10</parkingNumberOfOccupiedSpaces>"))
                        .get(0)
                        .at())
                .isEqualTo(Instant.parse("2026-11-27T22:58:00Z"));
        Outcome none = importRecords(
                        null, site(null, "<parkingNumberOfOccupiedSpaces>10</parkingNumberOfOccupiedSpaces>"))
                .get(0);
        assertThat(none.result()).isEqualTo(Result.REJECTED);
        assertThat(none.reason()).contains("when");
    }

    @Test
    void unreadableFiguresAndTimesRejectTheRecordNotTheDocument() {
        List<Outcome> outcomes = importRecords(
                null,
                site("2026-11-28T06:59:00Z", "<parkingNumberOfOccupiedSpaces>many</parkingNumberOfOccupiedSpaces>"),
                site("2026-11-28 06:59", "<parkingNumberOfOccupiedSpaces>5</parkingNumberOfOccupiedSpaces>"),
                site("2026-11-28T06:59:30Z", "<parkingNumberOfOccupiedSpaces>7</parkingNumberOfOccupiedSpaces>"));
        assertThat(outcomes)
                .extracting(Outcome::result)
                .containsExactly(Result.REJECTED, Result.REJECTED, Result.APPLIED);
        assertThat(outcomes.get(0).reason()).contains("many");
        assertThat(outcomes.get(1).reason()).contains("offset");
        assertThat(occupied()).isEqualTo(7);
    }

    @Test
    void recordsForOneLotApplyInTheDocumentsOrderSoTheNewestStands() {
        List<Outcome> outcomes = importRecords(
                null,
                site("2026-11-28T06:50:00Z", "<parkingNumberOfOccupiedSpaces>100</parkingNumberOfOccupiedSpaces>"),
                site("2026-11-28T06:55:00Z", "<parkingNumberOfOccupiedSpaces>200</parkingNumberOfOccupiedSpaces>"),
                site("2026-11-28T06:52:00Z", "<parkingNumberOfOccupiedSpaces>150</parkingNumberOfOccupiedSpaces>"));
        assertThat(outcomes).extracting(Outcome::result).containsExactly(Result.APPLIED, Result.APPLIED, Result.STALE);
        assertThat(occupied()).isEqualTo(200);
    }

    @Test
    void partsOfASiteAreNotASite() {
        Outcome space = importRecords(
                        null,
                        "<parkingStatusInformation xsi:type=\"prk:SpaceStatus\"><reference id=\"W\"/>"
                                + "<lastUpdated>2026-11-28T06:59:00Z</lastUpdated><occupancy>"
                                + "<numberOfOccupiedSpaces>1</numberOfOccupiedSpaces></occupancy>"
                                + "</parkingStatusInformation>")
                .get(0);
        assertThat(space.result()).isEqualTo(Result.REJECTED);
        assertThat(space.reason()).contains("SpaceStatus");
        assertThat(occupied()).isZero();
    }

    @Test
    void theReaderRefusesADoctypeBeforeReadingAnythingAndAnythingButAPayload() {
        assertThatThrownBy(() -> Datex2StatusReader.read(new ByteArrayInputStream(
                        "<?xml version=\"1.0\"?><!DOCTYPE payload [<!ENTITY a \"b\">]><payload/>"
                                .getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("DOCTYPE");
        assertThatThrownBy(() ->
                        Datex2StatusReader.read(new ByteArrayInputStream("<html/>".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("html");
    }
}
