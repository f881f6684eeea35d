package city.parkgrid.occupancy.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import city.parkgrid.occupancy.GateEvent;
import city.parkgrid.occupancy.GateEventType;
import city.parkgrid.occupancy.LiveChange;
import city.parkgrid.occupancy.LiveJournal;
import city.parkgrid.occupancy.LotCheckpoint;
import city.parkgrid.postgres.PostgresDatabase;
import city.parkgrid.testing.TestServices;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The journal's epoch on PostgreSQL: a restore moves it on in the transaction that reads the
 * journal, waits for the appends under way, and from then on no change made under the epoch before
 * is kept (docs/DECISIONS.md, "Live state survives losing Redis").
 */
class PostgresLiveJournalIT {

    private static final Instant T0 = Instant.parse("2026-12-02T08:00:00Z");

    private PostgresDatabase database;
    private PostgresLiveJournal journal;

    @BeforeEach
    void migrate() {
        database = TestServices.migratedDatabase(TestServices.uniqueSchema());
        journal = new PostgresLiveJournal(database);
    }

    @AfterEach
    void drop() {
        TestServices.dropSchema(database);
        database.close();
    }

    private static LiveChange entry(long version, String eventId) {
        return new LiveChange.Events(
                "a", version, T0, List.of(new GateEvent(eventId, GateEventType.ENTRY, "沪A11111", T0, null)));
    }

    private List<LiveChange> kept() {
        List<LiveChange> rows = new ArrayList<>();
        journal.replay(rows::add);
        return rows;
    }

    @Test
    void aRestoreMovesTheEpochOnAndChangesUnderTheOldOneAreRefused() {
        assertThat(journal.epoch()).isZero();
        journal.appendAll(List.of(new LiveChange.Register("a", 1, T0, 10)), 0);

        List<LiveChange> replayed = new ArrayList<>();
        assertThat(journal.restore(checkpoint -> {}, replayed::add)).isEqualTo(1);
        assertThat(replayed).hasSize(1);
        assertThat(journal.epoch()).isEqualTo(1);

        assertThatThrownBy(() -> journal.appendAll(List.of(entry(2, "old")), 0))
                .isInstanceOf(LiveJournal.EpochMovedOnException.class)
                .hasMessageContaining("epoch 0 -> 1");
        assertThat(kept()).as("the refused change is not kept").hasSize(1);

        journal.appendAll(List.of(entry(2, "new")), 1);
        assertThat(kept()).hasSize(2);
    }

    @Test
    @Timeout(30)
    void aRestoreWaitsForAnAppendUnderWayAndReplaysIt() throws Exception {
        journal.appendAll(List.of(new LiveChange.Register("a", 1, T0, 10)), 0);
        try (Connection c = database.openDedicatedConnection()) {
            // an append under way: the epoch read FOR SHARE, its row written, not committed yet
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement("SELECT epoch FROM live_epoch FOR SHARE")) {
                s.executeQuery().close();
            }
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO live_journal (lot_id, version, applied_at, entry) VALUES (?, ?, ?, ?::jsonb)")) {
                s.setString(1, "a");
                s.setLong(2, 2);
                s.setTimestamp(3, java.sql.Timestamp.from(T0));
                s.setString(4, PostgresLiveJournal.encode(entry(2, "under-way")));
                s.executeUpdate();
            }
            List<LiveChange> replayed = new ArrayList<>();
            CompletableFuture<Long> restore =
                    CompletableFuture.supplyAsync(() -> journal.restore(checkpoint -> {}, replayed::add));
            Thread.sleep(500);
            assertThat(restore).as("the restore waits for the append under way").isNotDone();
            c.commit();
            assertThat(restore.get(10, TimeUnit.SECONDS)).isEqualTo(1);
            assertThat(replayed)
                    .as("the committed append is replayed")
                    .extracting(LiveChange::version)
                    .containsExactly(1L, 2L);
        }
    }

    @Test
    @Timeout(30)
    void anAppendThatBeginsDuringARestoreWaitsAndIsRefused() throws Exception {
        journal.appendAll(List.of(new LiveChange.Register("a", 1, T0, 10)), 0);
        try (Connection c = database.openDedicatedConnection()) {
            // a restore under way: the epoch moved on, the journal being read, not committed yet
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement("UPDATE live_epoch SET epoch = epoch + 1")) {
                s.executeUpdate();
            }
            CompletableFuture<Void> append =
                    CompletableFuture.runAsync(() -> journal.appendAll(List.of(entry(2, "during")), 0));
            Thread.sleep(500);
            assertThat(append).as("the append waits for the restore").isNotDone();
            c.commit();
            assertThat(append)
                    .failsWithin(Duration.ofSeconds(10))
                    .withThrowableThat()
                    .havingRootCause()
                    .isInstanceOf(LiveJournal.EpochMovedOnException.class);
        }
        assertThat(kept()).hasSize(1);
    }

    @Test
    void aCheckpointReplacesTheChangesItCoversAndARestoreHandsItOverWithTheChangesAfterIt() {
        journal.appendAll(
                List.of(new LiveChange.Register("a", 1, T0, 10), entry(2, "e2"), entry(3, "e3"), entry(4, "e4")), 0);
        journal.appendAll(List.of(new LiveChange.Register("b", 1, T0, 5)), 0);
        assertThat(journal.lotsToCompact(2, 10)).containsExactly("a");

        journal.checkpoint(new LotCheckpoint("a", 3, T0, "{\"at\":3}"), 0);
        assertThat(kept()).extracting(c -> c.lotId() + c.version()).containsExactly("a4", "b1");
        assertThat(journal.lotsToCompact(0, 10)).containsExactlyInAnyOrder("a", "b");
        assertThat(journal.lotsToCompact(1, 10)).isEmpty();

        // an older checkpoint taken on another node is not kept over the later one
        journal.checkpoint(new LotCheckpoint("a", 2, T0, "{\"at\":2}"), 0);
        // a change the checkpoint covers whose row commits after it is kept but never replayed
        journal.appendAll(List.of(entry(3, "e3")), 0);

        List<LotCheckpoint> handed = new ArrayList<>();
        List<LiveChange> replayed = new ArrayList<>();
        assertThat(journal.restore(handed::add, replayed::add)).isEqualTo(1);
        assertThat(handed).singleElement().satisfies(c -> {
            assertThat(c.lotId()).isEqualTo("a");
            assertThat(c.version()).isEqualTo(3);
            assertThat(c.payload()).isEqualTo("{\"at\":3}");
            assertThat(c.takenAt()).isEqualTo(T0);
        });
        assertThat(replayed).extracting(c -> c.lotId() + c.version()).containsExactly("a4", "b1");

        assertThatThrownBy(() -> journal.checkpoint(new LotCheckpoint("a", 9, T0, "{}"), 0))
                .as("a checkpoint of the Redis that was lost")
                .isInstanceOf(LiveJournal.EpochMovedOnException.class);
        assertThat(journal.isEmpty()).isFalse();
    }
}
