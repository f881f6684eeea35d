package city.parkgrid.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import city.parkgrid.CityTime;
import city.parkgrid.InvalidInputException;
import city.parkgrid.accounts.PaymentMethod;
import city.parkgrid.app.Settings;
import city.parkgrid.app.Stores;
import city.parkgrid.app.UseCases;
import city.parkgrid.dataset.DataSet;
import city.parkgrid.dataset.GeoJsonDataSetReader;
import city.parkgrid.lots.Lot;
import city.parkgrid.money.Money;
import city.parkgrid.occupancy.GateEvent;
import city.parkgrid.occupancy.GateEventType;
import city.parkgrid.tariffs.BandRate;
import city.parkgrid.tariffs.Tariff;
import city.parkgrid.tariffs.TariffVersion;
import city.parkgrid.tariffs.TimeBand;
import city.parkgrid.testing.SettableClock;
import city.parkgrid.zones.control.AuditEntry;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The "done when" for reviews, through the use cases on every set of stores: imported
 * history with one lot at 95% in the midday band, one at 50%, one at 70% (and one at 20%) gives up,
 * down, unchanged (and a big step down), within min/max; approval creates versions from the next
 * local midnight; a review soon after is held by the interval; a stay across the change is settled
 * piece by piece; every step is in the unit's audit log; operators may not change the policy's rates.
 */
public abstract class ZonePricingContract {

    protected static final String ZONE = "wujiaochang";
    /** Monday 2026-11-30, 15:00 in Shanghai. */
    protected static final Instant NOW =
            LocalDateTime.of(2026, 11, 30, 15, 0).atZone(CityTime.SHANGHAI).toInstant();

    private static final Tariff TYPICAL = new Tariff(
            15,
            60,
            Money.ofFen(1_000),
            Money.ofFen(500),
            LocalTime.of(8, 0),
            LocalTime.of(20, 0),
            Money.ofFen(20_000),
            0);

    private static final TimeBand MIDDAY =
            new TimeBand(EnumSet.allOf(DayOfWeek.class), LocalTime.of(11, 0), LocalTime.of(14, 0));

    private static final String POLICY = """
            {"targetLow": 0.6, "targetHigh": 0.8, "stepUpFen": 200, "stepDownFen": 200, "bigStepDownFen": 500,
             "bigStepBelow": 0.3, "minFen": 600, "maxFen": 1100, "minIntervalDays": 28,
             "bands": [{"days": ["MON","TUE","WED","THU","FRI","SAT","SUN"], "from": "11:00", "to": "14:00"}],
             "statistic": "mean", "lookbackDays": 28, "mode": "REVIEW"}""";

    /** Fresh stores holding {@code data}, sharing nothing with other tests. */
    protected abstract Stores newStores(DataSet data);

