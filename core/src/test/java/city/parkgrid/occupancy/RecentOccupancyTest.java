package city.parkgrid.occupancy;

import static org.assertj.core.api.Assertions.assertThat;

import city.parkgrid.occupancy.memory.InMemoryOccupancyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The recent view of lots' live state (issue 17): answered from memory while younger than the
 * bound, one store read shared by concurrent questions, a change through this node seen at once,
 * a change through another node seen once the copy is older than the bound.
 */
class RecentOccupancyTest {

    private static final Instant NOW = Instant.parse("2026-12-03T06:00:00Z");
    private static final Duration BOUND = Duration.ofMillis(500);

    /** The shared store, counting the reads that reach it; reads may be held back to race them. */
    private static final class SharedStore extends ForwardingOccupancyStore {
        final List<Collection<String>> reads = new ArrayList<>();
        CompletableFuture<Void> gate = CompletableFuture.completedFuture(null);

        SharedStore() {
            super(new InMemoryOccupancyStore(OccupancySettings.DEFAULTS));
        }

        @Override
        public CompletionStage<Map<String, LotOccupancy>> listOccupancy(Collection<String> lotIds) {
            reads.add(List.copyOf(lotIds));
            CompletionStage<Map<String, LotOccupancy>> read = store.listOccupancy(lotIds);
            return gate.thenCompose(open -> read);
        }
    }

    private final SharedStore shared = new SharedStore();
    private final AtomicLong nanos = new AtomicLong();
    /** This node. */
    private final RecentOccupancy node = new RecentOccupancy(shared, BOUND, nanos::get);
    /** Another node's writes reach the shared store without passing this node. */
    private final OccupancyStore otherNode = shared;

    @BeforeEach
    void register() {
        join(node.registerLot("a", 100, NOW));
        join(node.registerLot("b", 50, NOW));
    }

    private static <T> T join(CompletionStage<T> stage) {
        return stage.toCompletableFuture().join();
    }

    private int occupied(String lotId) {
        return join(node.recent().findOccupancy(lotId)).orElseThrow().occupied();
    }

    @Test
    void withinTheBoundQuestionsAreAnsweredFromMemoryWithOneReadForAllTheirLots() {
        assertThat(join(node.recent().listOccupancy(List.of("a", "b", "a")))).containsOnlyKeys("a", "b");
        assertThat(shared.reads).containsExactly(List.of("a", "b"));
        for (int i = 0; i < 100; i++) {
            nanos.addAndGet(BOUND.toNanos() / 200);
            occupied("a");
            join(node.recent().listOccupancy(List.of("a", "b")));
        }
        assertThat(shared.reads)
                .as("no read while the copies are younger than the bound")
                .hasSize(1);
    }

    @Test
    void aChangeOnAnotherNodeIsSeenOnceTheCopyIsOlderThanTheBound() {
        occupied("a");
        join(otherNode.applySnapshot("a", 40, NOW.plusSeconds(1), NOW.plusSeconds(1)));
        nanos.addAndGet(BOUND.toNanos() - 1);
        assertThat(occupied("a"))
                .as("within the bound the node may still answer its copy")
                .isZero();
        nanos.addAndGet(1);
        assertThat(occupied("a")).isEqualTo(40);
    }

    @Test
    void aChangeThroughThisNodeIsSeenAtOnce() {
        occupied("a");
        join(node.applySnapshot("a", 40, NOW.plusSeconds(1), NOW.plusSeconds(1)));
        assertThat(occupied("a")).isEqualTo(40);
        HoldResult hold = join(node.hold(
                new HoldRequest(HoldIds.newId("b"), "b", "沪A12345", "d1", NOW.plusSeconds(900)), NOW.plusSeconds(2)));
        assertThat(hold.granted()).isTrue();
        assertThat(join(node.recent().findOccupancy("b")).orElseThrow().held()).isEqualTo(1);
    }

    @Test
    void aReadBegunBeforeAWriteThroughThisNodeDoesNotPutItsOlderAnswerBack() {
        shared.gate = new CompletableFuture<>();
        CompletableFuture<Map<String, LotOccupancy>> before =
                node.recent().listOccupancy(List.of("a")).toCompletableFuture();
        join(node.applySnapshot("a", 40, NOW.plusSeconds(1), NOW.plusSeconds(1)));
        shared.gate.complete(null);
        assertThat(before.join().get("a").occupied())
                .as("the read's own answer, from before")
                .isZero();
        assertThat(occupied("a")).isEqualTo(40);
    }

    @Test
    void concurrentQuestionsAboutALotWithoutACopyShareOneRead() {
        shared.gate = new CompletableFuture<>();
        CompletableFuture<Map<String, LotOccupancy>> first =
                node.recent().listOccupancy(List.of("a", "b")).toCompletableFuture();
        CompletableFuture<Map<String, LotOccupancy>> second =
                node.recent().listOccupancy(List.of("b", "a")).toCompletableFuture();
        shared.gate.complete(null);
        assertThat(first.join()).containsOnlyKeys("a", "b");
        assertThat(second.join()).containsOnlyKeys("a", "b");
        assertThat(shared.reads).hasSize(1);
    }

    @Test
    void aLotTheStoreDoesNotKnowIsKeptUnknownNoLongerThanTheBound() {
        assertThat(join(node.recent().findOccupancy("c"))).isEmpty();
        join(otherNode.registerLot("c", 10, NOW));
        assertThat(join(node.recent().findOccupancy("c"))).isEmpty();
        nanos.addAndGet(BOUND.toNanos());
        assertThat(join(node.recent().findOccupancy("c"))).isPresent();
    }

    @Test
    void aWriteRefusedThroughThisNodeDropsEveryCopy() {
        // a node whose gate events are refused, as they are once Redis has lost its data
        RecentOccupancy refusing = new RecentOccupancy(
                new ForwardingOccupancyStore(shared) {
                    @Override
                    public CompletionStage<IngestionResult> applyGateEvents(
                            String lotId, List<GateEvent> events, Instant now) {
                        return CompletableFuture.failedFuture(new IllegalStateException("Redis lost its data"));
                    }
                },
                BOUND,
                nanos::get);
        assertThat(join(refusing.recent().findOccupancy("b")).orElseThrow().occupied())
                .isZero();
        join(otherNode.applySnapshot("b", 9, NOW.plusSeconds(1), NOW.plusSeconds(1)));
        assertThat(refusing.applyGateEvents("a", List.of(), NOW).toCompletableFuture())
                .isCompletedExceptionally();
        assertThat(join(refusing.recent().findOccupancy("b")).orElseThrow().occupied())
                .as("the refusal at lot a dropped b's copy too")
                .isEqualTo(9);
    }
}
