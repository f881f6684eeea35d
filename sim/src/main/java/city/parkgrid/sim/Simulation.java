package city.parkgrid.sim;

import city.parkgrid.CityTime;
import city.parkgrid.catalog.Geography;
import city.parkgrid.geo.GeoPoint;
import city.parkgrid.lots.Lot;
import city.parkgrid.lots.LotKind;
import city.parkgrid.sim.DriverOutcome.End;
import city.parkgrid.sim.platform.ParkingPlatform;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * One simulated day: a discrete-event simulation of drivers arriving near their destinations in a
 * parking unit, searching (each by its policy), parking, staying and leaving, with every gate
 * event and allocation going through the platform. Deterministic for a given scenario, seed and
 * platform: events are ordered by time, then by creation order. Not thread-safe; run one at a time.
 */
public final class Simulation {

    static final int BIN_MINUTES = 15;
    static final int BINS = 24 * 60 / BIN_MINUTES;

    private final Scenario scenario;
    private final Geography geography;
    private final ParkingPlatform platform;
    private final double adoptionShare;
    private final Scenario.Policy adopterPolicy;
    private final Random random;
    private final Instant dayStart;
    private final List<Lot> zoneLots;

    private final PriorityQueue<Event> events =
            new PriorityQueue<>(Comparator.comparing(Event::at).thenComparingLong(Event::sequence));
    private long sequence;
    private final List<DriverOutcome> outcomes = new ArrayList<>();
    /** Drivers who arrived and have not parked or given up, in arrival order. */
    private final Set<Driver> searching = new LinkedHashSet<>();