    @Test
    void aReviewOnTheForecastBasisReadsTheDayAheadAndABandBeyondItHasNoData() {
        DataSet data = GeoJsonDataSetReader.wujiaochang();
        SettableClock clock = new SettableClock(NOW);
        UseCases u = UseCases.wire(newStores(data), Settings.DEFAULTS, clock, Runnable::run, Runnable::run);
        List<Lot> lots = u.geography().listLotsInZone(ZONE).subList(0, 2);
        Lot busy = lots.get(0);
        Lot half = lots.get(1);
        Map<Lot, Double> shares = Map.of(busy, 0.95, half, 0.50);
        // four weeks of every recording step at a steady share, and the live state agreeing with it
        StringBuilder csv = new StringBuilder("lotId,at,occupied,capacity\n");
        for (Lot lot : lots) {
            u.tariffs().putTariff(lot.id(), TYPICAL);
            int occupied = (int) Math.round(shares.get(lot) * lot.capacity());
            for (Instant at = NOW.minus(java.time.Duration.ofDays(28)); at.isBefore(NOW); at = at.plusSeconds(900)) {
                csv.append(lot.id())
                        .append(',')
                        .append(at)
                        .append(',')
                        .append(occupied)
                        .append(',')
                        .append(lot.capacity())
                        .append('\n');
            }
            u.occupancy().registerLot(lot, NOW).toCompletableFuture().join();
            u.occupancy()
                    .applySnapshot(lot, occupied, NOW, NOW)
                    .toCompletableFuture()
                    .join();
        }
        u.history().importCsv(csv.toString());
        // Monday 15:00: the next 24 h hold Tuesday's midday, not the weekend's
        u.pricing()
                .putPolicy(
                        ZONE,
                        POLICY.replace(
                                "\"bands\": [{\"days\": [\"MON\",\"TUE\",\"WED\",\"THU\",\"FRI\",\"SAT\",\"SUN\"], \"from\": \"11:00\", \"to\": \"14:00\"}]",
                                "\"bands\": [{\"days\": [\"MON\",\"TUE\",\"WED\",\"THU\",\"FRI\"], \"from\": \"11:00\", \"to\": \"14:00\"},"
                                        + " {\"days\": [\"SAT\",\"SUN\"], \"from\": \"11:00\", \"to\": \"14:00\"}]"),
                        "bureau:test");
        assertThat(u.pricing().findPolicy(ZONE).orElseThrow().bands()).hasSize(2);

        assertThatThrownBy(() -> u.pricing().review(ZONE, "guess", "bureau:test"))
                .isInstanceOf(InvalidInputException.class)
                .extracting("field")
                .isEqualTo("basis");
        PricingReview review = u.pricing().review(ZONE, ZonePricing.FORECAST, "bureau:test");
        assertThat(review.basis()).isEqualTo("forecast");
        assertThat(review.from()).isEqualTo(NOW);
        assertThat(review.to()).isEqualTo(NOW.plus(java.time.Duration.ofHours(24)));
        Map<String, List<Proposal>> byLot = review.proposals().stream().collect(Collectors.groupingBy(Proposal::lotId));
        Proposal busyWeekday = byLot.get(busy.id()).get(0);
        assertThat(busyWeekday.action()).isEqualTo(Proposal.Action.UP);
        assertThat(busyWeekday.occupancy()).isGreaterThan(0.8);
        assertThat(busyWeekday.samples())
                .as("Tuesday 11:00 to 13:45, every 15 minutes")
                .isEqualTo(12);
        assertThat(byLot.get(half.id()).get(0).action()).isEqualTo(Proposal.Action.DOWN);
        assertThat(byLot.get(half.id()).get(0).occupancy()).isLessThan(0.6);
        assertThat(byLot.get(busy.id()).get(1).action())
                .as("the weekend band does not fall within the 24 h forecast")
                .isEqualTo(Proposal.Action.NO_DATA);
        assertThat(u.pricing().findReview(ZONE, review.id())).isEqualTo(review);
    }

