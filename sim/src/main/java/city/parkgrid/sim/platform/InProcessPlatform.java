package city.parkgrid.sim.platform;

import city.parkgrid.accounts.AccountService;
import city.parkgrid.accounts.PaymentMethod;
import city.parkgrid.accounts.PlateBoundException;
import city.parkgrid.allocation.AllocationOutcome;
import city.parkgrid.allocation.AllocationRequest;
import city.parkgrid.allocation.GuidanceRequest;
import city.parkgrid.allocation.VehicleKind;
import city.parkgrid.app.Settings;
import city.parkgrid.app.UseCases;
import city.parkgrid.app.memory.EmbeddedStores;
import city.parkgrid.catalog.Geography;
import city.parkgrid.dataset.DataSet;
import city.parkgrid.geo.GeoPoint;
import city.parkgrid.lots.Lot;
import city.parkgrid.money.Money;
import city.parkgrid.occupancy.GateEvent;
import city.parkgrid.occupancy.GateEventFlag;
import city.parkgrid.occupancy.GateEventType;
import city.parkgrid.occupancy.Hold;
import city.parkgrid.occupancy.HoldStatus;
import city.parkgrid.occupancy.IngestionResult;
import city.parkgrid.occupancy.LotOccupancy;
import city.parkgrid.tariffs.Tariff;
import city.parkgrid.zones.control.ZoneControls;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * ParkGrid itself, in this process: the simulated drivers and gates call the same use cases as
 * the HTTP handlers ({@link UseCases}), so a simulated exit is priced and settled exactly as a
 * real one. Two clocks:
 *
 * <ul>
 *   <li>{@link #simulated}: a fresh embedded platform on the simulation's own time. Every call
 *       completes at once and linked payments run inline, so a run stays single-threaded and
 *       reproducible ({@code ./parkgrid sim}).</li>
 *   <li>{@link #live}: a running node's use cases on the wall clock ({@code ./parkgrid dev
 *       --simulate}), so a new user sees live occupancy, allocations, streams and the ledger move.</li>
 * </ul>
 *
 * Drivers who use ParkGrid have a prepaid account with their plate bound, opened and topped up
 * the first time they ask for a space; drivers who do not have none, so their exits are free of
 * bookkeeping, as at a real lot. Lots without a tariff are given {@link #TYPICAL_TARIFF}. Not
 * thread-safe: one simulation drives one instance.
 */
public final class InProcessPlatform implements ParkingPlatform {

    /**
     * The simulated city's tariff where a lot has none of its own: 15 free minutes, then 10 yuan an
     * hour by day and 5 at night, at most 80 yuan a day, a typical Shanghai commercial lot.
     */
    public static final Tariff TYPICAL_TARIFF = new Tariff(
            15,
            60,
            Money.ofFen(1_000),
            Money.ofFen(500),
            LocalTime.of(8, 0),
            LocalTime.of(20, 0),
            Money.ofFen(8_000),
            0);

    /** What a simulated driver tops up the first time: enough for a few days of parking. */
    static final Money FIRST_TOP_UP = Money.ofFen(50_000);

    private final UseCases parkGrid;
    private final SimulatedClock simulatedClock;
    private final Clock wallClock;
    private final String eventPrefix;
    private final String gate;
    /** Accounts opened for ParkGrid users so far; read by other threads in live mode. */
    private final Set<String> accounts = ConcurrentHashMap.newKeySet();

    /** Holds granted and not yet looked at after their expiry, soonest expiry first. */
    private final PriorityQueue<Hold> liveHolds =
            new PriorityQueue<>(Comparator.comparing(Hold::expiresAt).thenComparing(Hold::id));

    private int granted;
    private int fulfilled;
    private int expired;

    private InProcessPlatform(
            UseCases parkGrid, SimulatedClock simulatedClock, Clock wallClock, String eventPrefix, String gate) {
        this.parkGrid = parkGrid;
        this.simulatedClock = simulatedClock;
        this.wallClock = wallClock;
        this.eventPrefix = eventPrefix;
        this.gate = gate;
        Instant now = simulatedClock != null ? simulatedClock.instant() : wallClock.instant();
        for (Lot lot : parkGrid.geography().listLots()) {
            if (parkGrid.tariffs().findTariff(lot.id()).isEmpty()) {
                parkGrid.tariffs().putTariff(lot.id(), TYPICAL_TARIFF);
            }
        }
        join(parkGrid.occupancy().registerLots(parkGrid.geography().listLots(), now));
    }

    /** A fresh embedded platform holding {@code data}, on simulated time from {@code start}. */
    public static InProcessPlatform simulated(DataSet data, Instant start) {
        SimulatedClock clock = new SimulatedClock(start);
        UseCases parkGrid = UseCases.wire(
                EmbeddedStores.of(data, Settings.DEFAULTS.occupancy()),
                // a copy's age is wall-clock time, which is not the simulation's: read fresh, so a
                // run is the same whatever the machine's speed
                Settings.DEFAULTS.withRecentOccupancyMaxAge(Duration.ZERO),
                clock,
                Runnable::run,
                Runnable::run);
        return new InProcessPlatform(parkGrid, clock, null, "", null);
    }

    /**
     * A running node's use cases on the wall clock: the simulated times the simulation passes in
     * are replaced by now. Event ids carry a prefix of this start, so a second start is not taken
     * for a resend of the first.
     */
    public static InProcessPlatform live(UseCases parkGrid, Clock wallClock) {
        return new InProcessPlatform(parkGrid, null, wallClock, "live" + wallClock.millis() + "-", "sim");
    }

    /** The accounts this traffic opened for its ParkGrid users. */
    public Set<String> accountIds() {
        return Set.copyOf(accounts);
    }

    /**
     * The node's own zone-control use case, as the bureau's screens reach it: a schedule or manual
     * control set here is put in force by the platform's periodic work ({@link #tick}) when its
     * window comes, and guidance and allocation follow it.
     */
    public ZoneControls controls() {
        return parkGrid.controls();
    }

    /** The geography the platform serves, for the simulation's drivers to choose from. */
    public Geography geography() {
        return parkGrid.geography();
    }

    private static <T> T join(CompletionStage<T> stage) {
        return stage.toCompletableFuture().join();
    }

    /** The platform's time for a simulated instant; moves the simulated clock there. */
    private Instant at(Instant simulated) {
        if (simulatedClock == null) {
            return wallClock.instant();
        }
        simulatedClock.set(simulated);
        return simulated;
    }

    @Override
    public void fill(String lotId, int cars, Instant simulatedAt) {
        Instant at = at(simulatedAt);
        join(parkGrid.occupancy().applySnapshot(parkGrid.geography().getLot(lotId), cars, at, at));
    }

    @Override
    public AllocationAnswer allocate(
            String driverId,
            String plate,
            GeoPoint destination,
            GeoPoint origin,
            Instant arriveAt,
            double maxWalkMetres,
            int holdMinutes,
            Instant simulatedNow) {
        Instant now = at(simulatedNow);
        openAccount(driverId, plate, now);
        GuidanceRequest wish = new GuidanceRequest(
                destination, origin, simulatedClock == null ? null : arriveAt, null, maxWalkMetres, VehicleKind.CAR);
        AllocationOutcome outcome = join(parkGrid.allocations()
                .allocate(new AllocationRequest(driverId, plate, null, wish, Duration.ofMinutes(holdMinutes)), now));
        if (!outcome.granted()) {
            return new AllocationAnswer(
                    null, outcome.alternatives().stream().map(n -> n.lot().id()).toList());
        }
        granted++;
        liveHolds.add(outcome.hold());
        return new AllocationAnswer(
                new Allocation(
                        outcome.hold().id(),
                        outcome.hold().lotId(),
                        outcome.walkMetres(),
                        outcome.hold().expiresAt()),
                List.of());
    }

    /** A ParkGrid user's prepaid account, the first time they ask; later asks find it open. */
    private void openAccount(String driverId, String plate, Instant now) {
        // a driver's account id is the driver's id: allocation holds only for the driver's own plates
        String accountId = driverId;
        if (!accounts.add(accountId)) {
            return;
        }
        AccountService book = parkGrid.accounts();
        try {
            book.open(accountId, Set.of(plate), null, PaymentMethod.PREPAID);
        } catch (AccountService.AccountExistsException | PlateBoundException alreadyOpen) {
            return; // opened by an earlier start of the same day (live mode): keep it as it is
        }
        book.topUp(accountId, FIRST_TOP_UP, accountId + "-first", now);
    }

    @Override
    public int free(String lotId) {
        return state(lotId).free();
    }

    @Override
    public void gate(String lotId, String eventId, boolean entry, String plate, Instant simulatedAt) {
        Instant at = at(simulatedAt);
        GateEvent event =
                new GateEvent(eventPrefix + eventId, entry ? GateEventType.ENTRY : GateEventType.EXIT, plate, at, gate);
        IngestionResult result =
                parkGrid.gateEvents().record(parkGrid.geography().getLot(lotId), List.of(event), at);
        if (result.outcomes().get(0).flag() == GateEventFlag.FULFILLED_HOLD) {
            fulfilled++;
        }
    }

    @Override
    public void tick(Instant simulatedNow) {
        Instant now = at(simulatedNow);
        // the node's own sweeper does this too in live mode; ending a hold twice is harmless
        join(parkGrid.allocations().expireDue(now, 10_000));
        if (simulatedClock != null) {
            // a node ticks its zone controls each second; on simulated time nothing else does, and a
            // schedule's window comes into force only at a tick (a live node ticks them itself)
            parkGrid.controls().tick();
        }
        // a hold ends by its expiry at the latest: only those due are looked at, once each
        while (!liveHolds.isEmpty() && !liveHolds.peek().expiresAt().isAfter(now)) {
            String id = liveHolds.poll().id();
            HoldStatus status = join(parkGrid.allocations().find(id, now))
                    .map(h -> h.status())
                    .orElse(HoldStatus.EXPIRED);
            if (status == HoldStatus.EXPIRED) {
                expired++;
            }
        }
    }

    @Override
    public int occupied(String lotId) {
        return state(lotId).occupied();
    }

    @Override
    public HoldCounts holdCounts() {
        return new HoldCounts(granted, fulfilled, expired);
    }

    private LotOccupancy state(String lotId) {
        Lot lot = parkGrid.geography().getLot(lotId);
        return join(parkGrid.occupancy().findOccupancy(lotId)).orElse(LotOccupancy.empty(lotId, lot.capacity()));
    }
}