    private final Map<String, int[]> occupancy = new LinkedHashMap<>();

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
        this.random = new Random(scenario.seed());
        this.dayStart = scenario.date().atStartOfDay(CityTime.SHANGHAI).toInstant();
        this.zoneLots = geography.listLotsInZone(scenario.zone());
        zoneLots.forEach(l -> occupancy.put(l.id(), new int[BINS]));
    }

    public Instant dayStart() {
        return dayStart;
    }

    /** Something that happens at a time. */
    private record Event(Instant at, long sequence, Runnable action) {}

    private void at(Instant time, Runnable action) {
        events.add(new Event(time, sequence++, action));
    }

    /** A driver's state while searching. */
    final class Driver {
        final long id;
        final String plate;
        final String kind;
        final GeoPoint destination;
        final boolean adopter;
        final Instant arrived;
        final Duration stay;
        GeoPoint position;
        double cruisingMetres;
        final Set<String> triedLots = new HashSet<>();
        String holdLot;

        Driver(long id, String kind, GeoPoint destination, boolean adopter, Instant arrived, Duration stay) {
            this.id = id;
            this.plate = "沪S" + String.format("%06d", id);
            this.kind = kind;
            this.destination = destination;
            this.adopter = adopter;
            this.arrived = arrived;
            this.stay = stay;
        }
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
        for (Lot lot : geography.listLots()) {
            double fill = scenario.backgroundFill().getOrDefault(lot.kind().name(), 0.0);
            if (fill > 0) {
                platform.fill(lot.id(), (int) Math.floor(lot.capacity() * fill), dayStart);
            }
        }
        generateDrivers();
        for (int minute = 0; minute < 24 * 60; minute++) {
            Instant t = dayStart.plus(Duration.ofMinutes(minute));
            int bin = minute % BIN_MINUTES == 0 ? minute / BIN_MINUTES : -1;
            at(t, () -> {
                platform.tick(t);
                if (bin >= 0) {
                    zoneLots.forEach(l -> occupancy.get(l.id())[bin] = platform.occupied(l.id()));
                }
            });
        }
    }

    private RunResult finish(String runName, Instant end) {
        for (Driver d : searching) {
            outcomes.add(outcome(d, End.STILL_DRIVING, end, null));
        }
        outcomes.sort(Comparator.comparingLong(DriverOutcome::driverId));
        Map<String, Integer> capacity = new LinkedHashMap<>();
        zoneLots.forEach(l -> capacity.put(l.id(), l.capacity()));
        return new RunResult(
                runName,
                adoptionShare,
                adopterPolicy,
                List.copyOf(outcomes),
                occupancy,
                capacity,
                platform.holdCounts());
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
                    Instant arrival = dayStart.plusSeconds(hour * 3600L + random.nextInt(3600));
                    Lot anchor = weighted(anchors);
                    GeoPoint destination = jitter(anchor.entrance(), 150);
                    Duration stay = Duration.ofSeconds(Math.max(
                            300,
                            Math.round(60
                                    * demand.stayMedianMinutes()
                                    * Math.exp(demand.staySigma() * random.nextGaussian()))));
                    Driver driver = new Driver(
                            id++, entry.getKey(), destination, random.nextDouble() < adoptionShare, arrival, stay);
                    at(arrival, () -> arrive(driver));
                }
            }
        }
    }

    /** Bigger lots draw proportionally more visitors: they stand for bigger destinations. */
    private Lot weighted(List<Lot> lots) {
        int total = lots.stream().mapToInt(Lot::capacity).sum();
        int pick = random.nextInt(Math.max(1, total));
        for (Lot lot : lots) {
            pick -= lot.capacity();
            if (pick < 0) {
                return lot;
            }
        }
        return lots.get(lots.size() - 1);
    }

    private GeoPoint jitter(GeoPoint p, double metres) {
        double bearing = random.nextDouble() * 2 * Math.PI;
        double distance = random.nextDouble() * metres;
        double dLat = distance * Math.cos(bearing) / 111_195.0;
        double dLon = distance * Math.sin(bearing) / (111_195.0 * Math.cos(Math.toRadians(p.lat())));
        return GeoPoint.of(p.lat() + dLat, p.lon() + dLon);
    }

    private void arrive(Driver d) {
        d.position = approachPoint(d.destination);
        searching.add(d);
        SearchPolicy policy = d.adopter ? SearchPolicy.of(adopterPolicy) : SearchPolicy.NO_INFORMATION;
        policy.start(this, d, d.arrived);
    }

    private GeoPoint approachPoint(GeoPoint destination) {
        double bearing = random.nextDouble() * 2 * Math.PI;
        double metres = scenario.driving().approachMetres();
        return GeoPoint.of(
                destination.lat() + metres * Math.cos(bearing) / 111_195.0,
                destination.lon()
                        + metres * Math.sin(bearing) / (111_195.0 * Math.cos(Math.toRadians(destination.lat()))));
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

    /** Drives to a lot; on arrival, parks if it can, otherwise {@code whenFull} decides (given the time). */
    public void driveTo(Driver d, Lot lot, Instant now, Consumer<Instant> whenFull) {
        double metres = d.position.metresTo(lot.entrance()) * scenario.driving().detourFactor();
        d.cruisingMetres += metres;
        d.position = lot.entrance();
        Instant arrival = now.plusMillis(Math.round(metres / (scenario.driving().searchSpeedKmh() / 3.6) * 1000));
        at(arrival, () -> {
            if (lot.id().equals(d.holdLot) || platform.hasFreeSpace(lot.id())) {
                park(d, lot, arrival);
            } else {
                d.triedLots.add(lot.id());
                whenFull.accept(arrival);
            }
        });
    }

    /** Lots near the destination the driver has not tried, nearest to the destination first. */
    public List<Lot> untriedLotsNear(Driver d) {
        return geography.findLotsNear(d.destination, scenario.noInformation().searchRadiusMetres()).stream()
                .map(n -> n.lot())
                .filter(l -> !d.triedLots.contains(l.id()))
                .toList();
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
        outcomes.add(outcome(d, End.GAVE_UP, now, null));
    }

    /** Whether the driver has reached the documented limit of lots tried or minutes spent. */
    public boolean exhausted(Driver d, Instant now) {
        return d.triedLots.size() >= scenario.noInformation().giveUpAfterLots()
                || Duration.between(d.arrived, now).toSeconds() / 60.0
                        >= scenario.noInformation().giveUpAfterMinutes();
    }

    public Instant afterLotCheck(Instant now) {
        return now.plusMillis(Math.round(scenario.noInformation().lotCheckMinutes() * 60_000));
    }

    public void later(Instant time, Runnable action) {
        at(time, action);
    }

    private void park(Driver d, Lot lot, Instant now) {
        searching.remove(d);
        platform.gate(lot.id(), "d" + d.id + "-in", true, d.plate, now);
        outcomes.add(outcome(d, End.PARKED, now, lot));
        Instant leaves = now.plus(d.stay);
        at(leaves, () -> platform.gate(lot.id(), "d" + d.id + "-out", false, d.plate, leaves));
    }

    private DriverOutcome outcome(Driver d, End end, Instant now, Lot lot) {
        int arrivalMinute = (int) Duration.between(dayStart, d.arrived).toMinutes();
        return new DriverOutcome(
                d.id,
                d.adopter,
                d.kind,
                arrivalMinute,
                end,
                Duration.between(d.arrived, now).toMillis() / 60_000.0,
                d.cruisingMetres,
                lot == null ? 0 : lot.entrance().metresTo(d.destination),
                lot == null ? null : lot.id(),
                d.triedLots.size());
    }
}
