package city.parkgrid.tariffs;

import static org.assertj.core.api.Assertions.assertThat;

import city.parkgrid.tariffs.memory.InMemoryTariffStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PublishedTariffsTest {

    private static final Instant TOMORROW = Instant.parse("2026-12-04T16:00:00Z");

    /** Counts the store's reads, and the lots each asked for. */
    private static final class CountingStore implements TariffStore {
        final InMemoryTariffStore inner = new InMemoryTariffStore();
        final List<Collection<String>> reads = new ArrayList<>();
        boolean down;

        @Override
        public TariffVersions findVersions(String lotId) {
            return inner.findVersions(lotId);
        }

        @Override
        public Map<String, TariffVersions> findVersions(Collection<String> lotIds) {
            reads.add(List.copyOf(lotIds));
            if (down) {
                throw new IllegalStateException("PostgreSQL is unavailable");
            }
            return inner.findVersions(lotIds);
        }

        @Override
        public void putVersion(String lotId, TariffVersion version) {
            inner.putVersion(lotId, version);
        }
    }

    private final CountingStore store = new CountingStore();
    private final AtomicLong nanos = new AtomicLong();
    private final PublishedTariffs published =
            new PublishedTariffs(store, Runnable::run, Duration.ofSeconds(10), nanos::get);

    private Map<String, TariffVersions> ask(String... lots) {
        return published.versions(List.of(lots)).toCompletableFuture().join();
    }

    @Test
    void theLotsOfAQuestionNotKeptAreReadInOneCallAndThenServedFromMemory() {
        store.putTariff("a", TestTariffs.hourly(1000));
        assertThat(ask("a", "b", "a").get("a").findTariff(TOMORROW)).contains(TestTariffs.hourly(1000));
        assertThat(store.reads).containsExactly(List.of("a", "b"));
        // b has no tariff: kept as none, so a free lot costs no read per question either
        assertThat(ask("a", "b").get("b").isEmpty()).isTrue();
        assertThat(store.reads).hasSize(1);
    }

    @Test
    void aChangeOnAnotherNodeIsPublishedOnceTheKeptVersionsAreOlderThanTheBound() {
        store.putTariff("a", TestTariffs.hourly(1000));
        ask("a");
        store.putVersion("a", new TariffVersion(TOMORROW, TestTariffs.hourly(1200)));
        nanos.addAndGet(Duration.ofSeconds(9).toNanos());
        assertThat(ask("a").get("a").findNextAfter(Instant.EPOCH.plusSeconds(1)))
                .isEmpty();
        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(ask("a").get("a").findNextAfter(Instant.EPOCH.plusSeconds(1)))
                .map(TariffVersion::effectiveFrom)
                .contains(TOMORROW);
    }

    @Test
    void aChangeWrittenThroughThisNodeIsPublishedAtOnce() {
        store.putTariff("a", TestTariffs.hourly(1000));
        ask("a");
        published.writingThrough().putVersion("a", new TariffVersion(TOMORROW, TestTariffs.hourly(1200)));
        assertThat(store.inner.findVersions("a").list()).hasSize(2);
        assertThat(ask("a").get("a").findTariff(TOMORROW)).contains(TestTariffs.hourly(1200));
        assertThat(store.reads).hasSize(2);
    }

    @Test
    void withoutTheStoreTheVersionsLastReadArePublishedAndALotNeverReadHasNone() {
        store.putTariff("a", TestTariffs.hourly(1000));
        ask("a");
        store.down = true;
        nanos.addAndGet(Duration.ofMinutes(5).toNanos());
        Map<String, TariffVersions> answered = ask("a", "b");
        assertThat(answered.get("a").findTariff(TOMORROW)).contains(TestTariffs.hourly(1000));
        assertThat(answered).doesNotContainKey("b");
        store.down = false;
        assertThat(ask("b")).containsKey("b");
    }
}
