package city.parkgrid.pricing;

import city.parkgrid.CityTime;
import city.parkgrid.ConflictException;
import city.parkgrid.InvalidInputException;
import city.parkgrid.NotFoundException;
import city.parkgrid.history.OccupancyHistory;
import city.parkgrid.history.OccupancySample;
import city.parkgrid.lots.Lot;
import city.parkgrid.lots.LotCatalog;
import city.parkgrid.money.Money;
import city.parkgrid.tariffs.BandRate;
import city.parkgrid.tariffs.Tariff;
import city.parkgrid.tariffs.TariffStore;
import city.parkgrid.tariffs.TariffVersion;
import city.parkgrid.tariffs.TariffVersions;
import city.parkgrid.tariffs.TimeBand;
import city.parkgrid.zones.ZoneCatalog;
import city.parkgrid.zones.control.AuditEntry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * A unit's demand-responsive pricing: the bureau's policy, reviews computed from recorded
 * occupancy by {@link RateRule}, and their approval into tariff versions; every step audited with
 * the unit's control changes. Blocking (stores); thread-safe.
 */
public final class ZonePricing {

    /** The basis of a review: the recorded history of the lookback. */
    public static final String HISTORY = "history";
    /** The basis of a review: the forecast of the hours ahead, for the bands that fall within them. */
    public static final String FORECAST = "forecast";
    /** How finely a forecast basis samples each band ahead (the recording step). */
    static final Duration FORECAST_STEP = Duration.ofMinutes(15);

    private final PricingStore store;
    private final TariffStore tariffs;
    private final LotCatalog lots;
    private final ZoneCatalog zones;
    private final OccupancyHistory history;
    private final OccupancyAhead ahead;
    private final Consumer<AuditEntry> audit;
    private final Clock clock;

    /** @param ahead the forecasts a review on the {@code forecast} basis reads */
    public ZonePricing(
            PricingStore store,
            TariffStore tariffs,
            LotCatalog lots,
            ZoneCatalog zones,
            OccupancyHistory history,
            OccupancyAhead ahead,
            Consumer<AuditEntry> audit,
            Clock clock) {
        this.store = store;
        this.tariffs = tariffs;
        this.lots = lots;
        this.zones = zones;
        this.history = history;
        this.ahead = ahead;
        this.audit = audit;
        this.clock = clock;
    }

    /** A review that was approved already. */
    public static final class ReviewApprovedException extends ConflictException {
        public ReviewApprovedException(String reviewId) {
            super(
                    "review-approved",
                    "The review was approved already",
                    null,
                    "review '" + reviewId + "' was approved already; its rates are tariff versions");
        }
    }

    private void requireZone(String zoneId) {
        if (zones.findZone(zoneId).isEmpty()) {
            throw new NotFoundException("parking unit", zoneId);
        }
    }

    /** Sets the unit's policy from the bureau's JSON body (400 naming the field when bad). */
    public PricingPolicy putPolicy(String zoneId, String body, String actor) {
        requireZone(zoneId);
        Instant now = clock.instant();
        PricingPolicy policy = PricingJson.readPolicy(zoneId, body, actor, now);
        store.putPolicy(policy);
        audit.accept(new AuditEntry(
                zoneId, now, actor, "pricing-policy", PricingJson.policy(policy).toString()));
        return policy;
    }

    public Optional<PricingPolicy> findPolicy(String zoneId) {
        requireZone(zoneId);
        return store.findPolicy(zoneId);
    }

    private PricingPolicy requirePolicy(String zoneId) {
        return findPolicy(zoneId)
                .orElseThrow(() ->
                        new NotFoundException("pricing policy", zoneId, "unit '" + zoneId + "' has no pricing policy"));
    }

    /** Computes, stores and audits a review of the unit's rates from the recorded occupancy. */
    public PricingReview review(String zoneId, String actor) {
        return review(zoneId, HISTORY, actor);
    }

