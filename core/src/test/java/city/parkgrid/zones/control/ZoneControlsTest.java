package city.parkgrid.zones.control;

import static org.assertj.core.api.Assertions.assertThat;

import city.parkgrid.CityTime;
import city.parkgrid.catalog.Geography;
import city.parkgrid.dataset.GeoJsonDataSetReader;
import city.parkgrid.lots.Lot;
import city.parkgrid.money.Money;
import city.parkgrid.occupancy.LotOccupancy;
import city.parkgrid.occupancy.OccupancySettings;
import city.parkgrid.occupancy.OccupancyStore;
import city.parkgrid.occupancy.memory.InMemoryOccupancyStore;
import city.parkgrid.testing.SettableClock;
import city.parkgrid.zones.control.memory.InMemoryZoneControlStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two nodes' {@link ZoneControls} over one control store and one occupancy store, with no notices
 * between them: what each learns from its own tick, on time, and what an idle tick costs.
 */
class ZoneControlsTest {

    /** Saturday 2026-11-28, 08:00 in Shanghai. */
    private static final Instant SATURDAY_MORNING =
            LocalDateTime.of(2026, 11, 28, 8, 0).atZone(CityTime.SHANGHAI).toInstant();

    private static final ZonePolicy CLOSES_WANDA =
            new ZonePolicy(null, List.of("wanda-plaza"), Map.of(), Money.ofFen(500), List.of(), null, null);

    private final SettableClock clock = new SettableClock(SATURDAY_MORNING);
    private Geography geography;
    private InMemoryOccupancyStore live;
    /** Every call node B made to the control store, by method name. */
    private final List<String> storeCallsOfB = new ArrayList<>();
    /** Every lot whose occupancy node B read. */
    private final List<String> lotsReadByB = new ArrayList<>();

    private ZoneControls a;
    private ZoneControls b;

    @BeforeEach
    void twoNodes() {
        geography = new Geography(GeoJsonDataSetReader.wujiaochang());
        live = new InMemoryOccupancyStore(OccupancySettings.DEFAULTS);
        for (Lot lot : geography.listLots()) {
            live.registerLot(lot.id(), lot.capacity(), SATURDAY_MORNING)
                    .toCompletableFuture()
                    .join();
        }
        InMemoryZoneControlStore shared = new InMemoryZoneControlStore();
        a = new ZoneControls(
                new ZoneControlService(shared, geography, geography), geography, live, clock, ReservedSpaces.ALL);
        ZoneControlStore seenByB =
                recording(ZoneControlStore.class, shared, (method, args) -> storeCallsOfB.add(method));
        OccupancyStore liveOfB = recording(OccupancyStore.class, live, (method, args) -> {
            if (method.equals("listOccupancy")) {
                lotsReadByB.addAll(stringsOf(args[0]));
            }
        });
        b = new ZoneControls(
                new ZoneControlService(seenByB, geography, geography), geography, liveOfB, clock, ReservedSpaces.ALL);
        a.refresh();
        b.refresh();
        storeCallsOfB.clear();
        lotsReadByB.clear();
    }

    private interface Call {
        void seen(String method, Object[] args);
    }

