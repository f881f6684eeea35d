package city.parkgrid.allocation;

import city.parkgrid.CityTime;
import city.parkgrid.catalog.Geography;
import city.parkgrid.geo.GeoPoint;
import city.parkgrid.lots.Lot;
import city.parkgrid.lots.LotKind;
import city.parkgrid.lots.NearbyLot;
import city.parkgrid.money.Money;
import city.parkgrid.occupancy.LotOccupancy;
import city.parkgrid.occupancy.LotStatus;
import city.parkgrid.occupancy.OccupancyStore;
import city.parkgrid.tariffs.Fees;
import city.parkgrid.tariffs.TariffLookup;
import city.parkgrid.tariffs.TariffVersion;
import city.parkgrid.tariffs.TariffVersions;
import city.parkgrid.zones.Zone;
import city.parkgrid.zones.control.EventScope;
import city.parkgrid.zones.control.UnitFill;
import city.parkgrid.zones.control.ZoneControl;
import city.parkgrid.zones.control.ZoneMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * Answers "where should I park for this destination?" from the lot index, live occupancy and the
 * bureau's control of the destination's unit. Thread-safe; never blocks (the store answers
 * asynchronously; the index and the controls from memory).
 *
 * <ul>
 *   <li>NORMAL: open lots with a free space within walking distance, ranked.</li>
 *   <li>MANAGED: the same, lots under the unit's occupancy target first; once the whole unit is
 *       above target, lots in the units it diverts to and park-and-ride, the walking limit relaxed,
 *       with the reason. A control scoped to an event ({@link EventScope}) does so only for trips to
 *       the event, once the event's lots are above target; every other trip is ranked as in NORMAL.</li>
 *   <li>EMERGENCY: only lots outside the unit (the diversion units first), with the reason.</li>
 * </ul>
 */
public final class Guidance {

    /** How far beyond the walking limit alternatives are sought when nothing is free within it. */
    public static final double ALTERNATIVES_RADIUS_METRES = 5_000;
    /** The walking limit when the bureau diverts drivers out of a unit (park-and-ride and metro beyond). */
    public static final double DIVERSION_RADIUS_METRES = 3_000;

    public static final int MAX_ALTERNATIVES = 5;
    public static final double DEFAULT_TARGET = 0.85;

    private final Geography geography;
    private final OccupancyStore occupancy;
    private final RankingWeights weights;
    private final Function<String, ZoneControl> controls;
    private final ArrivalOutlook outlook;
    private final TariffLookup tariffs;
    private final Clock clock;

    public Guidance(Geography geography, OccupancyStore occupancy, RankingWeights weights) {
        this(geography, occupancy, weights, ZoneControl::normal);
    }

    public Guidance(
            Geography geography,
            OccupancyStore occupancy,
            RankingWeights weights,
            Function<String, ZoneControl> controls) {
        this(geography, occupancy, weights, controls, ArrivalOutlook.NONE, TariffLookup.NONE, Clock.systemUTC());
    }

    /**
     * @param outlook what lots will look like at the driver's arrival, asked when the request says
     *     where the driver is or when they will arrive
     * @param tariffs the lots' tariff versions, for each option's rate, its next change and the stay's fee
     * @param clock "now", from which arrival times are reckoned
     */
    public Guidance(
            Geography geography,
            OccupancyStore occupancy,
            RankingWeights weights,
            Function<String, ZoneControl> controls,
            ArrivalOutlook outlook,
            TariffLookup tariffs,
            Clock clock) {
        this.geography = geography;
        this.occupancy = occupancy;
        this.weights = weights;
        this.controls = controls;
        this.outlook = outlook;
        this.tariffs = tariffs;
        this.clock = clock;
    }

    /** The lots near the destination ranked with no control in the way (NORMAL). */
    private CompletionStage<GuidanceResult> asOnAnyDay(GuidanceRequest request) {
        return ranked(
                geography.findLotsNear(request.destination(), request.maxWalkMetres()),
                request,
                Double.NaN,
                List.of(),
                null);
    }