    /**
     * Computes, stores and audits a review of the unit's rates on {@code basis}: {@code history}
     * (the recorded occupancy of the policy's lookback) or {@code forecast} (the forecast occupancy
     * of the hours ahead, where the bureau expects a change the past does not show: an event, works
     * on a street). A band that does not fall within the forecast's horizon has no data then.
     *
     * @throws InvalidInputException naming {@code basis} when it is neither
     */
    public PricingReview review(String zoneId, String basis, String actor) {
        if (!HISTORY.equals(basis) && !FORECAST.equals(basis)) {
            throw new InvalidInputException(
                    "basis", "must be \"" + HISTORY + "\" or \"" + FORECAST + "\", was \"" + basis + "\"");
        }
        PricingPolicy policy = requirePolicy(zoneId);
        PricingReview review = compute(policy, basis, "rev-" + UUID.randomUUID(), actor, clock.instant());
        store.insertReview(review);
        audit.accept(new AuditEntry(zoneId, review.createdAt(), actor, "pricing-review", summary(review)));
        return review;
    }

    PricingReview compute(PricingPolicy policy, String id, String actor, Instant now) {
        return compute(policy, HISTORY, id, actor, now);
    }

    private PricingReview compute(PricingPolicy policy, String basis, String id, String actor, Instant now) {
        boolean forecast = FORECAST.equals(basis);
        Instant from = forecast ? now : now.minus(Duration.ofDays(policy.lookbackDays()));
        Instant to = forecast ? now.plus(ahead.horizon()) : now;
        List<Instant> times = forecast ? stepsAhead(now, to) : List.of();
        List<Proposal> proposals = new ArrayList<>();
        List<Lot> inUnit = lots.listLotsInZone(policy.zoneId());
        Map<String, TariffVersions> versions =
                tariffs.findVersions(inUnit.stream().map(Lot::id).toList());
        for (Lot lot : inUnit) {
            TariffVersions lotVersions = versions.getOrDefault(lot.id(), TariffVersions.none());
            Optional<Tariff> tariff = lotVersions.findTariff(now);
            List<Share> shares = forecast ? forecastShares(lot, times) : recordedShares(lot, from, now);
            for (TimeBand band : policy.bands()) {
                List<Double> inBand = new ArrayList<>();
                for (Share share : shares) {
                    if (band.contains(LocalDateTime.ofInstant(share.at(), CityTime.SHANGHAI))) {
                        inBand.add(share.share());
                    }
                }
                proposals.add(RateRule.propose(
                        policy,
                        lot.id(),
                        band,
                        tariff.map(t -> t.rateOf(band)).orElse(null),
                        RateRule.summarise(inBand, policy.statistic()),
                        inBand.size(),
                        lastChange(lotVersions, band),
                        now));
            }
        }
        return new PricingReview(
                id, policy.zoneId(), now, actor, basis, policy.statistic(), from, to, proposals, null, null, null);
    }

    /** A lot's occupancy as a share of its capacity at a time, recorded or forecast. */
    private record Share(Instant at, double share) {}

    private List<Share> recordedShares(Lot lot, Instant from, Instant now) {
        List<Share> shares = new ArrayList<>();
        for (OccupancySample s : history.samples(lot.id(), from, now)) {
            if (s.capacity() > 0) {
                shares.add(new Share(s.at(), Math.min(1.0, (double) s.occupied() / s.capacity())));
            }
        }
        return shares;
    }

    private List<Share> forecastShares(Lot lot, List<Instant> times) {
        List<Double> expected = ahead.expectedShares(lot.id(), times);
        List<Share> shares = new ArrayList<>();
        for (int i = 0; i < times.size(); i++) {
            shares.add(new Share(times.get(i), Math.min(1.0, expected.get(i))));
        }
        return shares;
    }

    /** The recording steps after {@code now} up to {@code to}, on the step's grid. */
    static List<Instant> stepsAhead(Instant now, Instant to) {
        long step = FORECAST_STEP.toSeconds();
        Instant t = Instant.ofEpochSecond((now.getEpochSecond() / step + 1) * step);
        List<Instant> times = new ArrayList<>();
        for (; !t.isAfter(to); t = t.plusSeconds(step)) {
            times.add(t);
        }
        return times;
    }

    /** When the band's rate last changed between versions (a scheduled change counts), null if never. */
    static Instant lastChange(TariffVersions versions, TimeBand band) {
        Instant last = null;
        Money previous = null;
        for (TariffVersion v : versions.list()) {
            Money rate = v.tariff().rateOf(band);
            if (previous != null && !rate.equals(previous)) {
                last = v.effectiveFrom();
            }
            previous = rate;
        }
        return last;
    }

