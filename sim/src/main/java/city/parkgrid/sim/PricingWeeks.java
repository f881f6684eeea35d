package city.parkgrid.sim;

import city.parkgrid.CityTime;
import city.parkgrid.catalog.Geography;
import city.parkgrid.dataset.DataSet;
import city.parkgrid.lots.Lot;
import city.parkgrid.lots.LotKind;
import city.parkgrid.money.Money;
import city.parkgrid.pricing.PricingPolicy;
import city.parkgrid.pricing.Proposal;
import city.parkgrid.pricing.RateRule;
import city.parkgrid.sim.report.Summary;
import city.parkgrid.tariffs.TimeBand;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Simulated weeks with a pricing review between them (issue 14): SFpark's rule, as core's
 * {@link RateRule} applies it, moves each priced lot's rate in the peak band by that week's
 * occupancy, and the same weeks are run again at the fixed starting rates for comparison.
 *
 * <p>A week is {@code daysPerWeek} draws of the scenario's day (its weekday or weekend day, the
 * day the band prices; the other days of the week are not simulated, as the band does not price
 * them). Week {@code w} (from 0) runs seeds {@code scenario.seed() + w × daysPerWeek + d}, in both
 * arms, so the arms differ only in the rates, and the review reads all the week's days together. Nobody uses ParkGrid: every driver searches without
 * information and chooses by generalized cost, so price is the only lever. The review after week
 * {@code w} is dated 7 × w + 1 days after the scenario's date, so {@code minIntervalDays} 7 lets
 * the rule move every week.
 *
 * <p>Priced under the policy: the zone's lots open to visitors (malls, the stadium, kerbside
 * stretches and the lots shared with the public; not park-and-ride, which drivers do not search).
 * Lots open to visitors outside the zone keep the starting rate all along (another unit's tariff,
 * not under this policy), so the zone's lots are not set against free parking next door; outside
 * the band every lot keeps the starting rate. Thread-safe for distinct instances only.
 */
public final class PricingWeeks {

    /** Every priced lot's rate before the first review, in both arms. */
    public static final Money START = Money.ofFen(1000);

    /** The documented value of time of docs/SIMULATION.md (the one PriceChoiceTest shows at work). */
    public static final ValueOfTime VALUE_OF_TIME = new ValueOfTime(60, 0.7, 2.0);

    private static final LocalTime BAND_FROM = LocalTime.of(10, 0);
    private static final LocalTime BAND_TO = LocalTime.of(20, 0);

    private final Scenario scenario;
    private final Experiment experiment;
    private final PricingPolicy policy;
    private final TimeBand band;
    /** Zone lots under the policy, in the zone's order. */
    private final List<String> pricedLots;
    /** Lots open to visitors outside the zone: the starting rate always. */
    private final Set<String> fixedLots;

    public PricingWeeks(Scenario scenario, DataSet data) {
        this.scenario = scenario;
        this.experiment = new Experiment(scenario, data);
        this.policy = policy(scenario);
        this.band = policy.bands().get(0);
        Geography geography = new Geography(data);
        this.pricedLots = geography.listLotsInZone(scenario.zone()).stream()
                .filter(this::visitorLot)
                .map(Lot::id)
                .toList();
        this.fixedLots = Set.copyOf(geography.listLots().stream()
                .filter(this::visitorLot)
                .map(Lot::id)
                .filter(id -> !pricedLots.contains(id))
                .toList());
    }

    private boolean visitorLot(Lot lot) {
        return scenario.access().openToVisitors(lot) && lot.kind() != LotKind.PARK_AND_RIDE;
    }

    /**
     * The policy of the runs: the targets and steps, a floor of 3 and a ceiling of 25 yuan
     * an hour, at most one change a week, one band 10:00–20:00 on the scenario day's weekday (the
     * shopping and errand peaks), the band's mean occupancy.
     */
    public static PricingPolicy policy(Scenario scenario) {
        return new PricingPolicy(
                scenario.zone(),
                0.6,
                0.8,
                Money.ofFen(200),
                Money.ofFen(200),
                Money.ofFen(300),
                0.3,
                Money.ofFen(300),
                Money.ofFen(2500),
                7,
                List.of(new TimeBand(Set.of(scenario.date().getDayOfWeek()), BAND_FROM, BAND_TO)),
                PricingPolicy.Statistic.MEAN,
                7,
                PricingPolicy.Mode.AUTO,
                "sim",
                scenario.date().atStartOfDay(CityTime.SHANGHAI).toInstant());
    }

