package city.parkgrid.occupancy;

import static org.assertj.core.api.Assertions.assertThat;

import city.parkgrid.occupancy.memory.InMemoryLiveJournal;
import city.parkgrid.occupancy.memory.InMemoryOccupancyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/**
 * The journal's replay rebuilds a store exactly: the changes made through one store, replayed
 * into an empty one, leave the same counts, controls, holds and remembered event ids (the Redis
 * store is held to the same by LiveStateRestoreIT and RedisRestartRestoreIT).
 */
class JournaledOccupancyStoreTest {

    private static final Instant T0 = Instant.parse("2026-12-02T02:00:00Z");
    private static final OccupancySettings SETTINGS = OccupancySettings.DEFAULTS;

    private static <T> T join(CompletionStage<T> stage) {
        return stage.toCompletableFuture().join();
    }

    @Test
    void aReplayIntoAnEmptyStoreRebuildsEveryLotAndItsHolds() {
        InMemoryLiveJournal journal = new InMemoryLiveJournal();
        OccupancyStore live = new JournaledOccupancyStore(new InMemoryOccupancyStore(SETTINGS), journal, Runnable::run);
        join(live.registerLot("a", 10, T0));
        join(live.registerLot("b", 5, T0));
        join(live.applyGateEvents(
                "a",
                List.of(
                        new GateEvent("e1", GateEventType.ENTRY, "沪A11111", T0, null),
                        new GateEvent("e2", GateEventType.ENTRY, "沪A22222", T0, null)),
                T0.plusSeconds(1)));
        join(live.applyGateEvents(
                "a", List.of(new GateEvent("e1", GateEventType.ENTRY, "沪A11111", T0, null)), T0.plusSeconds(2)));
        join(live.applyGateEvents(
                "a",
                List.of(new GateEvent("e3", GateEventType.EXIT, "沪A22222", T0.plusSeconds(3), null)),
                T0.plusSeconds(3)));
        String kept = HoldIds.newId("a");
        String ended = HoldIds.newId("a");
        String fulfilled = HoldIds.newId("b");
        join(live.hold(
                new HoldRequest(kept, "a", "沪H00001", "d1", T0.plus(Duration.ofMinutes(15))), T0.plusSeconds(4)));
        join(live.hold(
                new HoldRequest(ended, "a", "沪H00002", "d2", T0.plus(Duration.ofMinutes(15))), T0.plusSeconds(5)));
        join(live.endHold(ended, HoldStatus.CANCELLED, T0.plusSeconds(6)));
        join(live.hold(
                new HoldRequest(fulfilled, "b", "沪H00003", "d3", T0.plus(Duration.ofMinutes(15))), T0.plusSeconds(7)));
        join(live.applyGateEvents(
                "b",
                List.of(new GateEvent("e4", GateEventType.ENTRY, "沪H00003", T0.plusSeconds(8), null)),
                T0.plusSeconds(8)));
        join(live.configureLot("b", true, 2, T0.plusSeconds(9)));
        join(live.applySnapshot("a", 4, T0.plusSeconds(10), T0.plusSeconds(10)));

        OccupancyStore rebuilt =
                new JournaledOccupancyStore(new InMemoryOccupancyStore(SETTINGS), journal, Runnable::run);
        Instant now = T0.plusSeconds(11);
        OccupancyStore.RestoredLiveState restored = join(rebuilt.restoreLiveState(now));
        assertThat(restored.lots()).containsExactlyInAnyOrder("a", "b");
        assertThat(restored.epoch())
                .as("a restore moves the journal's epoch on")
                .isEqualTo(1);

        assertThat(join(rebuilt.listOccupancy(List.of("a", "b"))))
                .isEqualTo(join(live.listOccupancy(List.of("a", "b"))));
        assertThat(join(rebuilt.findOccupancy("b")).orElseThrow()).satisfies(b -> {
            assertThat(b.closed()).isTrue();
            assertThat(b.reserved()).isEqualTo(2);
            assertThat(b.occupied()).isEqualTo(1);
        });
        for (String id : List.of(kept, ended, fulfilled)) {
            assertThat(join(rebuilt.findHold(id, now))).as(id).isEqualTo(join(live.findHold(id, now)));
        }
        assertThat(join(rebuilt.findPlateHold("沪H00001"))).contains(kept);
        assertThat(join(rebuilt.findPlateHold("沪H00002"))).isEmpty();
        IngestionResult resent = join(rebuilt.applyGateEvents(
                "a", List.of(new GateEvent("e2", GateEventType.ENTRY, "沪A22222", T0, null)), now));
        assertThat(resent.outcomes().get(0).result())
                .as("an event journalled before is a duplicate after the replay")
                .isEqualTo(EventResult.DUPLICATE);
    }