    public PricingReview findReview(String zoneId, String reviewId) {
        requireZone(zoneId);
        return store.findReview(reviewId)
                .filter(r -> r.zoneId().equals(zoneId))
                .orElseThrow(() -> new NotFoundException("pricing review", reviewId));
    }

    /** By default a review's rates take effect at the next local midnight. */
    public Instant nextMidnight(Instant now) {
        LocalDate tomorrow = LocalDate.ofInstant(now, CityTime.SHANGHAI).plusDays(1);
        return tomorrow.atStartOfDay(CityTime.SHANGHAI).toInstant();
    }

    /**
     * Turns the review's proposals into tariff versions from {@code effectiveFrom} (null: the next
     * local midnight): for each lot, the tariff in force then with the policy's band rates. Exactly
     * once: the approval is conditional in the store, so of two approvals only one writes.
     */
    public PricingReview approve(String zoneId, String reviewId, Instant effectiveFrom, String actor) {
        PricingReview review = findReview(zoneId, reviewId);
        Instant now = clock.instant();
        Instant from = effectiveFrom == null ? nextMidnight(now) : effectiveFrom;
        if (from.isBefore(now)) {
            throw new InvalidInputException(
                    "effectiveFrom", "must not be in the past (now is " + now + "), was " + from);
        }
        if (review.approved()) {
            throw new ReviewApprovedException(reviewId);
        }
        PricingReview approved = review.approvedAt(now, actor, from);
        if (!store.markApproved(approved)) {
            throw new ReviewApprovedException(reviewId);
        }
        Map<String, List<BandRate>> byLot = new LinkedHashMap<>();
        for (Proposal p : review.proposals()) {
            if (p.current() != null) {
                byLot.computeIfAbsent(p.lotId(), id -> new ArrayList<>()).add(new BandRate(p.band(), p.proposed()));
            }
        }
        int versionsWritten = 0;
        for (Map.Entry<String, List<BandRate>> lot : byLot.entrySet()) {
            Optional<Tariff> base = tariffs.findVersions(lot.getKey()).findTariff(from);
            if (base.isEmpty() || base.get().bandRates().equals(lot.getValue())) {
                continue;
            }
            tariffs.putVersion(lot.getKey(), new TariffVersion(from, base.get().withBandRates(lot.getValue()), zoneId));
            versionsWritten++;
        }
        audit.accept(new AuditEntry(
                zoneId,
                now,
                actor,
                "pricing-review-approved",
                "review " + reviewId + ": " + versionsWritten + " lots' tariff versions from " + from));
        return approved;
    }

    /**
     * The periodic job of AUTO policies: a unit whose last review is older than its
     * {@code minIntervalDays} (at least a day) gets one, approved at once. Exactly once across
     * nodes: the review's id is the unit's and the local day's, and a second insert of it is
     * refused by the store. Returns the reviews this call approved.
     */
    public List<PricingReview> runAutomatic() {
        Instant now = clock.instant();
        List<PricingReview> done = new ArrayList<>();
        for (PricingPolicy policy : store.listPolicies()) {
            if (policy.mode() != PricingPolicy.Mode.AUTO) {
                continue;
            }
            Duration every = Duration.ofDays(Math.max(1, policy.minIntervalDays()));
            if (store.findLatestReview(policy.zoneId(), now.minus(every)).isPresent()) {
                continue;
            }
            String id = "auto-" + policy.zoneId() + "-" + LocalDate.ofInstant(now, CityTime.SHANGHAI);
            PricingReview review = compute(policy, id, "auto", now);
            if (!store.insertReview(review)) {
                continue;
            }
            audit.accept(new AuditEntry(policy.zoneId(), now, "auto", "pricing-review", summary(review)));
            try {
                done.add(approve(policy.zoneId(), id, null, "auto"));
            } catch (ReviewApprovedException raced) {
                // another node approved it between our insert and our approval: once is enough
            }
        }
        return done;
    }

    private static String summary(PricingReview r) {
        Map<Proposal.Action, Integer> counts = new LinkedHashMap<>();
        r.proposals().forEach(p -> counts.merge(p.action(), 1, Integer::sum));
        return "review " + r.id() + " from " + r.basis() + " " + r.from() + " to " + r.to() + ": " + counts;
    }
}
