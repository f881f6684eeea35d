package city.parkgrid.forecast;

import city.parkgrid.InvalidInputException;
import city.parkgrid.NotFoundException;
import city.parkgrid.allocation.ArrivalOutlook;
import city.parkgrid.history.OccupancyHistory;
import city.parkgrid.history.OccupancySample;
import city.parkgrid.lots.Lot;
import city.parkgrid.lots.LotCatalog;
import city.parkgrid.occupancy.LotOccupancy;
import city.parkgrid.occupancy.OccupancyService;
import city.parkgrid.zones.ZoneCatalog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * A lot's or a unit's occupancy at a time ahead (up to 24 h), from the lot's own recorded history
 * and its live state now; and, for guidance, every candidate lot at the driver's arrival.
 *
 * <p>A lot's history is read once per recording step and kept (a bounded number of lots), because
 * a forecaster learns its model from weeks of samples: guidance asks for the same few lots around a
 * destination many times a step. What is kept is only ever a copy of what PostgreSQL holds; a node
 * that loses it reads it again. Blocking (the history is PostgreSQL in {@code serve}): the HTTP
 * handlers call it on a worker, and {@link #at} runs on the executor it is given.
 */
public final class OccupancyForecasts implements ArrivalOutlook {

    /** How far back a forecast reads: the forecaster's five-week profile and three-week training, and a margin. */
    static final Duration LOOKBACK = Duration.ofDays(42);

    /** A client's "now" that reached us a moment later is not "in the past". */
    static final Duration PAST_GRACE = Duration.ofMinutes(1);

    private final OccupancyHistory history;
    private final OccupancyService occupancy;
    private final LotCatalog lots;
    private final ZoneCatalog zones;
    private final Forecaster forecaster;
    private final Clock clock;
    private final Executor blocking;
    private final ZoneId localTime;
    private final int maxCachedLots;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public OccupancyForecasts(
            OccupancyHistory history,
            OccupancyService occupancy,
            LotCatalog lots,
            ZoneCatalog zones,
            Clock clock,
            Executor blocking,
            ZoneId localTime,
            int maxCachedLots) {
        this.history = history;
        this.occupancy = occupancy;
        this.lots = lots;
        this.zones = zones;
        this.forecaster = Forecasters.parkgrid();
        this.clock = clock;
        this.blocking = blocking;
        this.localTime = localTime;
        this.maxCachedLots = maxCachedLots;
    }

    /**
     * The lot at {@code at}. Blocking.
     *
     * @throws InvalidInputException naming {@code at} when it is in the past or more than 24 h ahead
     * @throws NotFoundException for a lot the platform does not know
     */
    public LotForecast forLot(String lotId, Instant at) {
        return forLot(lotId, List.of(at)).get(0);
    }

    /**
     * The lot at each of {@code ats}, its live state read once (a pricing review asks for every
     * recording step of the day ahead). Blocking.
     *
     * @throws InvalidInputException naming {@code at} when one is in the past or more than 24 h ahead
     */
    public List<LotForecast> forLot(String lotId, List<Instant> ats) {
        Lot lot = lots.findLot(lotId).orElseThrow(() -> new NotFoundException("lot", lotId));
        Instant now = clock.instant();
        ats.forEach(at -> checkTarget(at, now));
        Optional<LotOccupancy> live =
                occupancy.findOccupancy(lot.id()).toCompletableFuture().join();
        return ats.stream().map(at -> forecast(lot, live, target(at, now), now)).toList();
    }

    /**
     * The unit's lots together at {@code at}: expected and interval ends summed (the interval is
     * therefore wide: it takes the lots' errors as moving together, which at a unit's peak they
     * mostly do), and the probability that at least one of its lots has a free space, taking the
     * lots as independent. Blocking.
     */
    public LotForecast forZone(String zoneId, Instant at) {
        zones.findZone(zoneId).orElseThrow(() -> new NotFoundException("zone", zoneId));
        Instant now = clock.instant();
        checkTarget(at, now);
        Instant target = target(at, now);
        int capacity = 0;
        double expected = 0;
        double low = 0;
        double high = 0;
        double allFull = 1;
        String method = forecaster.name();
        List<Lot> members = lots.listLotsInZone(zoneId);
        Map<String, LotOccupancy> live = occupancy
                .listOccupancy(members.stream().map(Lot::id).toList())
                .toCompletableFuture()
                .join();
        for (Lot lot : members) {
            LotForecast f = forecast(lot, Optional.ofNullable(live.get(lot.id())), target, now);
            capacity += f.capacity();
            expected += f.expectedOccupied();
            low += f.low();
            high += f.high();
            allFull *= 1 - f.probabilityFree();
            if (!f.method().equals(forecaster.name())) {
                method = f.method();
            }
        }
        return new LotForecast(zoneId, at, now, capacity, expected, low, high, 1 - allFull, method);
    }

    /** For guidance: each lot at the driver's arrival there; arrivals beyond 24 h are left out. */
    @Override
    public CompletionStage<Map<String, Outlook>> at(List<Arrival> arrivals) {
        return CompletableFuture.supplyAsync(
                () -> {
                    Instant now = clock.instant();
                    Map<String, Outlook> out = new HashMap<>();
                    for (Arrival arrival : arrivals) {
                        String lotId = arrival.live().lotId();
                        Optional<Lot> lot = lots.findLot(lotId);
                        Instant target = target(arrival.at(), now);
                        if (lot.isPresent() && !target.isAfter(now.plus(Forecaster.MAX_HORIZON))) {
                            // the live state guidance just read: no second read per lot
                            LotForecast f = forecast(lot.get(), Optional.of(arrival.live()), target, now);
                            out.put(lotId, new Outlook(target, f.expectedFree(), f.probabilityFree()));
                        }
                    }
                    return out;
                },
                blocking);
    }

    private static void checkTarget(Instant at, Instant now) {
        if (at.isBefore(now.minus(PAST_GRACE))) {
            throw new InvalidInputException("at", "must not lie in the past (now is " + now + "), was " + at);
        }
        if (at.isAfter(now.plus(Forecaster.MAX_HORIZON))) {
            throw new InvalidInputException(
                    "at",
                    "must lie at most " + Forecaster.MAX_HORIZON.toHours() + " h ahead of " + now + ", was " + at);
        }
    }

    private static Instant target(Instant at, Instant now) {
        return at.isBefore(now) ? now : at;
    }

    /** @param live the lot's live state now, if the store knows it */
    private LotForecast forecast(Lot lot, Optional<LotOccupancy> live, Instant target, Instant now) {
        Optional<Forecast> made = forecaster.forecast(historyOf(lot, live, now), now, target);
        if (made.isEmpty()) {
            // nothing recorded and no live state: an empty lot, as the platform shows it
            return new LotForecast(lot.id(), target, now, lot.capacity(), 0, 0, 0, 1, "persistence");
        }
        Forecast f = made.get();
        return new LotForecast(
                lot.id(),
                target,
                now,
                f.capacity(),
                f.expectedOccupied(),
                f.low(),
                f.high(),
                f.probabilityFree(),
                f.method());
    }

    /**
     * The lot's history up to now: its recorded samples, read once a recording step and kept with
     * what the forecaster learnt from them (a step's new samples are added to the history kept
     * from the step before; a history whose past changed, an archive imported, is read afresh),
     * and its live state now added to them.
     */
    private LotHistory historyOf(Lot lot, Optional<LotOccupancy> live, Instant now) {
        Instant step = stepOf(now);
        Cached cached = cache.get(lot.id());
        LotHistory recorded;
        if (cached != null && cached.step.equals(step)) {
            recorded = cached.history;
        } else {
            List<Observation> observations = new ArrayList<>();
            for (OccupancySample s : history.samples(lot.id(), now.minus(LOOKBACK), now)) {
                observations.add(new Observation(s.at(), s.occupied(), s.capacity()));
            }
            recorded = cached == null ? null : extended(cached.history, observations);
            if (recorded == null) {
                recorded = LotHistory.of(observations, localTime);
            }
            // learn today's model in the kept history itself: the views with the live count added
            // share what it learnt, but what they learn is theirs alone
            forecaster.forecast(recorded, now, now);
            keep(lot.id(), new Cached(step, recorded));
        }
        LotHistory upToNow = recorded;
        // the live count was read by now: at the whole second (a reading's time is rounded up to
        // the next second, which would leave it out of a forecast issued now)
        Instant read = now.truncatedTo(ChronoUnit.SECONDS);
        return live.map(o -> upToNow.withLater(List.of(new Observation(read, o.occupied(), o.capacity()))))
                .orElse(recorded);
    }

    /**
     * The kept history with the samples after its last, when the rest of {@code samples} is what it
     * holds (same times and counts; older ones aged out of the look-back aside); null otherwise.
     */
    private static LotHistory extended(LotHistory kept, List<Observation> samples) {
        List<Observation> clean = Observations.clean(samples);
        if (kept.isEmpty()) {
            return null;
        }
        long first = kept.atSeconds(0);
        int i = 0;
        while (i < clean.size() && second(clean.get(i)) < first) {
            i++;
        }
        for (int k = 0; k < kept.size(); k++, i++) {
            if (i >= clean.size()) {
                return null;
            }
            Observation o = clean.get(i);
            if (second(o) != kept.atSeconds(k)
                    || o.occupied() != kept.occupied(k)
                    || o.capacity() != kept.capacity(k)) {
                return null;
            }
        }
        return kept.withLater(clean.subList(i, clean.size()));
    }

    /** The history keeps whole seconds, rounded up ({@link LotHistory#of}). */
    private static long second(Observation o) {
        return o.at().getEpochSecond() + (o.at().getNano() > 0 ? 1 : 0);
    }

    private void keep(String lotId, Cached entry) {
        if (cache.size() >= maxCachedLots && !cache.containsKey(lotId)) {
            // a past step's entries go first; failing that, any (the cache is a convenience, not state)
            cache.values().removeIf(c -> !c.step.equals(entry.step));
            Iterator<String> any = cache.keySet().iterator();
            while (cache.size() >= maxCachedLots && any.hasNext()) {
                any.next();
                any.remove();
            }
        }
        cache.put(lotId, entry);
    }

    private Instant stepOf(Instant t) {
        long step = history.settings().step().getSeconds();
        return Instant.ofEpochSecond(Math.floorDiv(t.getEpochSecond(), step) * step);
    }

    private record Cached(Instant step, LotHistory history) {}
}
