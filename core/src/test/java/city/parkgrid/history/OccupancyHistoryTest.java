package city.parkgrid.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import city.parkgrid.InvalidInputException;
import city.parkgrid.NotFoundException;
import city.parkgrid.app.Settings;
import city.parkgrid.app.Stores;
import city.parkgrid.app.UseCases;
import city.parkgrid.app.memory.EmbeddedStores;
import city.parkgrid.dataset.GeoJsonDataSetReader;
import city.parkgrid.lots.Lot;
import city.parkgrid.occupancy.LotStatus;
import city.parkgrid.testing.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OccupancyHistoryTest {

    private static final Instant T0 = Instant.parse("2026-11-28T02:00:00Z");
    private final SettableClock clock = new SettableClock(T0.plus(Duration.ofHours(1)));
    private Stores stores;
    private OccupancyHistory history;
    private UseCases node;

    @BeforeEach
    void setUp() {
        stores = EmbeddedStores.of(GeoJsonDataSetReader.wujiaochang(), Settings.DEFAULTS.occupancy());
        node = UseCases.wire(stores, Settings.DEFAULTS, clock, Executors.newSingleThreadExecutor(), Runnable::run);
        history = node.history();
    }

    private void live(String lot, int minutes, int occupied, int held, int capacity, LotStatus status) {
        Instant at = T0.plus(Duration.ofMinutes(minutes));
        stores.history()
                .recordStep(
                        at,
                        List.of(new OccupancySample(
                                lot, at, occupied, held, capacity, status, OccupancySample.Source.LIVE)));
    }

    @Test
    void aLotsBucketsHoldTheMeanMinimumMaximumAndLatestState() {
        live("wanda-plaza", 0, 10, 1, 100, LotStatus.OPEN);
        live("wanda-plaza", 5, 20, 2, 100, LotStatus.OPEN);
        live("wanda-plaza", 10, 40, 0, 100, LotStatus.FULL);
        // nothing from 15 to 29: that bucket is left out
        live("wanda-plaza", 30, 5, 0, 120, LotStatus.CLOSED);
        LotHistory got = history.lotHistory(
                "wanda-plaza", history.range(T0, T0.plus(Duration.ofMinutes(45)), Duration.ofMinutes(15)));
        assertThat(got.buckets())
                .containsExactly(
                        new LotHistory.Bucket(T0, 3, 23.33, 10, 40, 1.0, 100, LotStatus.FULL),
                        new LotHistory.Bucket(
                                T0.plus(Duration.ofMinutes(30)), 1, 5.0, 5, 5, 0.0, 120, LotStatus.CLOSED));
    }

    @Test
    void aUnitsBucketsSumItsLotsMeans() {
        List<String> members = node.geography().listLotsInZone("wujiaochang").stream()
                .map(Lot::id)
                .toList();
        live(members.get(0), 0, 10, 0, 100, LotStatus.OPEN);
        live(members.get(0), 5, 20, 2, 100, LotStatus.OPEN);
        live(members.get(1), 5, 7, 1, 50, LotStatus.OPEN);
        live("tongji-siping", 5, 999, 0, 1000, LotStatus.OPEN); // another unit's lot
        ZoneHistory got = history.zoneHistory(
                "wujiaochang", history.range(T0, T0.plus(Duration.ofMinutes(20)), Duration.ofMinutes(10)));
        assertThat(got.buckets()).containsExactly(new ZoneHistory.Bucket(T0, 2, 22.0, 2.0, 150));
        assertThatThrownBy(() -> history.zoneHistory("atlantis", got.range())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> history.lotHistory("atlantis", got.range())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void theRangeDefaultsToTheLastDayInRecordingSteps() {
        clock.set(T0.plusSeconds(61));
        HistoryRange range = history.range(null, null, null);
        assertThat(range.to()).isEqualTo(T0.plus(Duration.ofMinutes(5)));
        assertThat(range.from()).isEqualTo(range.to().minus(Duration.ofDays(1)));
        assertThat(range.step()).isEqualTo(Duration.ofMinutes(5));
        assertThat(range.points()).isEqualTo(288);
    }

    @Test
    void aRangeOutOfBoundsNamesTheParameter() {
        assertThatThrownBy(() -> history.range(T0, T0, null))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("from"));
        assertThatThrownBy(() -> history.range(T0, T0.plus(Duration.ofDays(365)), Duration.ofMinutes(5)))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("step"));
        assertThatThrownBy(() -> history.range(T0, T0.plusSeconds(3600), Duration.ofSeconds(59)))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("step"));
        assertThatThrownBy(() -> history.range(Instant.parse("1999-12-31T00:00:00Z"), T0, null))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("from"));
        assertThat(history.range(T0, T0.plus(Duration.ofDays(34)), Duration.ofMinutes(5))
                        .points())
                .isEqualTo(9_792);
    }

    @Test
    void anArchiveIsImportedOnceWithItsOwnTimes() {
        String csv = "lotId,at,occupied,capacity\r\n"
                + "wanda-plaza,2026-11-28T10:01:17+08:00,120,1500\r\n"
                + "\r\n"
                + "wanda-plaza,2026-11-28T02:16:00Z,130\r\n"
                + "wanda-plaza,2026-11-28T02:16:00Z,130\r\n";
        assertThat(history.importCsv(csv)).isEqualTo(new OccupancyHistory.ImportResult(3, 2, 1));
        assertThat(history.importCsv(csv)).isEqualTo(new OccupancyHistory.ImportResult(3, 0, 3));
        assertThat(history.samples("wanda-plaza", T0, T0.plus(Duration.ofHours(1))))
                .containsExactly(
                        OccupancySample.imported("wanda-plaza", Instant.parse("2026-11-28T02:01:17Z"), 120, 1500),
                        OccupancySample.imported(
                                "wanda-plaza",
                                Instant.parse("2026-11-28T02:16:00Z"),
                                130,
                                node.geography().getLot("wanda-plaza").capacity()));
    }

    @Test
    void aMalformedRowRefusesTheWholeFileNamingItsLineAndField() {
        String good = "wanda-plaza,2026-11-28T02:01:00Z,1\n";
        assertRefused(good + "wanda-plaza,yesterday,3\n", 2, "at");
        assertRefused(good + "wanda-plaza,2026-11-28T02:02:00Z,-3\n", 2, "occupied");
        assertRefused(good + "atlantis,2026-11-28T02:02:00Z,3\n", 2, "lotId");
        assertRefused("lotId,at,occupied\n" + good + "wanda-plaza,2026-11-28T02:02:00Z\n", 3, "occupied");
        assertRefused(good + "wanda-plaza,2026-11-28T02:02:00Z,3,x\n", 2, "capacity");
        assertRefused(good + "wanda-plaza,2026-11-28T02:02:00Z,3,4,5\n", 2, "row");
        assertRefused(good + "wanda-plaza,2026-11-28T02:01:00Z,2\n", 2, "at");
        assertRefused(good + "wanda-plaza,2030-01-01T00:00:00Z,2\n", 2, "at");
        assertRefused(good + "wanda-plaza,2025-01-01T00:00:00Z,2\n", 2, "at");
        assertRefused("lot,at,occupied\n" + good, 1, "header");
        assertRefused("wanda-plaza,yesterday,3\n" + good, 1, "at");
        assertThat(history.samples("wanda-plaza", T0.minus(Duration.ofDays(999)), T0.plus(Duration.ofDays(9999))))
                .isEmpty();
    }

    private void assertRefused(String csv, int line, String field) {
        assertThatThrownBy(() -> history.importCsv(csv)).isInstanceOfSatisfying(ImportRowException.class, e -> {
            assertThat(e.line()).as(e.getMessage()).isEqualTo(line);
            assertThat(e.field()).as(e.getMessage()).isEqualTo(field);
            assertThat(e.getMessage()).startsWith("line " + line + ": ");
        });
    }
}
