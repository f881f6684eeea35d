package city.parkgrid.reservations;

import static org.assertj.core.api.Assertions.assertThat;

import city.parkgrid.app.Settings;
import city.parkgrid.app.Stores;
import city.parkgrid.app.UseCases;
import city.parkgrid.app.memory.EmbeddedStores;
import city.parkgrid.dataset.GeoJsonDataSetReader;
import city.parkgrid.money.Money;
import city.parkgrid.testing.SettableClock;
import city.parkgrid.zones.control.EventScope;
import city.parkgrid.zones.control.ZoneMode;
import city.parkgrid.zones.control.ZonePolicy;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Advance reservations against the stadium's reserved spaces, booked on two nodes over the same
 * stores: the pool is shared, and what the public is denied follows the bookings on both.
 */
class ReservationsTest {

    private static final String STADIUM = "jiangwan-stadium";
    /** 11:00 in Shanghai, the control's start; it ends at 19:00 and takes bookings until 15:00. */
    private static final Instant START = Instant.parse("2026-11-28T03:00:00Z");

    private final SettableClock clock = new SettableClock(START);
    private Stores stores;
    private UseCases a;
    private UseCases b;

    @BeforeEach
    void setUp() {
        stores = EmbeddedStores.of(GeoJsonDataSetReader.wujiaochang(), Settings.DEFAULTS.occupancy());
        a = wire();
        b = wire();
        a.catalog().registerLots().toCompletableFuture().join();
        a.controls()
                .setControl(
                        "wujiaochang",
                        ZoneMode.MANAGED,
                        "match at Jiangwan Stadium",
                        Instant.parse("2026-11-28T11:00:00Z"),
                        new ZonePolicy(
                                0.85,
                                List.of(),
                                Map.of(STADIUM, 3),
                                Money.ZERO,
                                List.of("jiangwan-xinjiangwancheng"),
                                new EventScope(List.of(STADIUM), 300),
                                LocalTime.of(15, 0)),
                        "bureau");
        b.controls().refresh();
    }

    private UseCases wire() {
        return UseCases.wire(stores, Settings.DEFAULTS, clock, Executors.newSingleThreadExecutor(), Runnable::run);
    }

    private static <T> T join(CompletionStage<T> stage) {
        return stage.toCompletableFuture().join();
    }

    private int withheld() {
        return join(a.occupancy().findOccupancy(STADIUM)).orElseThrow().reserved();
    }

    private BookingResult book(UseCases node, String plate, String from, String until) {
        return join(
                node.reservations().book("driver-" + plate, plate, STADIUM, Instant.parse(from), Instant.parse(until)));
    }

    @Test
    void bookingsOnTwoNodesShareThePoolAndTheWithheldSpacesFollowThem() {
        assertThat(withheld()).isEqualTo(3);
        BookingResult early = book(a, "沪A00001", "2026-11-28T03:30:00Z", "2026-11-28T04:30:00Z");
        BookingResult second = book(b, "沪A00002", "2026-11-28T06:30:00Z", "2026-11-28T08:00:00Z");
        BookingResult third = book(a, "沪A00003", "2026-11-28T06:30:00Z", "2026-11-28T08:00:00Z");
        BookingResult fourth = book(b, "沪A00004", "2026-11-28T06:30:00Z", "2026-11-28T08:00:00Z");
        assertThat(List.of(early, second, third)).allMatch(BookingResult::booked);
        assertThat(fourth.booked()).isFalse();
        assertThat(fourth.refusal()).contains("all 3 reserved spaces");
        // booking moves no space while it is open: every reserved one is withheld, booked or not
        assertThat(withheld()).isEqualTo(3);

        // the early fan's car comes in: its reserved space is an occupied one now
        clock.set(Instant.parse("2026-11-28T03:40:00Z"));
        assertThat(join(a.reservations().arrive(early.booking().id()))
                        .orElseThrow()
                        .status())
                .isEqualTo(BookingStatus.ARRIVED);
        assertThat(withheld()).isEqualTo(2);
        // node B's refresh keeps it so: it reads the bookings, not the control's count
        b.controls().refresh();
        assertThat(withheld()).isEqualTo(2);

        // a cancellation on B gives its space back to the pool, which A then books
        assertThat(join(b.reservations().cancel(third.booking().id()))
                        .orElseThrow()
                        .status())
                .isEqualTo(BookingStatus.CANCELLED);
        assertThat(book(a, "沪A00004", "2026-11-28T06:30:00Z", "2026-11-28T08:00:00Z")
                        .booked())
                .isTrue();
        assertThat(book(b, "沪A00005", "2026-11-28T06:30:00Z", "2026-11-28T08:00:00Z")
                        .booked())
                .isFalse();

        // 15:00, booking closes: only the two bookings still to come are withheld, on B's tick
        clock.set(Instant.parse("2026-11-28T07:00:00Z"));
        b.controls().tick();
        assertThat(withheld()).isEqualTo(2);
        assertThat(book(a, "沪A00006", "2026-11-28T07:30:00Z", "2026-11-28T08:30:00Z")
                        .refusal())
                .startsWith("booking closed");

        // their windows pass without their cars: they lapse, and the public gets the spaces
        clock.set(Instant.parse("2026-11-28T08:00:00Z"));
        a.controls().tick();
        assertThat(withheld()).isZero();
        assertThat(join(a.reservations().find(second.booking().id()))
                        .orElseThrow()
                        .status())
                .isEqualTo(BookingStatus.LAPSED);
    }

    @Test
    void aLotTheControlReservesNothingInTakesNoBooking() {
        BookingResult result = join(
                a.reservations().book("d1", "沪A00001", "wanda-plaza", START.plusSeconds(600), START.plusSeconds(1800)));
        assertThat(result.booked()).isFalse();
        assertThat(result.refusal()).contains("reserves no spaces");
    }
}