    public CompletionStage<GuidanceResult> options(GuidanceRequest request) {
        Optional<Zone> zone = geography.snapshot().zoneAt(request.destination());
        ZoneControl control = zone.map(z -> controls.apply(z.id())).orElse(null);
        if (control == null || control.mode() == ZoneMode.NORMAL) {
            return asOnAnyDay(request);
        }
        String zoneId = control.zoneId();
        if (control.mode() == ZoneMode.EMERGENCY) {
            return ranked(
                    outside(request.destination(), zoneId),
                    request,
                    Double.NaN,
                    control.policy().divertTo(),
                    new Diversion(
                            zoneId,
                            control.policy().divertTo(),
                            "unit '" + zoneId + "' is under EMERGENCY control (" + control.reason()
                                    + "): drivers are sent out of it"));
        }
        EventScope event = control.policy().eventScope();
        if (event != null && !toEvent(request.destination(), event)) {
            // the control is about the event: a trip elsewhere in the unit is dispatched as on any day
            return asOnAnyDay(request);
        }
        double target = control.policy().targetOccupancy() == null
                ? DEFAULT_TARGET
                : control.policy().targetOccupancy();
        // the event's lots are what it fills: their fill, not the unit's, says when its trips go elsewhere
        List<Lot> unit = event == null ? geography.listLotsInZone(zoneId) : eventLots(event);
        return occupancy.listOccupancy(unit.stream().map(Lot::id).toList()).thenCompose(states -> {
            if (UnitFill.fill(unit, states) < target) {
                // the bureau dispatches the unit's own lots first, evenly up to the target
                return ranked(
                        geography.findLotsNear(request.destination(), request.maxWalkMetres()),
                        request,
                        target,
                        List.of(zoneId),
                        null);
            }
            List<NearbyLot> diverted = outside(request.destination(), zoneId).stream()
                    .filter(n -> control.policy().divertTo().contains(n.lot().zoneId())
                            || n.lot().kind() == LotKind.PARK_AND_RIDE)
                    .toList();
            return ranked(
                    diverted,
                    request,
                    Double.NaN,
                    control.policy().divertTo(),
                    new Diversion(
                            zoneId,
                            control.policy().divertTo(),
                            String.format(
                                    Locale.ROOT,
                                    "unit '%s' is managed (%s) and %s above its %.0f%% target: diverted to %s and park-and-ride",
                                    zoneId,
                                    event == null ? "the unit is" : "the event's lots are",
                                    control.reason(),
                                    target * 100,
                                    control.policy().divertTo())));
        });
    }

    /** Whether a trip to {@code destination} is one to the event: within its radius of one of its lots. */
    private boolean toEvent(GeoPoint destination, EventScope event) {
        return eventLots(event).stream().anyMatch(lot -> lot.entrance().metresTo(destination) <= event.radiusMetres());
    }

    /** The event's lots the catalog knows (one dropped from the catalog since the control was set is left out). */
    private List<Lot> eventLots(EventScope event) {
        return event.lots().stream()
                .map(geography::findLot)
                .flatMap(Optional::stream)
                .toList();
    }

    /** Lots outside the unit within the relaxed walking limit (ranked, diversion units first, by {@link #ranked}). */
    private List<NearbyLot> outside(GeoPoint destination, String zoneId) {
        return geography.findLotsNear(destination, DIVERSION_RADIUS_METRES).stream()
                .filter(n -> !zoneId.equals(n.lot().zoneId()))
                .toList();
    }

    /** Ranks the lots with space; lots of the zones in {@code zoneOrder} come first, in that order. */
    private CompletionStage<GuidanceResult> ranked(
            List<NearbyLot> near, GuidanceRequest request, double target, List<String> zoneOrder, Diversion diversion) {
        return withSpace(near)
                .thenCompose(available -> atArrival(
                        available.stream()
                                .map(n -> candidate(n, request.origin()))
                                .toList(),
                        request))
                .thenCompose(candidates -> priced(candidates, request))
                .thenApply(candidates -> {
                    List<RankedOption> ranked = Ranking.rank(candidates, weights, target);
                    if (!zoneOrder.isEmpty()) {
                        // the bureau's order of units comes before the ranking's (a stable sort keeps the ranking
                        // within each)
                        ranked = new ArrayList<>(ranked);
                        ranked.sort(Comparator.comparingInt(o -> {
                            int index = zoneOrder.indexOf(o.candidate().lot().zoneId());
                            return index < 0 ? zoneOrder.size() : index;
                        }));
                    }
                    return new GuidanceResult(ranked, diversion);
                });
    }

    /**
     * Open lots with space beyond the walking limit, for drivers the limit left without one:
     * park-and-ride first (the metro takes them the rest of the way), then nearest first.
     */
    public CompletionStage<List<NearbyLot>> alternatives(GeoPoint destination, double maxWalkMetres) {
        return alternatives(destination, maxWalkMetres, null);
    }

    /** The same, leaving out the lots of a unit the bureau diverts drivers away from (null: none). */
    public CompletionStage<List<NearbyLot>> alternatives(
            GeoPoint destination, double maxWalkMetres, String divertedFrom) {
        List<NearbyLot> beyond = geography.findLotsNear(destination, ALTERNATIVES_RADIUS_METRES).stream()
                .filter(n -> n.distanceMetres() > maxWalkMetres)
                .filter(n ->
                        divertedFrom == null || !divertedFrom.equals(n.lot().zoneId()))
                .toList();
        return withSpace(beyond)
                .thenApply(available -> available.stream()
                        .map(NearbyLotWithState::nearby)
                        .sorted(Comparator.comparing((NearbyLot n) -> n.lot().kind() != LotKind.PARK_AND_RIDE)
                                .thenComparingDouble(NearbyLot::distanceMetres))
                        .limit(MAX_ALTERNATIVES)
                        .toList());
    }