    public PricingPolicy policy() {
        return policy;
    }

    public List<String> pricedLots() {
        return pricedLots;
    }

    /**
     * One priced lot in one week.
     *
     * @param bandOccupancy the band's mean occupied/capacity over its 15-minute bins (what the rule reads)
     * @param inTargetShare the share of the band's bins with occupied/capacity within [targetLow, targetHigh]
     * @param rateFen the band's hourly rate in force during the week
     * @param next what the review after the week proposed (its rate is next week's)
     */
    public record LotWeek(
            String lotId, int capacity, double bandOccupancy, double inTargetShare, long rateFen, Proposal next) {}

    /**
     * One simulated week of one arm.
     *
     * @param seed the week's first day's seed
     * @param meanSearchMinutes all drivers who parked or gave up, give-ups at their time (Summary's
     *     {@code search_all_min}), the mean of the week's days
     * @param peakSearchMinutes the same over the busiest three hours (Summary's {@code peak_search_all_min})
     * @param revenueFen what visitors paid at the lots priced under the policy, on all the week's days
     * @param paidStays visitors' stays paid at those lots
     */
    public record Week(
            int week,
            long seed,
            Map<String, LotWeek> lots,
            double meanSearchMinutes,
            double peakSearchMinutes,
            double gaveUpShare,
            long revenueFen,
            int paidStays) {

        public double meanPaidFen() {
            return paidStays == 0 ? Double.NaN : revenueFen / (double) paidStays;
        }
    }

    /** Both arms, week by week; {@code wallSeconds} the run time. */
    public record Result(
            Scenario scenario, PricingPolicy policy, List<Week> priced, List<Week> fixed, double wallSeconds) {

        /** Lots whose band occupancy in the first priced week was outside [targetLow, targetHigh). */
        public List<String> startedOutside() {
            return priced.get(0).lots().values().stream()
                    .filter(l -> l.bandOccupancy() < policy.targetLow() || l.bandOccupancy() >= policy.targetHigh())
                    .map(LotWeek::lotId)
                    .toList();
        }
    }