    @Test
    void aChangeWhoseRowArrivesAfterARestoreReadTheJournalIsRefusedNotAcknowledged() {
        InMemoryLiveJournal journal = new InMemoryLiveJournal();
        ArrayDeque<Runnable> writes = new ArrayDeque<>();
        OccupancyStore live = new JournaledOccupancyStore(new InMemoryOccupancyStore(SETTINGS), journal, writes::add);
        CompletableFuture<LotOccupancy> registered =
                live.registerLot("a", 10, T0).toCompletableFuture();
        while (!writes.isEmpty()) {
            writes.poll().run();
        }
        assertThat(registered).isCompleted();

        // applied in the store, its row not yet written, when another node's restore reads the journal
        CompletableFuture<IngestionResult> late = live.applyGateEvents(
                        "a", List.of(new GateEvent("late", GateEventType.ENTRY, "沪A11111", T0, null)), T0)
                .toCompletableFuture();
        List<LiveChange> replayed = new ArrayList<>();
        long moved = journal.restore(checkpoint -> {}, replayed::add);
        while (!writes.isEmpty()) {
            writes.poll().run();
        }

        assertThat(late)
                .failsWithin(Duration.ofSeconds(1))
                .withThrowableThat()
                .havingRootCause()
                .isInstanceOf(LiveJournal.EpochMovedOnException.class)
                .withMessageContaining("epoch 0 -> 1");
        assertThat(moved).isEqualTo(1);
        assertThat(replayed).hasSize(1).allMatch(c -> c instanceof LiveChange.Register);
        List<LiveChange> kept = new ArrayList<>();
        journal.replay(kept::add);
        assertThat(kept).as("what the caller was refused is not in the journal").hasSize(1);

        // the restored store is marked with the new epoch: its changes are kept again
        join(live.markRegistered(moved));
        CompletableFuture<IngestionResult> after = live.applyGateEvents(
                        "a", List.of(new GateEvent("after", GateEventType.ENTRY, "沪A22222", T0, null)), T0)
                .toCompletableFuture();
        while (!writes.isEmpty()) {
            writes.poll().run();
        }
        assertThat(after).isCompleted();
        kept.clear();
        journal.replay(kept::add);
        assertThat(kept).hasSize(2);
    }

    @Test
    void aRegistrationOrConfigurationThatChangedNothingWritesNoRow() {
        InMemoryLiveJournal journal = new InMemoryLiveJournal();
        OccupancyStore live = new JournaledOccupancyStore(new InMemoryOccupancyStore(SETTINGS), journal, Runnable::run);
        join(live.registerLot("a", 10, T0));
        join(live.registerLot("a", 10, T0.plusSeconds(1)));
        join(live.configureLot("a", true, 0, T0.plusSeconds(2)));
        join(live.configureLot("a", true, 0, T0.plusSeconds(3)));
        join(live.registerLot("a", 11, T0.plusSeconds(4)));
        List<LiveChange> kept = new ArrayList<>();
        journal.replay(kept::add);
        assertThat(kept)
                .extracting(c -> c.getClass().getSimpleName() + "@" + c.version())
                .containsExactly("Register@1", "Configure@2", "Register@3");
    }
}
