package city.parkgrid.sim;

import city.parkgrid.CityTime;
import city.parkgrid.catalog.Geography;
import city.parkgrid.geo.GeoPoint;
import city.parkgrid.lots.Lot;
import city.parkgrid.lots.LotKind;
import city.parkgrid.sim.DriverOutcome.End;
import city.parkgrid.sim.platform.ParkingPlatform;
import city.parkgrid.sim.streets.StreetNetwork;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * One simulated day: a discrete-event simulation of drivers driving towards destinations in a
 * parking unit, searching (each by its policy), queueing at gates, finding a bay, walking, staying
 * and leaving.
 *
 * <p>The simulation keeps the true state of every lot (cars inside, spaces promised to holds, the
 * gate's queue); the platform sees it only through gate events, late by the scenario's sensor
 * delay, less the passages its sensors miss, and only for the lots connected to it. Demand is drawn from the seed alone and each driver
 * has a random stream of their own, so the same driver makes the same trip in every run of a seed
 * whatever the adoption share: runs can be compared driver by driver.
 *
 * <p>Deterministic for a given scenario, seed and platform: events are ordered by time, then by
 * creation order. Not thread-safe; one thread runs one simulation (several may run side by side).
 */
public final class Simulation {

    static final int BIN_MINUTES = 15;
    static final int BINS = 24 * 60 / BIN_MINUTES;

    /** What a test may watch: every gate passage and every arrival at a lot, as they happen. */
    public interface Observer {

        /**
         * A car passed a gate ({@code held}: a driver with a valid hold or a reservation there);
         * {@code occupied} and {@code overflow} are the lot's counts after it.
         */
        default void gate(String lotId, boolean entry, boolean held, int occupied, int overflow) {}

        /** A driver reached a lot's gate, holding a still valid space there or not, and got in or not. */
        default void lotArrival(long driverId, String lotId, boolean validHold, boolean admitted) {}

        /** A visitor parked in a priced lot and pays {@code fen} for the stay (runs with {@link #pricedBy}). */
        default void paid(long driverId, String lotId, long fen) {}

        /**
         * A car passed the gate of a lot while the bureau's control reserves spaces in it, or a car
         * on a reservation passed it ({@link #controlledBy}), {@code held} one with a valid hold:
         * {@code occupied} cars inside (those on a reservation too) and {@code kept} reserved spaces
         * not yet taken, after the passage.
         */
        default void reservedGate(
                String lotId, boolean entry, boolean reservation, boolean held, int occupied, int kept) {}
    }

    private final Scenario scenario;
    private final Geography geography;
    private final ParkingPlatform platform;
    private final double adoptionShare;
    private final Scenario.Policy adopterPolicy;
    private final Random demandRandom;
    private final Instant dayStart;
    private final List<Lot> zoneLots;
    /** The street graph cars drive on, or null: straight lines times the scenario's detour factor. */
    private final StreetNetwork streets;

    private final Map<String, LotState> lots = new LinkedHashMap<>();
    private final Map<String, Integer> signs = new HashMap<>();
    private Observer observer = new Observer() {};
    /** The lots' hourly rates and the drivers' values of time, when drivers respond to price; else null. */
    private LotRates rates;

    private ValueOfTime valueOfTime;

    /** The bureau's event control the gates and the reservations follow, or null (none in force). */
    private Scenario.EventControl control;

    /** Reservations booked so far, by lot. */
    private final Map<String, Integer> reservations = new HashMap<>();

    private final PriorityQueue<Event> events =
            new PriorityQueue<>(Comparator.comparing(Event::at).thenComparingLong(Event::sequence));
    private long sequence;
    private final List<DriverOutcome> outcomes = new ArrayList<>();
    /** Drivers who entered the search radius and have not parked or given up, in order. */
    private final Set<Driver> searching = new LinkedHashSet<>();

    private final Map<String, int[]> occupancy = new LinkedHashMap<>();
    private int noShows;

    public Simulation(
            Scenario scenario,
            Geography geography,
            ParkingPlatform platform,
            double adoptionShare,
            Scenario.Policy adopterPolicy) {
        this.scenario = scenario;
        this.geography = geography;
        this.platform = platform;
        this.adoptionShare = adoptionShare;
        this.adopterPolicy = adopterPolicy;
        this.demandRandom = new Random(scenario.seed());
        this.dayStart = scenario.date().atStartOfDay(CityTime.SHANGHAI).toInstant();
        this.zoneLots = geography.listLotsInZone(scenario.zone());
        this.streets = scenario.driving().streets() == null
                ? null
                : StreetNetwork.load(scenario.driving().streets());
        for (Lot lot : geography.listLots()) {
            lots.put(
                    lot.id(),
                    new LotState(
                            lot,
                            scenario.access().connected(lot),
                            scenario.lotService().spacesPerLane()));
        }
        zoneLots.forEach(l -> occupancy.put(l.id(), new int[BINS]));
        if (scenario.prices() != null) {
            pricedBy(scenario.prices().rates(geography.listLots(), scenario.access()), PricingWeeks.VALUE_OF_TIME);
        }
    }

    /** Watches every gate passage and lot arrival of the run (tests check invariants at each). */
    public Simulation observedBy(Observer observer) {
        this.observer = observer;
        return this;
    }

    /**
     * Drivers without information choose among the lots they know by generalized cost (price of
     * the stay at the lot's rate plus their value of driving and walking time), and visitors pay
     * the rate in force when they enter (issue 14).
     */
    public Simulation pricedBy(LotRates rates, ValueOfTime valueOfTime) {
        this.rates = rates;
        this.valueOfTime = valueOfTime;
        return this;
    }

    /**
     * Runs the day under the bureau's event control, which the platform was given through its own
     * use case (see {@link Experiment#simulation(Scenario, String)}): while its window lasts, each
     * lot's gate keeps the control's reserved spaces for ParkGrid users of the control's segment who
     * booked one ahead, first come first served in the order demand is drawn (earlier hours first).
     * The reserved spaces are a block of their own with a staffed lane: its cars are not counted by
     * the public gate's counter, so the platform's count and its withheld spaces do not count them
     * twice.
     */
    public Simulation controlledBy(Scenario.EventControl control) {
        this.control = control;
        return this;
    }

    ValueOfTime valueOfTime() {
        return valueOfTime;
    }

    /** The lots' rates when drivers respond to price, else null. */
    LotRates rates() {
        return rates;
    }

    public Instant dayStart() {
        return dayStart;
    }

    /** Something that happens at a time. */
    private record Event(Instant at, long sequence, Runnable action) {}

    private void at(Instant time, Runnable action) {
        events.add(new Event(time, sequence++, action));
    }

    /** A lot's true state. */
    static final class LotState {
        final Lot lot;
        final boolean connected;
        int occupied;
        int overflow;
        /** Spaces held by ParkGrid for drivers who have not reached the lot yet. */
        int promised;

        /** Spaces the bureau's control keeps for reservations now, and cars on a reservation inside. */
        int reservedBlock;

        int reservedInside;

        /** When each entry lane is next free: cars queue for the first free lane. */
        final Instant[] lanes;

        LotState(Lot lot, boolean connected, int spacesPerLane) {
            this.lot = lot;
            this.connected = connected;
            this.lanes = new Instant[Math.max(1, (int) Math.ceil(lot.capacity() / (double) spacesPerLane))];
            java.util.Arrays.fill(lanes, Instant.EPOCH);
        }

        /** The lane free soonest. */
        int nextLane() {
            int best = 0;
            for (int i = 1; i < lanes.length; i++) {
                if (lanes[i].isBefore(lanes[best])) {
                    best = i;
                }
            }
            return best;
        }

        double fill() {
            return lot.capacity() == 0 ? 1 : Math.min(1.0, occupied / (double) lot.capacity());
        }

        /** Reserved spaces no reservation has taken yet: closed to everyone else. */
        int keptForReservations() {
            return Math.max(0, reservedBlock - reservedInside);
        }
    }

    /** A driver's trip and state while searching. */
    final class Driver {
        final long id;
        final String plate;
        final String kind;
        final Scenario.Segment segment;
        final GeoPoint destination;
        /** The driver's own space (home, office permit), or null for a visitor. */
        final Lot ownLot;

        final Instant plannedRadiusAt;
        final Instant radiusAt;
        final Instant tripStart;
        final GeoPoint origin;
        final Duration stay;
        final boolean adopter;
        final boolean compliant;
        final boolean noShowTwin;
        final long knowledgeSeed;
        GeoPoint position;
        /** Minutes to drive from where the driver enters the search radius to the destination. */
        final double directMinutes;

        double cruisingMetres;
        int circles;
        /** The street nodes the driver has circled through (on the street graph). */
        final Set<Integer> circledNodes = new HashSet<>();

        int fullLotsFound;
        final Map<String, Instant> foundFull = new HashMap<>();
        final Set<String> seen = new HashSet<>();
        String holdLot;
        Instant holdExpires;
        /** A reserved space booked ahead in this lot (the bureau's control), or null. */
        Lot reservedLot;

        Promise promise;
        boolean heldAtRadius;
        /** Fen per minute of driving, drawn on first use from the driver's own seed (no other draw moves). */
        double valueOfTimeFenPerMinute = Double.NaN;

        Driver(
                long id,
                String kind,
                Scenario.Segment segment,
                GeoPoint destination,
                Lot ownLot,
                Instant plannedRadiusAt,
                Duration stay,
                SplittableRandom own) {
            this.id = id;
            this.plate = "沪S" + String.format("%06d", id);
            this.kind = kind;
            this.segment = segment;
            this.destination = destination;
            this.ownLot = ownLot;
            this.plannedRadiusAt = plannedRadiusAt;
            this.stay = stay;
            // every draw is made here, in a fixed order, so a driver is the same in every run
            double adoptDraw = own.nextDouble();
            double complianceDraw = own.nextDouble();
            double noShowDraw = own.nextDouble();
            double error = gaussian(own) * scenario.behaviour().arrivalErrorMinutes();
            double trip = scenario.driving().tripMedianMinutes()
                    * Math.exp(scenario.driving().tripSigma() * gaussian(own));
            double bearing = own.nextDouble() * 2 * Math.PI;
            this.knowledgeSeed = own.nextLong();
            this.adopter = ownLot == null && adoptDraw < adoptionShare;
            double compliance = adopterPolicy == Scenario.Policy.GARAGE_SIGNS
                    ? scenario.garageSigns().complianceShare()
                    : scenario.behaviour().complianceShare();
            this.compliant = complianceDraw < compliance;
            this.noShowTwin = adopter && noShowDraw < scenario.behaviour().noShowShare();
            this.radiusAt = plannedRadiusAt.plusMillis(Math.round(error * 60_000));
            this.tripStart = plannedRadiusAt.minusMillis(Math.round(trip * 60_000));
            double fromRadius = trip
                    * scenario.driving().searchSpeedKmh()
                    / 0.06
                    * 2
                    / scenario.driving().detourFactor();
            this.origin = offset(destination, bearing, scenario.driving().approachMetres() + fromRadius);
            this.position = offset(destination, bearing, scenario.driving().approachMetres());
            this.directMinutes = streets == null
                    ? drivingMinutes(scenario.driving().approachMetres())
                    : streets.between(position, destination).minutes();
        }

        /** The arrival at the destination the driver expects at trip start. */
        Instant plannedArrival() {
            return plannedRadiusAt.plusMillis(Math.round(directMinutes * 60_000));
        }

        double valueOfTimeFenPerMinute() {
            if (Double.isNaN(valueOfTimeFenPerMinute)) {
                valueOfTimeFenPerMinute = valueOfTime.draw(knowledgeSeed);
            }
            return valueOfTimeFenPerMinute;
        }

        boolean holdValidAt(Lot lot, Instant now) {
            return lot != null && lot.id().equals(holdLot) && holdExpires != null && now.isBefore(holdExpires);
        }
    }

    private static double gaussian(SplittableRandom r) {
        // Box–Muller: SplittableRandom has no nextGaussian on Java 17
        double u = 1 - r.nextDouble();
        double v = r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    /** Runs the day as fast as it can and answers what it measured. */
    public RunResult run(String runName) {
        schedule();
        Instant end = dayStart.plus(Duration.ofDays(1));
        while (!events.isEmpty() && events.peek().at().isBefore(end)) {
            events.poll().action().run();
        }
        return finish(runName, end);
    }

    /**
     * Runs the day against the wall clock (a live traffic source for a running platform): events up
     * to {@code liveFrom} at once, the rest {@code speedup} times faster than real time, until the
     * day ends or {@code stop} says so.
     */
    public RunResult runLive(String runName, double speedup, Instant liveFrom, BooleanSupplier stop) {
        schedule();
        long wallStart = System.nanoTime();
        Instant end = dayStart.plus(Duration.ofDays(1));
        while (!stop.getAsBoolean() && !events.isEmpty() && events.peek().at().isBefore(end)) {
            long due = wallStart
                    + (long) (Duration.between(liveFrom, events.peek().at()).toNanos() / speedup);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(Math.min(wait, 200_000_000L));
                continue;
            }
            events.poll().action().run();
        }
        return finish(runName, events.isEmpty() ? end : events.peek().at());
    }

    private void schedule() {
        if (control != null) {
            Instant from = scenario.date()
                    .atTime(control.from())
                    .atZone(CityTime.SHANGHAI)
                    .toInstant();
            Instant to = scenario.date()
                    .atTime(control.to())
                    .atZone(CityTime.SHANGHAI)
                    .toInstant();
            at(from, () -> control.reservedSpaces().forEach((lotId, n) -> lots.get(lotId).reservedBlock = n));
            at(to, () -> control.reservedSpaces().keySet().forEach(lotId -> lots.get(lotId).reservedBlock = 0));
        }
        for (LotState state : lots.values()) {
            double fill =
                    scenario.backgroundFill().getOrDefault(state.lot.kind().name(), 0.0);
            int cars = (int) Math.floor(state.lot.capacity() * fill);
            if (cars > 0) {
                state.occupied = cars;
                if (state.connected) {
                    platform.fill(state.lot.id(), cars, dayStart);
                }
            }
        }
        generateDrivers();
        for (int minute = 0; minute < 24 * 60; minute++) {
            Instant t = dayStart.plus(Duration.ofMinutes(minute));
            int bin = minute % BIN_MINUTES == 0 ? minute / BIN_MINUTES : -1;
            boolean refreshSigns = minute % Math.max(1, scenario.garageSigns().refreshMinutes()) == 0;
            at(t, () -> {
                platform.tick(t);
                if (bin >= 0) {
                    zoneLots.forEach(l -> occupancy.get(l.id())[bin] = lots.get(l.id()).occupied);
                }
                if (refreshSigns && adopterPolicy == Scenario.Policy.GARAGE_SIGNS && adoptionShare > 0) {
                    lots.values().stream()
                            .filter(s -> s.connected && s.lot.kind() != LotKind.ON_STREET)
                            .forEach(s -> signs.put(s.lot.id(), platform.free(s.lot.id())));
                }
            });
        }
    }

    private RunResult finish(String runName, Instant end) {
        for (Driver d : searching) {
            outcomes.add(outcome(d, End.STILL_DRIVING, end, null, 0, 0, 0));
        }
        outcomes.sort(Comparator.comparingLong(DriverOutcome::driverId));
        Map<String, Integer> capacity = new LinkedHashMap<>();
        zoneLots.forEach(l -> capacity.put(l.id(), l.capacity()));
        Map<String, Integer> overflow = new LinkedHashMap<>();
        lots.values().stream().filter(s -> s.overflow > 0).forEach(s -> overflow.put(s.lot.id(), s.overflow));
        ParkingPlatform.HoldCounts h = platform.holdCounts();
        return new RunResult(
                runName,
                scenario.seed(),
                adoptionShare,
                adopterPolicy,
                List.copyOf(outcomes),
                occupancy,
                capacity,
                overflow,
                new RunResult.Holds(h.granted(), h.fulfilled(), h.expired(), noShows));
    }

    private void generateDrivers() {
        long id = 0;
        for (var entry : scenario.demand().entrySet()) {
            Scenario.Demand demand = entry.getValue();
            List<Lot> anchors = zoneLots.stream()
                    .filter(l -> demand.lotKinds().contains(l.kind().name()))
                    .toList();
            if (anchors.isEmpty()) {
                continue;
            }
            List<Double> profile = demand.profile(scenario.dayKind());
            double total = profile.stream().mapToDouble(Double::doubleValue).sum();
            for (int hour = 0; hour < 24; hour++) {
                long cars = Math.round(demand.arrivals(scenario.dayKind()) * profile.get(hour) / total);
                for (int i = 0; i < cars; i++) {
                    Instant at = dayStart.plusSeconds(hour * 3600L + demandRandom.nextInt(3600));
                    Lot anchor = weighted(anchors, demand);
                    GeoPoint destination = jitter(anchor.entrance(), 150);
                    Duration stay = Duration.ofSeconds(Math.max(
                            300,
                            Math.round(60
                                    * demand.stayMedianMinutes()
                                    * Math.exp(demand.staySigma() * demandRandom.nextGaussian()))));
                    SplittableRandom own = new SplittableRandom(scenario.seed() * 1_000_003L + id);
                    if (demand.overnight()) {
                        scheduleOvernight(id++, entry.getKey(), demand, anchor, destination, at, stay, own);
                    } else {
                        Driver driver = new Driver(
                                id++,
                                entry.getKey(),
                                demand.segment(),
                                destination,
                                demand.ownLot() ? anchor : null,
                                at,
                                stay,
                                own);
                        reserveAhead(driver);
                        scheduleTrip(driver);
                    }
                }
            }
        }
    }

    /**
     * A resident's car is in its own lot at midnight, leaves at {@code leaves} (drawn from the
     * demand's profile) and comes back after {@code away}, searching for a space like any driver.
     */
    private void scheduleOvernight(
            long id,
            String kind,
            Scenario.Demand demand,
            Lot home,
            GeoPoint destination,
            Instant leaves,
            Duration away,
            SplittableRandom own) {
        LotState state = lots.get(home.id());
        if (state.occupied >= home.capacity()) {
            return;
        }
        Driver driver = new Driver(id, kind, demand.segment(), destination, home, leaves.plus(away), away, own);
        enter(state, driver.plate, id + "-night", dayStart, false);
        at(leaves, () -> exit(state, driver.plate, id + "-morning", leaves));
        if (driver.plannedRadiusAt.isBefore(dayStart.plus(Duration.ofDays(1)))) {
            scheduleTrip(driver);
        }
    }

    /**
     * A ParkGrid user of the control's segment whose trip falls in its window books a reserved space
     * ahead, while one is left.
     */
    private void reserveAhead(Driver d) {
        if (control == null
                || !d.adopter
                || adopterPolicy != Scenario.Policy.PARKGRID
                || d.segment != control.reservedFor()
                || !d.plannedRadiusAt.isBefore(dayStart.plus(Duration.ofDays(1)))
                || !control.inWindow(java.time.LocalTime.ofInstant(d.plannedRadiusAt, CityTime.SHANGHAI))) {
            return;
        }
        for (var spaces : control.reservedSpaces().entrySet()) {
            int booked = reservations.getOrDefault(spaces.getKey(), 0);
            if (booked < spaces.getValue()) {
                reservations.put(spaces.getKey(), booked + 1);
                d.reservedLot = geography.getLot(spaces.getKey());
                return;
            }
        }
    }

    private void scheduleTrip(Driver driver) {
        if (driver.adopter && adopterPolicy == Scenario.Policy.PARKGRID) {
            Instant asks = driver.tripStart.isBefore(dayStart) ? dayStart : driver.tripStart;
            if (driver.reservedLot == null) {
                // a driver with a reservation has a space already and asks for none
                at(asks, () -> ParkGridSearch.askAtTripStart(this, driver, asks));
            }
            if (driver.noShowTwin) {
                at(asks, () -> noShowRequest(driver, asks));
            }
        }
        at(driver.radiusAt, () -> enterRadius(driver));
    }

    /** A request whose driver never comes: the space is held until the hold expires. */
    private void noShowRequest(Driver twin, Instant now) {
        ParkingPlatform.AllocationAnswer answer = platform.allocate(
                "sim-noshow-" + twin.id,
                "沪N" + String.format("%06d", twin.id),
                twin.destination,
                twin.origin,
                twin.plannedArrival(),
                scenario.maxWalkMetres(),
                scenario.holdMinutes(),
                now);
        if (answer.allocation() != null) {
            noShows++;
            promise(answer.allocation().lotId(), answer.allocation().expiresAt());
        }
    }

    /** Lot choice weighted by each destination's attraction (the big malls pull more than their share). */
    private Lot weighted(List<Lot> candidates, Scenario.Demand demand) {
        double total = candidates.stream()
                .mapToDouble(l -> demand.attractionOf(l.id()))
                .sum();
        double pick = demandRandom.nextDouble() * total;
        for (Lot lot : candidates) {
            pick -= demand.attractionOf(lot.id());
            if (pick < 0) {
                return lot;
            }
        }
        return candidates.get(candidates.size() - 1);
    }

    private GeoPoint jitter(GeoPoint p, double metres) {
        return offset(p, demandRandom.nextDouble() * 2 * Math.PI, demandRandom.nextDouble() * metres);
    }

    private static GeoPoint offset(GeoPoint p, double bearing, double metres) {
        double dLat = metres * Math.cos(bearing) / 111_195.0;
        double dLon = metres * Math.sin(bearing) / (111_195.0 * Math.cos(Math.toRadians(p.lat())));
        return GeoPoint.of(p.lat() + dLat, p.lon() + dLon);
    }

    private void enterRadius(Driver d) {
        searching.add(d);
        d.heldAtRadius = d.holdValidAt(lotOr(d.holdLot), d.radiusAt);
        if (d.ownLot != null) {
            driveTo(d, d.ownLot, d.radiusAt, full -> SearchPolicy.NO_INFORMATION.start(this, d, afterLotCheck(full)));
            return;
        }
        if (d.reservedLot != null) {
            driveTo(
                    d,
                    d.reservedLot,
                    d.radiusAt,
                    full -> SearchPolicy.NO_INFORMATION.start(this, d, afterLotCheck(full)));
            return;
        }
        SearchPolicy ownSearch = rates == null ? SearchPolicy.NO_INFORMATION : SearchPolicy.PRICE_AWARE;
        SearchPolicy policy = d.adopter && d.compliant ? SearchPolicy.of(adopterPolicy) : ownSearch;
        policy.start(this, d, d.radiusAt);
    }

    private Lot lotOr(String lotId) {
        return lotId == null ? null : geography.getLot(lotId);
    }

    // ---- what policies can ask and do ----

    public Scenario scenario() {
        return scenario;
    }

    public ParkingPlatform platform() {
        return platform;
    }

    public Geography geography() {
        return geography;
    }

    /**
     * Minutes to drive from where the driver entered the search radius to the destination: on the
     * street graph, or straight across the radius times the detour factor.
     */
    public double directMinutes(Driver d) {
        return d.directMinutes;
    }

    /** Minutes to walk from a lot's entrance to the driver's destination. */
    double walkingMinutes(Driver d, Lot lot) {
        return lot.entrance().metresTo(d.destination)
                * scenario.driving().detourFactor()
                / (scenario.driving().walkSpeedKmh() / 0.06);
    }

    /** Minutes to drive from where the driver is to a lot's entrance. */
    double drivingMinutes(Driver d, Lot lot) {
        return streets == null
                ? drivingMinutes(d.position.metresTo(lot.entrance()))
                : streets.between(d.position, lot.entrance()).minutes();
    }

    private double drivingMinutes(double straightMetres) {
        return straightMetres
                * scenario.driving().detourFactor()
                / (scenario.driving().searchSpeedKmh() / 0.06);
    }

    /** A space the gate keeps for a hold until the driver comes or the hold expires. */
    static final class Promise {
        final LotState lot;
        boolean released;

        Promise(LotState lot) {
            this.lot = lot;
        }

        void release() {
            if (!released) {
                released = true;
                lot.promised--;
            }
        }
    }

    private Promise promise(String lotId, Instant expires) {
        Promise promise = new Promise(lots.get(lotId));
        promise.lot.promised++;
        at(expires, promise::release);
        return promise;
    }

    /** Records a hold granted to a driver: the gate keeps the space until it expires (a new hold replaces it). */
    void hold(Driver d, ParkingPlatform.Allocation allocation) {
        if (d.promise != null) {
            d.promise.release();
        }
        d.holdLot = allocation.lotId();
        d.holdExpires = allocation.expiresAt();
        d.promise = promise(allocation.lotId(), allocation.expiresAt());
    }

    /** Drives to a lot; on arrival, parks if the gate lets the driver in, otherwise {@code whenFull} decides. */
    public void driveTo(Driver d, Lot lot, Instant now, Consumer<Instant> whenFull) {
        Instant arrival;
        if (streets == null) {
            double metres = d.position.metresTo(lot.entrance());
            d.cruisingMetres += metres * scenario.driving().detourFactor();
            arrival = now.plusMillis(Math.round(drivingMinutes(metres) * 60_000));
        } else {
            StreetNetwork.Drive drive = streets.between(d.position, lot.entrance());
            d.cruisingMetres += drive.metres();
            arrival = now.plusMillis(Math.round(drive.seconds() * 1000));
        }
        d.position = lot.entrance();
        at(arrival, () -> arriveAtLot(d, lot, arrival, whenFull));
    }

    /**
     * Circles a block around the destination (no known lot left to try), seeing more lots: without
     * a street graph a circle of the sight radius; on the graph, through the street node nearest the
     * destination not circled through yet, and back to the destination.
     */
    public void circle(Driver d, Instant now, Consumer<Instant> then) {
        double seconds;
        if (streets == null) {
            double metres = 2 * Math.PI * scenario.noInformation().seesWithinMetres();
            d.cruisingMetres += metres;
            seconds = metres / (scenario.driving().searchSpeedKmh() / 3.6);
        } else {
            int node = streets.nextNodeAround(d.destination, d.circledNodes);
            d.circledNodes.add(node);
            StreetNetwork.Drive out = streets.between(d.position, streets.node(node));
            StreetNetwork.Drive home = streets.between(streets.node(node), d.destination);
            d.cruisingMetres += out.metres() + home.metres();
            seconds = out.seconds() + home.seconds();
        }
        d.circles++;
        d.position = d.destination;
        Instant back = now.plusMillis(Math.round(seconds * 1000));
        at(back, () -> then.accept(back));
    }

    private void arriveAtLot(Driver d, Lot lot, Instant now, Consumer<Instant> whenFull) {
        LotState state = lots.get(lot.id());
        boolean validHold = d.holdValidAt(lot, now);
        geography.listLots().stream()
                .filter(l -> l.entrance().metresTo(lot.entrance())
                        <= scenario.noInformation().seesWithinMetres())
                .forEach(l -> d.seen.add(l.id()));
        boolean reservation = d.reservedLot != null && d.reservedLot.id().equals(lot.id());
        boolean admitted;
        if (validHold) {
            d.promise.release();
            d.holdLot = null;
            admitted = true;
        } else if (reservation) {
            // a booked space is kept for its driver: let in even if the window has ended meanwhile
            admitted = true;
        } else {
            boolean allowed = d.ownLot != null && d.ownLot.id().equals(lot.id())
                    || scenario.access().openToVisitors(lot);
            admitted = allowed && state.occupied + state.promised + state.keptForReservations() < lot.capacity();
        }
        observer.lotArrival(d.id, lot.id(), validHold, admitted);
        if (!admitted) {
            d.fullLotsFound++;
            d.foundFull.put(lot.id(), now);
            whenFull.accept(now);
            return;
        }
        park(d, state, now, validHold, reservation);
    }

    /** Lots open to the driver within the search radius, nearest to the destination first. */
    public List<Lot> lotsNear(Driver d) {
        return geography.findLotsNear(d.destination, scenario.noInformation().searchRadiusMetres()).stream()
                .map(n -> n.lot())
                .filter(l -> scenario.access().openToVisitors(l) && l.kind() != LotKind.PARK_AND_RIDE)
                .toList();
    }

    /** Whether the driver knows of the lot: told before (partial knowledge), seen, or near enough to see. */
    public boolean knows(Driver d, Lot lot) {
        if (d.seen.contains(lot.id())
                || lot.entrance().metresTo(d.destination)
                        <= scenario.noInformation().seesWithinMetres() * (1 + d.circles)) {
            return true;
        }
        return new SplittableRandom(d.knowledgeSeed ^ lot.id().hashCode()).nextDouble()
                < scenario.noInformation().knownShare();
    }

    /** Whether the driver still remembers finding the lot full (SUMO's memory, fading after a while). */
    public boolean remembersFull(Driver d, Lot lot, Instant now) {
        Instant when = d.foundFull.get(lot.id());
        return when != null
                && Duration.between(when, now).toSeconds()
                        < scenario.noInformation().memoryMinutes() * 60;
    }

    /** What a garage's guidance sign shows now: its free spaces at the last refresh, or null without a sign. */
    public Integer sign(Lot lot) {
        return signs.get(lot.id());
    }

    /** The nearest park-and-ride lot outside the unit. */
    public Lot nearestParkAndRideOutside(Driver d) {
        return geography.findLotsNear(d.destination, 10_000).stream()
                .map(n -> n.lot())
                .filter(l ->
                        l.kind() == LotKind.PARK_AND_RIDE && !scenario.zone().equals(l.zoneId()))
                .findFirst()
                .orElse(null);
    }

    public void giveUp(Driver d, Instant now) {
        searching.remove(d);
        outcomes.add(outcome(d, End.GAVE_UP, now, null, 0, 0, 0));
    }

    /** Gives up, if the driver has reached the documented limit of full lots or minutes; answers whether. */
    public boolean gaveUpExhausted(Driver d, Instant now) {
        boolean exhausted = d.fullLotsFound >= scenario.noInformation().giveUpAfterLots()
                || Duration.between(d.radiusAt, now).toSeconds() / 60.0
                        >= scenario.noInformation().giveUpAfterMinutes();
        if (exhausted) {
            giveUp(d, now);
        }
        return exhausted;
    }

    public Instant afterLotCheck(Instant now) {
        return now.plusMillis(Math.round(scenario.noInformation().lotCheckMinutes() * 60_000));
    }

    public void later(Instant time, Runnable action) {
        at(time, action);
    }

    private void park(Driver d, LotState state, Instant now, boolean validHold, boolean reservation) {
        searching.remove(d);
        Lot lot = state.lot;
        boolean kerb = lot.kind() == LotKind.ON_STREET;
        Scenario.LotService service = scenario.lotService();
        Instant start = now;
        if (!kerb) {
            int lane = state.nextLane();
            start = now.isAfter(state.lanes[lane]) ? now : state.lanes[lane];
            state.lanes[lane] = start.plusMillis(Math.round(service.gateSeconds() * 1000));
        }
        double gateMinutes = Duration.between(now, start).toMillis() / 60_000.0;
        double bayMinutes = service.bayMinutesEmpty()
                + ((kerb ? service.kerbBayMinutesFull() : service.bayMinutesFull()) - service.bayMinutesEmpty())
                        * Math.pow(state.fill(), service.bayExponent());
        enter(state, d.plate, d.id + "-in", start, validHold, reservation);
        Instant parked = start.plusMillis(Math.round(bayMinutes * 60_000));
        double walkMinutes = egressMinutes(d, lot);
        if (rates != null && d.ownLot == null && rates.priced(lot.id())) {
            observer.paid(d.id, lot.id(), rates.feeFen(lot.id(), start, d.stay));
        }
        Instant onFoot = parked.plusMillis(Math.round(walkMinutes * 60_000));
        outcomes.add(outcome(d, End.PARKED, onFoot, lot, gateMinutes, bayMinutes, walkMinutes));
        Instant leaves = onFoot.plus(d.stay);
        at(leaves, () -> exit(state, d.plate, d.id + "-out", leaves, reservation));
    }

    /**
     * From the lot to the destination: on foot, or from a park-and-ride lot by the metro or shuttle
     * of the scenario's {@code parkAndRideMinutes} when that is quicker.
     */
    double egressMinutes(Driver d, Lot lot) {
        double walk = walkingMinutes(d, lot);
        Double ride = scenario.parkAndRideMinutes();
        return lot.kind() == LotKind.PARK_AND_RIDE && ride != null ? Math.min(walk, ride) : walk;
    }

    /**
     * A car enters. Only a driver with a valid hold is let in beyond capacity (the operator squeezes
     * in a car the platform promised a space, when the platform's late counts promised one too many);
     * that is recorded as overflow.
     */
    private void enter(LotState state, String plate, String eventId, Instant at, boolean held) {
        enter(state, plate, eventId, at, held, false);
    }

    /**
     * A car enters; one on a reservation (let in as a held one is, beyond capacity recorded as
     * overflow) takes a reserved space, through the block's own lane: the public counter does not
     * see it, so the platform is not told.
     */
    private void enter(LotState state, String plate, String eventId, Instant at, boolean held, boolean reservation) {
        state.occupied++;
        if (reservation) {
            state.reservedInside++;
        }
        if ((held || reservation) && state.occupied > state.lot.capacity()) {
            state.overflow++;
        }
        observer.gate(state.lot.id(), true, held || reservation, state.occupied, state.overflow);
        watchReserved(state, true, reservation, held);
        if (!reservation) {
            report(state, eventId, true, plate, at);
        }
    }

    private void exit(LotState state, String plate, String eventId, Instant at) {
        exit(state, plate, eventId, at, false);
    }

    private void exit(LotState state, String plate, String eventId, Instant at, boolean reservation) {
        state.occupied--;
        if (reservation) {
            state.reservedInside--;
        }
        observer.gate(state.lot.id(), false, false, state.occupied, state.overflow);
        watchReserved(state, false, reservation, false);
        if (!reservation) {
            report(state, eventId, false, plate, at);
        }
    }

    private void watchReserved(LotState state, boolean entry, boolean reservation, boolean held) {
        if (state.reservedBlock > 0 || reservation) {
            observer.reservedGate(
                    state.lot.id(), entry, reservation, held, state.occupied, state.keptForReservations());
        }
    }

    /**
     * The gate's event reaches the platform, late by the sensor delay, if the lot is connected and
     * the passage is not lost.
     */
    private void report(LotState state, String eventId, boolean entry, String plate, Instant at) {
        if (!state.connected || lost(eventId)) {
            return;
        }
        int delay = scenario.behaviour().sensorDelaySeconds();
        if (delay == 0 || at.equals(dayStart)) {
            platform.gate(state.lot.id(), eventId, entry, plate, at);
        } else {
            Instant seen = at.plusSeconds(delay);
            at(seen, () -> platform.gate(state.lot.id(), eventId, entry, plate, seen));
        }
    }

    /**
     * Whether the sensors miss this passage: drawn from the seed and the passage alone, so the same
     * passages are lost in every run of a seed and runs still compare driver by driver.
     */
    private boolean lost(String eventId) {
        return lost(scenario.seed(), eventId, scenario.behaviour().sensorLossShare());
    }

    static boolean lost(long seed, String eventId, double share) {
        return share > 0 && new SplittableRandom(seed * 0x9E3779B97F4A7C15L + eventId.hashCode()).nextDouble() < share;
    }

    private DriverOutcome outcome(
            Driver d, End end, Instant now, Lot lot, double gateMinutes, double bayMinutes, double walkMinutes) {
        int arrivalMinute = (int) Duration.between(dayStart, d.radiusAt).toMinutes();
        return new DriverOutcome(
                d.id,
                d.adopter,
                d.kind,
                d.segment,
                arrivalMinute,
                end,
                Duration.between(d.radiusAt, now).toMillis() / 60_000.0,
                d.directMinutes,
                walkMinutes,
                gateMinutes,
                bayMinutes,
                d.cruisingMetres,
                lot == null ? 0 : lot.entrance().metresTo(d.destination),
                lot == null ? null : lot.id(),
                d.fullLotsFound,
                d.heldAtRadius,
                d.reservedLot != null,
                lot != null && lot.kind() == LotKind.PARK_AND_RIDE);
    }
}
