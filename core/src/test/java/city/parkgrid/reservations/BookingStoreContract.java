package city.parkgrid.reservations;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link BookingStore} does; each adapter's test extends it. */
public abstract class BookingStoreContract {

    protected abstract BookingStore newStore();

    private final Instant t0 = Instant.parse("2026-11-28T04:00:00Z");
    private BookingStore store;
    private String pool;

    @BeforeEach
    void setUp() {
        store = newStore();
        pool = "jiangwan-stadium@wujiaochang@" + UUID.randomUUID();
    }

    private static <T> T join(CompletionStage<T> stage) {
        return stage.toCompletableFuture().join();
    }

    private Booking booking(String plate, Instant from, Instant until) {
        return new Booking(
                UUID.randomUUID().toString(),
                pool,
                "jiangwan-stadium",
                "driver-" + plate,
                plate,
                from,
                until,
                BookingStatus.BOOKED,
                t0,
                null);
    }

    private Booking booking(String plate) {
        return booking(plate, t0.plus(Duration.ofMinutes(30)), t0.plus(Duration.ofMinutes(60)));
    }

    private Optional<Booking> book(String plate, int spaces, Instant now) {
        return join(store.book(booking(plate), spaces, now));
    }

    @Test
    void booksNoMoreThanTheReservedSpaces() {
        assertThat(book("沪A00001", 2, t0)).isPresent();
        assertThat(book("沪A00002", 2, t0)).isPresent();
        assertThat(book("沪A00003", 2, t0)).isEmpty();
        assertThat(join(store.counts(pool, t0))).isEqualTo(new BookingStore.PoolCounts(2, 0));
    }

    @Test
    void aPlatesSecondBookingInThePoolIsItsFirst() {
        Booking first = book("沪A00001", 5, t0).orElseThrow();
        assertThat(book("沪A00001", 5, t0)).contains(first);
        assertThat(join(store.counts(pool, t0)).taken()).isEqualTo(1);
    }

    @Test
    void aCancelledBookingGivesItsSpaceBackToThePool() {
        Booking first = book("沪A00001", 1, t0).orElseThrow();
        assertThat(book("沪A00002", 1, t0)).isEmpty();

        Booking cancelled =
                join(store.end(first.id(), BookingStatus.CANCELLED, t0)).orElseThrow();

        assertThat(cancelled.status()).isEqualTo(BookingStatus.CANCELLED);
        assertThat(cancelled.endedAt()).isEqualTo(t0);
        assertThat(book("沪A00002", 1, t0)).isPresent();
    }

    @Test
    void aBookingWhoseCarDidNotComeByTheWindowsEndLapsesAndGivesItsSpaceBack() {
        Booking first = book("沪A00001", 1, t0).orElseThrow();
        Instant windowOver = first.arriveUntil();
        assertThat(book("沪A00002", 1, windowOver.minusMillis(1))).isEmpty();

        assertThat(join(store.counts(pool, windowOver))).isEqualTo(new BookingStore.PoolCounts(0, 0));
        assertThat(join(store.find(first.id(), windowOver)).orElseThrow().status())
                .isEqualTo(BookingStatus.LAPSED);
        assertThat(book("沪A00002", 1, windowOver)).isPresent();
        // a car that comes after its booking lapsed finds it lapsed, not arrived
        assertThat(join(store.end(first.id(), BookingStatus.ARRIVED, windowOver))
                        .orElseThrow()
                        .status())
                .isEqualTo(BookingStatus.LAPSED);
    }

    @Test
    void anArrivedBookingKeepsItsSpaceAndCanNoLongerBeCancelled() {
        Booking first = book("沪A00001", 1, t0).orElseThrow();
        Instant in = t0.plus(Duration.ofMinutes(40));

        assertThat(join(store.end(first.id(), BookingStatus.ARRIVED, in))
                        .orElseThrow()
                        .status())
                .isEqualTo(BookingStatus.ARRIVED);
        assertThat(join(store.end(first.id(), BookingStatus.CANCELLED, in))
                        .orElseThrow()
                        .status())
                .isEqualTo(BookingStatus.ARRIVED);
        // past its window an arrived booking does not lapse: its car is in
        Instant later = first.arriveUntil().plus(Duration.ofHours(1));
        assertThat(join(store.counts(pool, later))).isEqualTo(new BookingStore.PoolCounts(0, 1));
        assertThat(book("沪A00002", 1, later)).isEmpty();
    }

    @Test
    void anUnknownBookingIsEmpty() {
        assertThat(join(store.find("no-such-booking", t0))).isEmpty();
        assertThat(join(store.end("no-such-booking", BookingStatus.CANCELLED, t0)))
                .isEmpty();
        assertThat(join(store.counts("no-such-pool", t0))).isEqualTo(new BookingStore.PoolCounts(0, 0));
    }

    @Test
    void manyDriversBookingAtOnceNeverTakeMoreThanTheReservedSpaces() throws Exception {
        int spaces = 37;
        int drivers = 400;
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<Optional<Booking>>> asked = new ArrayList<>();
            for (int i = 0; i < drivers; i++) {
                String plate = String.format("沪B%05d", i);
                asked.add(threads.submit(() -> book(plate, spaces, t0)));
            }
            int granted = 0;
            for (Future<Optional<Booking>> f : asked) {
                granted += f.get().isPresent() ? 1 : 0;
            }
            assertThat(granted).isEqualTo(spaces);
            assertThat(join(store.counts(pool, t0)).taken()).isEqualTo(spaces);
        } finally {
            threads.shutdownNow();
        }
    }
}