    /** The target, with every call told to {@code call} first. */
    private static <T> T recording(Class<T> type, T target, Call call) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, m, args) -> {
            call.seen(m.getName(), args);
            try {
                return m.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }));
    }

    @SuppressWarnings("unchecked")
    private static List<String> stringsOf(Object lotIds) {
        return List.copyOf((Collection<String>) lotIds);
    }

    private LotOccupancy wanda() {
        return live.listOccupancy(List.of("wanda-plaza"))
                .toCompletableFuture()
                .join()
                .get("wanda-plaza");
    }

    @Test
    void aChangeWhoseNoticeWasLostIsInForceOnTheOtherNodeAtItsNextTick() {
        a.setControl("wujiaochang", ZoneMode.EMERGENCY, "typhoon", null, CLOSES_WANDA, "bureau");
        // no notice reaches B: it still answers from what it read before
        assertThat(b.current("wujiaochang").mode()).isEqualTo(ZoneMode.NORMAL);
        clock.advance(Duration.ofSeconds(1));
        b.tick();
        assertThat(b.current("wujiaochang").mode()).isEqualTo(ZoneMode.EMERGENCY);
        assertThat(b.current("wujiaochang").reason()).isEqualTo("typhoon");
        assertThat(wanda().closed()).isTrue();
    }

    @Test
    void anIdleTickReadsOnlyTheControlVersionAndNoLotsOccupancy() {
        for (int second = 0; second < 10; second++) {
            clock.advance(Duration.ofSeconds(1));
            b.tick();
        }
        assertThat(storeCallsOfB).containsOnly("version").hasSize(10);
        assertThat(lotsReadByB).isEmpty();
    }

    @Test
    void aScheduleStartsAndEndsOnTimeFromWhatTheNodeReadWithoutReadingTheStoreAgain() {
        a.addSchedule(
                "wujiaochang",
                ZoneMode.MANAGED,
                CLOSES_WANDA,
                EnumSet.of(DayOfWeek.SATURDAY),
                LocalTime.of(10, 0),
                LocalTime.of(12, 0),
                "bureau");
        b.tick(); // the version moved: B reads the schedule once
        storeCallsOfB.clear();
        Instant start =
                LocalDateTime.of(2026, 11, 28, 10, 0).atZone(CityTime.SHANGHAI).toInstant();
        clock.set(start.minusSeconds(1));
        b.tick();
        assertThat(b.current("wujiaochang").mode()).isEqualTo(ZoneMode.NORMAL);
        clock.set(start);
        b.tick();
        assertThat(b.current("wujiaochang").mode()).isEqualTo(ZoneMode.MANAGED);
        assertThat(b.current("wujiaochang").source()).isEqualTo(ControlSource.SCHEDULE);
        assertThat(wanda().closed()).as("closed by B at the window's start").isTrue();
        clock.set(start.plus(Duration.ofHours(2)));
        b.tick();
        assertThat(b.current("wujiaochang").mode()).isEqualTo(ZoneMode.NORMAL);
        assertThat(wanda().closed()).as("reopened by B at the window's end").isFalse();
        assertThat(storeCallsOfB)
                .as("only the version was read; the modes recorded for the surcharge")
                .containsOnly("version", "recordMode");
        assertThat(storeCallsOfB.stream().filter("recordMode"::equals)).hasSize(2);
    }

    @Test
    void aManualControlEndsAtItsUntilOnANodeThatHeardNothingSince() {
        Instant until = SATURDAY_MORNING.plus(Duration.ofMinutes(30));
        a.setControl("wujiaochang", ZoneMode.EMERGENCY, "burst main", until, CLOSES_WANDA, "bureau");
        b.tick();
        clock.set(until.minusMillis(1));
        b.tick();
        assertThat(b.current("wujiaochang").mode()).isEqualTo(ZoneMode.EMERGENCY);
        clock.set(until);
        b.tick();
        assertThat(b.current("wujiaochang").mode()).isEqualTo(ZoneMode.NORMAL);
        assertThat(wanda().closed()).isFalse();
    }

    @Test
    void aTickReadsTheOccupancyOnlyOfUnitsWithATriggerAndFiresItOnEveryNode() {
        a.putTrigger("wujiaochang", 0.5, 1, null, 0, ZoneMode.MANAGED, ZonePolicy.NONE, "bureau");
        b.tick();
        lotsReadByB.clear();
        Set<String> unitLots =
                geography.listLotsInZone("wujiaochang").stream().map(Lot::id).collect(Collectors.toSet());
        assertThat(unitLots).isNotEmpty().hasSizeLessThan(geography.listLots().size());
        clock.advance(Duration.ofSeconds(1));
        b.tick();
        assertThat(lotsReadByB).as("the trigger's unit only").containsExactlyInAnyOrderElementsOf(unitLots);

        for (String lotId : unitLots) {
            int capacity = geography.findLot(lotId).orElseThrow().capacity();
            live.applySnapshot(lotId, capacity, clock.instant(), clock.instant())
                    .toCompletableFuture()
                    .join();
        }
        b.tick(); // the breach begins
        clock.advance(Duration.ofMinutes(1));
        b.tick(); // held for its minute: B activates it
        assertThat(b.current("wujiaochang").mode()).isEqualTo(ZoneMode.MANAGED);
        assertThat(b.current("wujiaochang").source()).isEqualTo(ControlSource.TRIGGER);
        clock.advance(Duration.ofSeconds(1));
        a.tick();
        assertThat(a.current("wujiaochang").mode())
                .as("A learned of B's activation from the version")
                .isEqualTo(ZoneMode.MANAGED);
        assertThat(a.audit("wujiaochang").stream().filter(e -> e.action().equals("trigger activated")))
                .hasSize(1);
    }
}
