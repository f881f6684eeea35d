package city.parkgrid.sim;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Every parameter of a simulated day, read from one documented YAML file (see
 * {@code sim/src/main/resources/scenarios/}). Immutable. The same scenario and seed give the same
 * numbers, byte for byte.
 *
 * <p>{@code eventControl} (the bureau's control for an event, optional) and
 * {@code parkAndRideMinutes} (from a park-and-ride lot to the destination by metro or shuttle, in
 * place of walking when that is quicker; optional, null: drivers walk) are absent from most scenarios,
 * and so is {@code prices} (a kerb and a garage rate every visitor pays; null: parking is free to
 * choose on time alone).
 */
public record Scenario(
        String name,
        long seed,
        int seeds,
        LocalDate date,
        DayKind dayKind,
        String zone,
        List<Double> adoptionShares,
        List<Policy> policies,
        Driving driving,
        NoInformation noInformation,
        LotService lotService,
        Access access,
        Behaviour behaviour,
        GarageSigns garageSigns,
        int holdMinutes,
        double maxWalkMetres,
        Map<String, Double> backgroundFill,
        Map<String, Demand> demand,
        EventControl eventControl,
        Double parkAndRideMinutes,
        Prices prices) {

    public enum DayKind {
        WEEKDAY,
        WEEKEND
    }

    /** What drivers who use ParkGrid's information do; drivers who do not always search with no information. */
    public enum Policy {
        /** ParkGrid's allocation, asked at trip start by the share of drivers who use it. */
        PARKGRID,
        /** Per-garage guidance signs (free spaces per garage, as Shanghai's signs show): seen by every driver. */
        GARAGE_SIGNS
    }

    /** The demand segments results are reported by. */
    public enum Segment {
        SHOPPING,
        STADIUM_EVENT,
        OFFICES,
        RESIDENTS,
        OTHER
    }

    /**
     * @param searchSpeedKmh speed while searching (urban cruising, 10–15 km/h in field studies)
     * @param detourFactor road distance over straight-line distance
     * @param approachMetres the search radius: the search clock starts when a driver comes this close
     * @param walkSpeedKmh walking from the lot to the destination (part of search time, as MATSim counts it)
     * @param tripMedianMinutes, tripSigma the log-normal drive from the origin to the search radius
     * @param streets the street graph cars drive on (a file under {@code sim/src/main/resources/streets/},
     *     or a path), its road speeds in place of {@code searchSpeedKmh} and {@code detourFactor};
     *     optional, null: straight lines times the detour factor (hand-made districts)
     */
    public record Driving(
            double searchSpeedKmh,
            double detourFactor,
            double approachMetres,
            double walkSpeedKmh,
            double tripMedianMinutes,
            double tripSigma,
            String streets) {}

    /**
     * How a driver without ParkGrid searches (SUMO's parking rerouting with memory).
     *
     * @param searchRadiusMetres lots a driver considers, around the destination
     * @param giveUpAfterLots a driver leaves the district after finding this many lots full
     * @param giveUpAfterMinutes or after searching this long
     * @param lotCheckMinutes time lost at a full lot (reading its sign, turning back)
     * @param knownShare chance that a driver knows a given lot in the radius before seeing it
     * @param seesWithinMetres lots this close to the driver's position are seen (and so known)
     * @param memoryMinutes a lot found full is avoided this long, then it may be tried again
     */
    public record NoInformation(
            double searchRadiusMetres,
            int giveUpAfterLots,
            double giveUpAfterMinutes,
            double lotCheckMinutes,
            double knownShare,
            double seesWithinMetres,
            double memoryMinutes) {}

    /**
     * Time spent at the lot, growing with its occupancy.
     *
     * @param gateSeconds service time of an entry lane per car (plate reading, barrier); cars queue for a lane
     * @param spacesPerLane a garage has one entry lane per this many spaces (at least one)
     * @param bayMinutesEmpty, bayMinutesFull time to find a bay inside an empty and a full lot
     * @param bayExponent how sharply bay-finding grows as the lot fills (fill ratio to this power)
     * @param kerbBayMinutesFull the same for kerbside spaces (circling the block), which have no gate
     */
    public record LotService(
            double gateSeconds,
            int spacesPerLane,
            double bayMinutesEmpty,
            double bayMinutesFull,
            double bayExponent,
            double kerbBayMinutesFull) {}

    /**
     * Who may park where.
     *
     * @param visitorKinds lot kinds open to any visitor
     * @param sharedLots lots of other kinds open to visitors under a documented shared-parking rule
     * @param kerbSensors kerbside stretches with declared sensors, the only kerbside ParkGrid knows
     */
    public record Access(List<String> visitorKinds, List<String> sharedLots, List<String> kerbSensors) {

        public boolean openToVisitors(city.parkgrid.lots.Lot lot) {
            return visitorKinds.contains(lot.kind().name()) || sharedLots.contains(lot.id());
        }

        /**
         * Whether ParkGrid receives the lot's counts: every lot open to visitors, except kerbside
         * stretches without declared sensors.
         */
        public boolean connected(city.parkgrid.lots.Lot lot) {
            return lot.kind() == city.parkgrid.lots.LotKind.ON_STREET
                    ? kerbSensors.contains(lot.id())
                    : openToVisitors(lot);
        }
    }

    /**
     * Imperfect information and behaviour of ParkGrid users.
     *
     * @param arrivalErrorMinutes standard deviation of the actual arrival against the one given at trip start
     * @param noShowShare share of ParkGrid users' requests whose driver never comes
     * @param complianceShare share of ParkGrid users who drive to the allocated lot (the rest search on their own)
     * @param sensorDelaySeconds a gate event reaches the platform this late
     * @param sensorLossShare share of gate passages never reported to the platform (a plate not read,
     *     a barrier lifted by hand), so the platform's counts drift from the truth over the day
     */
    public record Behaviour(
            double arrivalErrorMinutes,
            double noShowShare,
            double complianceShare,
            int sensorDelaySeconds,
            double sensorLossShare) {}

    /**
     * @param fullBelowFree a garage's sign reads FULL (满) at or below this many free spaces
     * @param refreshMinutes signs are refreshed this often from the platform's counts
     * @param complianceShare share of drivers who follow the signs
     */
    public record GarageSigns(int fullBelowFree, int refreshMinutes, double complianceShare) {}

    /**
     * Drivers going to destinations of one kind (near the unit's lots of the matching kind).
     *
     * @param segment the segment results are reported under
     * @param lotKinds the lot kinds whose surroundings are this demand's destinations
     * @param attraction relative pull of each destination lot's surroundings (lots not named weigh 1)
     * @param ownLot the driver has a space of their own at the destination lot (residents, office
     *     permits, campus staff) and parks there, searching only if it is full
     * @param overnight the cars are parked in their own lot at 00:00 and leave during the day by the
     *     profile; the stay is how long they are away, and their arrivals are returns
     * @param weekdayArrivals, weekendArrivals cars arriving over the whole day
     * @param weekdayProfile, weekendProfile 24 relative weights, one per local hour
     * @param stayMedianMinutes, staySigma stays are log-normal
     */
    public record Demand(
            Segment segment,
            List<String> lotKinds,
            Map<String, Double> attraction,
            boolean ownLot,
            boolean overnight,
            int weekdayArrivals,
            int weekendArrivals,
            List<Double> weekdayProfile,
            List<Double> weekendProfile,
            double stayMedianMinutes,
            double staySigma) {

        int arrivals(DayKind day) {
            return day == DayKind.WEEKEND ? weekendArrivals : weekdayArrivals;
        }

        List<Double> profile(DayKind day) {
            return day == DayKind.WEEKEND ? weekendProfile : weekdayProfile;
        }

        double attractionOf(String lotId) {
            return attraction == null ? 1.0 : attraction.getOrDefault(lotId, 1.0);
        }
    }

    /**
     * The traffic bureau's control of a unit for an event, put in force through the platform's own
     * zone-control use case (a schedule for the scenario's day) in the runs named {@code …-control}.
     * Optional: a scenario without it has no such runs.
     *
     * @param zone the unit put under control
     * @param mode MANAGED (spread up to the target, then divert) or EMERGENCY
     * @param from, to the window, local time of the scenario's day
     * @param targetOccupancy MANAGED: the unit's fill above which ParkGrid users are diverted
     * @param reservedSpaces spaces per lot the control withholds from the public, kept for advance
     *     reservations while the window lasts
     * @param reservedFor the segment whose ParkGrid users book those spaces ahead, first come first served
     * @param divertTo units drivers are diverted to (park-and-ride lots anywhere are too)
     * @param reason why, as the bureau records it
     */
    public record EventControl(
            String zone,
            city.parkgrid.zones.control.ZoneMode mode,
            java.time.LocalTime from,
            java.time.LocalTime to,
            Double targetOccupancy,
            Map<String, Integer> reservedSpaces,
            Segment reservedFor,
            List<String> divertTo,
            String reason,
            city.parkgrid.zones.control.EventScope eventScope) {

        public EventControl {
            reservedSpaces = reservedSpaces == null ? Map.of() : new java.util.LinkedHashMap<>(reservedSpaces);
            divertTo = divertTo == null ? List.of() : List.copyOf(divertTo);
        }

        /**
         * The policy the bureau sets: target, reserved spaces, diversion and the event it is about
         * ({@code eventScope}, optional: without it every trip into the unit is diverted); no closed
         * lot, no surcharge, bookings taken while it is in force.
         */
        public city.parkgrid.zones.control.ZonePolicy policy() {
            return new city.parkgrid.zones.control.ZonePolicy(
                    targetOccupancy,
                    List.of(),
                    reservedSpaces,
                    city.parkgrid.money.Money.ZERO,
                    divertTo,
                    eventScope,
                    null);
        }

        /** Whether a local time of the scenario's day lies in the window. */
        public boolean inWindow(java.time.LocalTime time) {
            return !time.isBefore(from) && time.isBefore(to);
        }
    }

    /**
     * A price gap between the kerb and the garages, as Shoup describes it: drivers without ParkGrid
     * choose by generalized cost ({@link Simulation#pricedBy}, at the documented value of time) and
     * every visitor pays the rate of the lot they park in.
     *
     * @param kerbFenPerHour every kerbside stretch (ON_STREET)
     * @param garageFenPerHour every other lot open to visitors
     */
    public record Prices(long kerbFenPerHour, long garageFenPerHour) {

        /** The rates of the lots open to visitors; other lots are not priced. */
        public LotRates rates(List<city.parkgrid.lots.Lot> lots, Access access) {
            Map<String, Long> fen = new java.util.HashMap<>();
            for (city.parkgrid.lots.Lot lot : lots) {
                if (access.openToVisitors(lot)) {
                    fen.put(
                            lot.id(),
                            lot.kind() == city.parkgrid.lots.LotKind.ON_STREET ? kerbFenPerHour : garageFenPerHour);
                }
            }
            return new LotRates() {
                @Override
                public boolean priced(String lotId) {
                    return fen.containsKey(lotId);
                }

                @Override
                public long hourlyFen(String lotId, java.time.Instant at) {
                    return fen.getOrDefault(lotId, 0L);
                }
            };
        }
    }

    /** The same scenario with every demand's arrivals scaled (the demand sweep) and another seed. */
    public Scenario with(long otherSeed, double demandFactor) {
        Map<String, Demand> scaled = new java.util.LinkedHashMap<>();
        demand.forEach((k, d) -> scaled.put(
                k,
                new Demand(
                        d.segment(),
                        d.lotKinds(),
                        d.attraction(),
                        d.ownLot(),
                        d.overnight(),
                        d.overnight() ? d.weekdayArrivals() : (int) Math.round(d.weekdayArrivals() * demandFactor),
                        d.overnight() ? d.weekendArrivals() : (int) Math.round(d.weekendArrivals() * demandFactor),
                        d.weekdayProfile(),
                        d.weekendProfile(),
                        d.stayMedianMinutes(),
                        d.staySigma())));
        return new Scenario(
                name,
                otherSeed,
                seeds,
                date,
                dayKind,
                zone,
                adoptionShares,
                policies,
                driving,
                noInformation,
                lotService,
                access,
                behaviour,
                garageSigns,
                holdMinutes,
                maxWalkMetres,
                backgroundFill,
                scaled,
                eventControl,
                parkAndRideMinutes,
                prices);
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .findAndRegisterModules()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public static Scenario read(Path file) {
        try {
            return YAML.readValue(file.toFile(), Scenario.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read scenario " + file, e);
        }
    }

    public static Scenario fromResource(String name) {
        try (var in = Scenario.class.getResourceAsStream("/scenarios/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no shipped scenario " + name);
            }
            return YAML.readValue(in, Scenario.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