    /**
     * {@code weeks} weeks of both arms, each of {@code daysPerWeek} simulated days (draws of the
     * scenario's day, seeds {@code seed + w × daysPerWeek + d}), which the review after the week
     * reads together, as a real review reads every weekday of its lookback; the two arms run side
     * by side when {@code threads} > 1.
     */
    public Result run(int weeks, int daysPerWeek, int threads) {
        if (weeks < 1 || daysPerWeek < 1) {
            throw new IllegalArgumentException(
                    "weeks and days per week must be at least 1, were " + weeks + " and " + daysPerWeek);
        }
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(2, threads)));
        try {
            Future<List<Week>> priced = pool.submit(() -> weeks(weeks, daysPerWeek, true));
            Future<List<Week>> fixed = pool.submit(() -> weeks(weeks, daysPerWeek, false));
            return new Result(scenario, policy, priced.get(), fixed.get(), (System.nanoTime() - start) / 1e9);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a simulated week failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** One arm: with {@code reviewed}, the rule sets each week's rates from the week before; else they stay. */
    List<Week> weeks(int weeks, int daysPerWeek, boolean reviewed) {
        Map<String, Money> rates = new LinkedHashMap<>();
        pricedLots.forEach(id -> rates.put(id, START));
        Map<String, Instant> lastChange = new HashMap<>();
        Instant scenarioDay = scenario.date().atStartOfDay(CityTime.SHANGHAI).toInstant();
        List<Week> result = new ArrayList<>();
        for (int w = 0; w < weeks; w++) {
            BandRates inForce = new BandRates(Map.copyOf(rates));
            long[] paid = new long[2];
            Map<String, List<Double>> shares = new HashMap<>();
            Map<String, Integer> capacity = new HashMap<>();
            double search = 0;
            double peakSearch = 0;
            double gaveUp = 0;
            long firstSeed = scenario.seed() + (long) w * daysPerWeek;
            for (int d = 0; d < daysPerWeek; d++) {
                Scenario seeded = scenario.with(firstSeed + d, 1.0);
                Simulation sim = experiment
                        .simulation(seeded, "baseline")
                        .pricedBy(inForce, VALUE_OF_TIME)
                        .observedBy(new Simulation.Observer() {
                            @Override
                            public void paid(long driverId, String lotId, long fen) {
                                if (rates.containsKey(lotId)) {
                                    paid[0] += fen;
                                    paid[1]++;
                                }
                            }
                        });
                RunResult run = sim.run(reviewed ? "priced" : "fixed");
                for (String lotId : pricedLots) {
                    shares.computeIfAbsent(lotId, id -> new ArrayList<>()).addAll(bandShares(run, lotId));
                    capacity.put(lotId, run.capacity().get(lotId));
                }
                Map<String, Double> figures = Summary.of(run, run).figures();
                search += figures.get("search_all_min") / daysPerWeek;
                peakSearch += figures.get("peak_search_all_min") / daysPerWeek;
                gaveUp += figures.get("gave_up_share") / daysPerWeek;
            }
            Instant review = scenarioDay.plus(Duration.ofDays(7L * w + 1));
            Map<String, LotWeek> lots = new LinkedHashMap<>();
            for (String lotId : pricedLots) {
                List<Double> week = shares.get(lotId);
                Money current = rates.get(lotId);
                Proposal next = RateRule.propose(
                        policy,
                        lotId,
                        band,
                        current,
                        RateRule.summarise(week, policy.statistic()),
                        week.size(),
                        lastChange.get(lotId),
                        review);
                lots.put(
                        lotId,
                        new LotWeek(
                                lotId,
                                capacity.get(lotId),
                                RateRule.summarise(week, PricingPolicy.Statistic.MEAN),
                                inTarget(week),
                                current.fen(),
                                next));
                if (reviewed && next.changes()) {
                    rates.put(lotId, next.proposed());
                    lastChange.put(lotId, review);
                }
            }
            result.add(new Week(w + 1, firstSeed, lots, search, peakSearch, gaveUp, paid[0], (int) paid[1]));
        }
        return result;
    }

    /** The lot's occupied/capacity at the start of each 15-minute bin inside the band. */
    private List<Double> bandShares(RunResult run, String lotId) {
        int[] bins = run.occupancy().get(lotId);
        int capacity = run.capacity().get(lotId);
        List<Double> shares = new ArrayList<>();
        for (int b = 0; b < bins.length; b++) {
            LocalDateTime at = scenario.date().atStartOfDay().plusMinutes((long) b * Simulation.BIN_MINUTES);
            if (band.contains(at)) {
                shares.add(bins[b] / (double) capacity);
            }
        }
        return shares;
    }

    private double inTarget(List<Double> shares) {
        return shares.stream()
                        .filter(s -> s >= policy.targetLow() && s <= policy.targetHigh())
                        .count()
                / (double) Math.max(1, shares.size());
    }

    /** The band rate of each lot under the policy in the band; the starting rate otherwise. */
    private final class BandRates implements LotRates {
        private final Map<String, Money> bandRates;

        BandRates(Map<String, Money> bandRates) {
            this.bandRates = bandRates;
        }

        @Override
        public boolean priced(String lotId) {
            return bandRates.containsKey(lotId) || fixedLots.contains(lotId);
        }

        @Override
        public long hourlyFen(String lotId, Instant at) {
            Money rate = bandRates.get(lotId);
            if (rate != null && band.contains(LocalDateTime.ofInstant(at, CityTime.SHANGHAI))) {
                return rate.fen();
            }
            return priced(lotId) ? START.fen() : 0;
        }
    }
}