    @Test
    void aReviewOnImportedHistoryMovesEachLotTowardsTheTargetAndItsApprovalPricesStaysPieceByPiece() {
        DataSet data = GeoJsonDataSetReader.wujiaochang();
        SettableClock clock = new SettableClock(NOW);
        UseCases u = UseCases.wire(newStores(data), Settings.DEFAULTS, clock, Runnable::run, Runnable::run);
        List<Lot> lots = u.geography().listLotsInZone(ZONE).subList(0, 4);
        Lot busy = lots.get(0);
        Lot half = lots.get(1);
        Lot onTarget = lots.get(2);
        Lot empty = lots.get(3);
        Map<Lot, Double> shares = Map.of(busy, 0.95, half, 0.50, onTarget, 0.70, empty, 0.20);
        StringBuilder csv = new StringBuilder("lotId,at,occupied,capacity\n");
        for (Lot lot : lots) {
            u.tariffs().putTariff(lot.id(), TYPICAL);
            for (int day = 1; day <= 27; day++) {
                for (int hour : new int[] {11, 12, 13, 21}) {
                    double share = hour == 21 ? 0.05 : shares.get(lot);
                    Instant at = LocalDateTime.of(2026, 11, 30, hour, 0)
                            .minusDays(day)
                            .atZone(CityTime.SHANGHAI)
                            .toInstant();
                    csv.append(lot.id())
                            .append(',')
                            .append(at)
                            .append(',')
                            .append(Math.round(share * lot.capacity()))
                            .append(',')
                            .append(lot.capacity())
                            .append('\n');
                }
            }
        }
        u.history().importCsv(csv.toString());

        assertThatThrownBy(() ->
                        u.pricing().putPolicy(ZONE, POLICY.replace("\"minFen\": 600", "\"minFen\": 1200"), "bureau"))
                .isInstanceOf(InvalidInputException.class)
                .extracting("field")
                .isEqualTo("minFen");
        u.pricing().putPolicy(ZONE, POLICY, "bureau:test");
        assertThat(u.pricing().findPolicy(ZONE).orElseThrow().max()).isEqualTo(Money.ofFen(1_100));

        PricingReview review = u.pricing().review(ZONE, "bureau:test");
        Map<String, Proposal> byLot = review.proposals().stream()
                .filter(p -> shares.keySet().stream().anyMatch(l -> l.id().equals(p.lotId())))
                .collect(Collectors.toMap(Proposal::lotId, Function.identity()));
        assertThat(byLot.get(busy.id()).action()).isEqualTo(Proposal.Action.UP);
        assertThat(byLot.get(busy.id()).proposed())
                .as("up a step, held at the maximum")
                .isEqualTo(Money.ofFen(1_100));
        assertThat(byLot.get(busy.id()).occupancy()).isCloseTo(0.95, org.assertj.core.data.Offset.offset(0.01));
        assertThat(byLot.get(busy.id()).samples()).as("only the midday samples").isEqualTo(27 * 3);
        assertThat(byLot.get(half.id()).action()).isEqualTo(Proposal.Action.DOWN);
        assertThat(byLot.get(half.id()).proposed()).isEqualTo(Money.ofFen(800));
        assertThat(byLot.get(onTarget.id()).action()).isEqualTo(Proposal.Action.UNCHANGED);
        assertThat(byLot.get(onTarget.id()).proposed()).isEqualTo(Money.ofFen(1_000));
        assertThat(byLot.get(empty.id()).action()).isEqualTo(Proposal.Action.BIG_DOWN);
        assertThat(byLot.get(empty.id()).proposed())
                .as("down the big step, held at the minimum")
                .isEqualTo(Money.ofFen(600));
        assertThat(u.pricing().findReview(ZONE, review.id())).isEqualTo(review);

        PricingReview approved = u.pricing().approve(ZONE, review.id(), null, "bureau:test");
        Instant midnight =
                LocalDateTime.of(2026, 12, 1, 0, 0).atZone(CityTime.SHANGHAI).toInstant();
        assertThat(approved.effectiveFrom())
                .as("the next local midnight by default")
                .isEqualTo(midnight);
        assertThatThrownBy(() -> u.pricing().approve(ZONE, review.id(), null, "bureau:test"))
                .isInstanceOf(ZonePricing.ReviewApprovedException.class);
        TariffVersion scheduled =
                u.tariffs().findVersions(busy.id()).findInForce(midnight).orElseThrow();
        assertThat(scheduled.effectiveFrom()).isEqualTo(midnight);
        assertThat(scheduled.policyZoneId()).isEqualTo(ZONE);
        assertThat(scheduled.tariff().bandRates()).containsExactly(new BandRate(MIDDAY, Money.ofFen(1_100)));
        assertThat(u.tariffs().findTariff(busy.id(), midnight.minusSeconds(1))).contains(TYPICAL);

        PricingReview soon = u.pricing().review(ZONE, "bureau:test");
        assertThat(soon.proposals().stream().filter(p -> p.lotId().equals(busy.id())))
                .singleElement()
                .satisfies(p -> assertThat(p.action()).isEqualTo(Proposal.Action.HELD));

        // 23:00 on the 30th (old, night ¥5) then from midnight the new version: 00:00–07:00 night
        // (8 × ¥5), 08:00–10:00 day (3 × ¥10), 11:00 and 12:00 in the midday band (2 × ¥11)
        u.accounts().open("acc-busy", Set.of("沪A77777"), null, PaymentMethod.PREPAID);
        u.accounts().topUp("acc-busy", Money.ofFen(50_000), "k1", NOW);
        Instant in =
                LocalDateTime.of(2026, 11, 30, 23, 0).atZone(CityTime.SHANGHAI).toInstant();
        Instant out =
                LocalDateTime.of(2026, 12, 1, 12, 30).atZone(CityTime.SHANGHAI).toInstant();
        u.settlement()
                .recordGateEvents(busy, List.of(new GateEvent("e-in", GateEventType.ENTRY, "沪A77777", in, null)), in);
        u.settlement()
                .recordGateEvents(busy, List.of(new GateEvent("e-out", GateEventType.EXIT, "沪A77777", out, null)), out);
        assertThat(u.accounts().sessions("acc-busy").get(0).fee()).isEqualTo(Money.ofFen(500 + 4_000 + 3_000 + 2_200));

        // the operator may change the rest of the tariff, not the policy's band rates
        Tariff cheaperNights = new Tariff(
                15,
                60,
                Money.ofFen(1_000),
                Money.ofFen(400),
                LocalTime.of(8, 0),
                LocalTime.of(20, 0),
                Money.ofFen(20_000),
                0);
        clock.set(midnight.plusSeconds(3600));
        TariffVersion kept = u.lotTariffs().set(busy, cheaperNights, false, null);
        assertThat(kept.tariff().bandRates()).containsExactly(new BandRate(MIDDAY, Money.ofFen(1_100)));
        assertThatThrownBy(() -> u.lotTariffs()
                        .set(
                                busy,
                                cheaperNights.withBandRates(List.of(new BandRate(MIDDAY, Money.ofFen(2_000)))),
                                true,
                                null))
                .isInstanceOf(PricingPolicyConflictException.class)
                .hasMessageContaining("pricing policy of unit 'wujiaochang'");

        assertThat(u.controls().audit(ZONE).stream().map(AuditEntry::action).toList())
                .contains("pricing-policy", "pricing-review", "pricing-review-approved");
        assertThat(u.controls().audit(ZONE).stream().filter(a -> a.action().equals("pricing-review")))
                .hasSize(2);
    }

