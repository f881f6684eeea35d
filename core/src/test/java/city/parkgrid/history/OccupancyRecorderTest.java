package city.parkgrid.history;

import static org.assertj.core.api.Assertions.assertThat;

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

class OccupancyRecorderTest {

    private static final Instant STEP0 = Instant.parse("2026-11-28T02:00:00Z");
    private static final Duration STEP = Duration.ofMinutes(5);

    private final SettableClock clock = new SettableClock(STEP0.plusSeconds(3));
    private Stores stores;
    private UseCases node;

    @BeforeEach
    void setUp() {
        stores = EmbeddedStores.of(GeoJsonDataSetReader.wujiaochang(), Settings.DEFAULTS.occupancy());
        node = wire();
        node.catalog().registerLots().toCompletableFuture().join();
    }

    /** Another node over the same stores (the same history, the same live state). */
    private UseCases wire() {
        return UseCases.wire(stores, Settings.DEFAULTS, clock, Executors.newSingleThreadExecutor(), Runnable::run);
    }

    private Lot wanda() {
        return node.geography().getLot("wanda-plaza");
    }

    @Test
    void eachStepIsRecordedOnceWithEveryLotsLiveState() {
        node.occupancy()
                .applySnapshot(wanda(), 321, clock.instant(), clock.instant())
                .toCompletableFuture()
                .join();
        StepWrite first = node.recorder().recordDue().orElseThrow();
        int lots = node.geography().listLots().size();
        assertThat(first.written()).isEqualTo(lots);
        assertThat(node.recorder().recordDue())
                .as("the same step again: not due")
                .isEmpty();
        clock.advance(STEP);
        assertThat(node.recorder().recordDue().orElseThrow().written()).isEqualTo(lots);
        List<OccupancySample> samples = node.history().samples("wanda-plaza", STEP0, STEP0.plus(STEP.multipliedBy(2)));
        assertThat(samples).extracting(OccupancySample::at).containsExactly(STEP0, STEP0.plus(STEP));
        assertThat(samples.get(0))
                .isEqualTo(new OccupancySample(
                        "wanda-plaza", STEP0, 321, 0, wanda().capacity(), LotStatus.OPEN, OccupancySample.Source.LIVE));
    }

    @Test
    void aNodeStartingMidStepWritesTheStepUnlessAnotherHas() {
        clock.set(STEP0.plus(Duration.ofSeconds(170)));
        UseCases other = wire();
        assertThat(node.recorder().recordDue().orElseThrow().written()).isPositive();
        assertThat(other.recorder().recordDue().orElseThrow().written())
                .as("the step is there already")
                .isZero();
        clock.advance(STEP);
        // this time the other node is first
        assertThat(other.recorder().recordDue().orElseThrow().written()).isPositive();
        assertThat(node.recorder().recordDue().orElseThrow().written()).isZero();
        for (Lot lot : node.geography().listLots()) {
            assertThat(node.history().samples(lot.id(), STEP0, STEP0.plus(STEP.multipliedBy(2))))
                    .hasSize(2);
        }
    }

    @Test
    void closingALotIsRecordedAsAChange() {
        node.recorder().recordDue();
        stores.occupancy()
                .configureLot("wanda-plaza", true, 0, clock.instant())
                .toCompletableFuture()
                .join();
        clock.advance(STEP);
        assertThat(node.recorder().recordDue().orElseThrow().changes()).isEqualTo(1);
        assertThat(node.history().changes("wanda-plaza", STEP0, STEP0.plus(Duration.ofHours(1))))
                .extracting(LotChange::status, LotChange::previousStatus)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(LotStatus.OPEN, null),
                        org.assertj.core.groups.Tuple.tuple(LotStatus.CLOSED, LotStatus.OPEN));
    }

    @Test
    void thePurgeKeepsTheRetentionAndRunsAtMostHourly() {
        Instant old = STEP0.minus(Duration.ofDays(401));
        stores.history().importSamples(List.of(OccupancySample.imported("wanda-plaza", old, 1, 10)));
        stores.history().importSamples(List.of(OccupancySample.imported("wanda-plaza", STEP0.minusSeconds(60), 2, 10)));
        assertThat(node.recorder().purgeDue()).isTrue();
        assertThat(node.history().samples("wanda-plaza", old.minusSeconds(1), STEP0))
                .extracting(OccupancySample::occupied)
                .containsExactly(2);
        clock.advance(Duration.ofMinutes(59));
        assertThat(node.recorder().purgeDue()).isFalse();
        clock.advance(Duration.ofMinutes(1));
        assertThat(node.recorder().purgeDue()).isTrue();
    }

    @Test
    void stepsAreMultiplesOfTheStepSinceTheEpoch() {
        assertThat(node.recorder().stepOf(Instant.parse("2026-11-28T02:04:59.999Z")))
                .isEqualTo(STEP0);
        assertThat(node.recorder().stepOf(STEP0)).isEqualTo(STEP0);
        assertThat(OccupancyRecorder.stepOf(Instant.parse("2026-11-28T02:59:00Z"), Duration.ofMinutes(15)))
                .isEqualTo(Instant.parse("2026-11-28T02:45:00Z"));
    }
}