    private CompletionStage<List<NearbyLotWithState>> withSpace(List<NearbyLot> near) {
        return occupancy
                .listOccupancy(near.stream().map(n -> n.lot().id()).toList())
                .thenApply(states -> near.stream()
                        // a lot whose live state is not known (lost with Redis) is never offered as free
                        .filter(n -> states.containsKey(n.lot().id()))
                        .map(n -> new NearbyLotWithState(n, states.get(n.lot().id())))
                        .filter(n -> n.state().status() == LotStatus.OPEN)
                        .toList());
    }

    /**
     * The candidates with their outlook at the driver's arrival, when the request says where the
     * driver is (the arrival reckoned from the road distance) or when they will arrive; as they are
     * otherwise.
     */
    private CompletionStage<List<Candidate>> atArrival(List<Candidate> candidates, GuidanceRequest request) {
        if ((request.origin() == null && request.arriveAt() == null) || candidates.isEmpty()) {
            return CompletableFuture.completedFuture(candidates);
        }
        Instant now = clock.instant();
        List<ArrivalOutlook.Arrival> arrivals = candidates.stream()
                .map(c -> new ArrivalOutlook.Arrival(c.occupancy(), arrival(c, request, now)))
                .toList();
        return outlook.at(arrivals)
                .thenApply(outlooks -> candidates.stream()
                        .map(c -> c.withArrival(outlooks.get(c.lot().id())))
                        .toList());
    }

    /**
     * The candidates with the rate each charges at the driver's arrival (and its next scheduled
     * change, published before it applies) and, when the request says how long the driver stays,
     * the stay's fee priced piecewise by the versions in force (not a resident's: guidance does not
     * know the driver's address). Lots without a tariff are left as they are.
     */
    private CompletionStage<List<Candidate>> priced(List<Candidate> candidates, GuidanceRequest request) {
        if (candidates.isEmpty()) {
            return CompletableFuture.completedFuture(candidates);
        }
        Instant now = clock.instant();
        return tariffs.versions(candidates.stream().map(c -> c.lot().id()).toList())
                .thenApply(versions -> candidates.stream()
                        .map(c -> {
                            TariffVersions v = versions.get(c.lot().id());
                            if (v == null || v.isEmpty()) {
                                return c;
                            }
                            Instant entry = arrival(c, request, now);
                            Optional<TariffVersion> inForce = v.findInForce(entry);
                            if (inForce.isEmpty()) {
                                return c;
                            }
                            LocalDateTime local = LocalDateTime.ofInstant(entry, CityTime.SHANGHAI);
                            Optional<TariffVersion> next = v.findNextAfter(now);
                            LotRate rate = new LotRate(
                                    inForce.get().tariff().rateAt(local),
                                    inForce.get().tariff().unitMinutes(),
                                    next.map(TariffVersion::effectiveFrom).orElse(null),
                                    next.map(n -> n.tariff().rateAt(local)).orElse(null));
                            Money fee = request.durationMinutes() == null
                                    ? null
                                    : Fees.fee(v, entry, entry.plusSeconds(60L * request.durationMinutes()), false);
                            return c.withPrice(fee, rate);
                        })
                        .toList());
    }

    /**
     * When the driver reaches the lot: as they said, or now plus the drive at the configured speed
     * when they said where they are, else now.
     */
    private Instant arrival(Candidate c, GuidanceRequest request, Instant now) {
        if (request.arriveAt() != null) {
            return request.arriveAt().isBefore(now) ? now : request.arriveAt();
        }
        if (c.driveMetres() == null) {
            return now;
        }
        double minutes = c.driveMetres() / weights.driveMetresPerMinute();
        return now.plusSeconds(Math.round(minutes * 60));
    }

    private Candidate candidate(NearbyLotWithState n, GeoPoint origin) {
        Double drive = origin == null ? null : origin.metresTo(n.lot().entrance()) * weights.detourFactor();
        return new Candidate(n.lot(), n.state(), n.distanceMetres(), drive, null);
    }

    /** A nearby lot with its live state. */
    record NearbyLotWithState(NearbyLot nearby, LotOccupancy state) {

        Lot lot() {
            return nearby.lot();
        }

        double distanceMetres() {
            return nearby.distanceMetres();
        }
    }
}