    @Test
    void anAutoPolicyIsReviewedAndApprovedOnceAcrossTwoNodesSharingTheStores() {
        DataSet data = GeoJsonDataSetReader.wujiaochang();
        SettableClock clock = new SettableClock(NOW);
        Stores shared = newStores(data);
        UseCases one = UseCases.wire(shared, Settings.DEFAULTS, clock, Runnable::run, Runnable::run);
        UseCases two = UseCases.wire(shared, Settings.DEFAULTS, clock, Runnable::run, Runnable::run);
        Lot lot = one.geography().listLotsInZone(ZONE).get(0);
        one.tariffs().putTariff(lot.id(), TYPICAL);
        one.pricing().putPolicy(ZONE, POLICY.replace("\"REVIEW\"", "\"AUTO\""), "bureau:test");

        List<PricingReview> approved = new java.util.ArrayList<>(one.pricing().runAutomatic());
        approved.addAll(two.pricing().runAutomatic());
        approved.addAll(one.pricing().runAutomatic());
        assertThat(approved).singleElement().satisfies(r -> {
            assertThat(r.approved()).isTrue();
            assertThat(r.approvedBy()).isEqualTo("auto");
        });
        assertThat(one.controls().audit(ZONE).stream().filter(a -> a.action().equals("pricing-review-approved")))
                .hasSize(1);
    }
}
