package city.parkgrid.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import city.parkgrid.InvalidInputException;
import city.parkgrid.money.Money;
import city.parkgrid.tariffs.TimeBand;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SFpark's rule, alone: steps by occupancy, the floor and ceiling, the interval, the statistics. */
class RateRuleTest {

    private static final TimeBand WEEKDAY_MORNING =
            new TimeBand(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.of(9, 0), LocalTime.of(12, 0));
    private static final Instant NOW = Instant.parse("2026-11-30T07:00:00Z");

    private static PricingPolicy policy(double low, double high, long min, long max, List<TimeBand> bands) {
        return new PricingPolicy(
                "wujiaochang",
                low,
                high,
                Money.ofFen(200),
                Money.ofFen(100),
                Money.ofFen(300),
                0.3,
                Money.ofFen(min),
                Money.ofFen(max),
                28,
                bands,
                PricingPolicy.Statistic.MEAN,
                28,
                PricingPolicy.Mode.REVIEW,
                "bureau",
                NOW);
    }

    private static final PricingPolicy SFPARK = policy(0.6, 0.8, 300, 2_000, List.of(WEEKDAY_MORNING));

    private static Proposal at(double occupancy, long currentFen, Instant lastChange) {
        return RateRule.propose(
                SFPARK, "lot", WEEKDAY_MORNING, Money.ofFen(currentFen), occupancy, 10, lastChange, NOW);
    }

    @Test
    void atOrAboveTheTargetUpAStepWithinDownAStepBelowAndTheBigStepFarBelow() {
        assertThat(at(0.80, 1_000, null).proposed()).isEqualTo(Money.ofFen(1_200));
        assertThat(at(0.95, 1_000, null).action()).isEqualTo(Proposal.Action.UP);
        assertThat(at(0.79, 1_000, null).proposed()).isEqualTo(Money.ofFen(1_000));
        assertThat(at(0.60, 1_000, null).action()).isEqualTo(Proposal.Action.UNCHANGED);
        assertThat(at(0.59, 1_000, null).proposed()).isEqualTo(Money.ofFen(900));
        assertThat(at(0.30, 1_000, null).action()).isEqualTo(Proposal.Action.DOWN);
        assertThat(at(0.29, 1_000, null).proposed()).isEqualTo(Money.ofFen(700));
        assertThat(at(0.29, 1_000, null).action()).isEqualTo(Proposal.Action.BIG_DOWN);
    }

    @Test
    void neverBeyondTheFloorOrTheCeiling() {
        assertThat(at(0.95, 1_900, null).proposed()).isEqualTo(Money.ofFen(2_000));
        assertThat(at(0.95, 2_000, null).action()).isEqualTo(Proposal.Action.UNCHANGED);
        assertThat(at(0.10, 400, null).proposed()).isEqualTo(Money.ofFen(300));
        assertThat(at(0.10, 5_000, null).proposed())
                .as("a rate above the ceiling comes down to it")
                .isEqualTo(Money.ofFen(2_000));
    }

    @Test
    void notSoonerThanTheIntervalAfterTheBandsLastChange() {
        assertThat(at(0.95, 1_000, NOW.minus(Duration.ofDays(27))).action()).isEqualTo(Proposal.Action.HELD);
        assertThat(at(0.95, 1_000, NOW.minus(Duration.ofDays(27))).proposed()).isEqualTo(Money.ofFen(1_000));
        assertThat(at(0.95, 1_000, NOW.minus(Duration.ofDays(28))).action()).isEqualTo(Proposal.Action.UP);
        assertThat(at(0.95, 1_000, NOW.plus(Duration.ofDays(1))).action())
                .as("a change still to come")
                .isEqualTo(Proposal.Action.HELD);
    }

    @Test
    void theMeanOrThe85thPercentile() {
        List<Double> shares = List.of(0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0);
        assertThat(RateRule.summarise(shares, PricingPolicy.Statistic.MEAN))
                .isCloseTo(0.55, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(RateRule.summarise(shares, PricingPolicy.Statistic.P85)).isEqualTo(0.9);
        assertThat(RateRule.summarise(List.of(), PricingPolicy.Statistic.P85)).isNull();
        assertThat(RateRule.propose(SFPARK, "lot", WEEKDAY_MORNING, Money.ofFen(1_000), null, 0, null, NOW)
                        .action())
                .isEqualTo(Proposal.Action.NO_DATA);
    }

    @Test
    void badPoliciesAreRefusedNamingTheField() {
        assertThatThrownBy(() -> policy(0.8, 0.8, 300, 2_000, List.of(WEEKDAY_MORNING)))
                .isInstanceOf(InvalidInputException.class)
                .extracting("field")
                .isEqualTo("targetLow");
        assertThatThrownBy(() -> policy(0.6, 0.8, 3_000, 2_000, List.of(WEEKDAY_MORNING)))
                .extracting("field")
                .isEqualTo("minFen");
        TimeBand overlapping = new TimeBand(EnumSet.of(DayOfWeek.FRIDAY), LocalTime.of(11, 0), LocalTime.of(13, 0));
        assertThatThrownBy(() -> policy(0.6, 0.8, 300, 2_000, List.of(WEEKDAY_MORNING, overlapping)))
                .extracting("field")
                .isEqualTo("bands[1]");
        TimeBand saturday = new TimeBand(EnumSet.of(DayOfWeek.SATURDAY), LocalTime.of(11, 0), LocalTime.of(13, 0));
        assertThat(policy(0.6, 0.8, 300, 2_000, List.of(WEEKDAY_MORNING, saturday))
                        .bands())
                .hasSize(2);
        assertThatThrownBy(() -> new PricingPolicy(
                        "z",
                        0.6,
                        0.8,
                        Money.ofFen(0),
                        Money.ofFen(100),
                        Money.ofFen(300),
                        0.3,
                        Money.ofFen(300),
                        Money.ofFen(2_000),
                        28,
                        List.of(WEEKDAY_MORNING),
                        PricingPolicy.Statistic.MEAN,
                        28,
                        PricingPolicy.Mode.REVIEW,
                        "b",
                        NOW))
                .extracting("field")
                .isEqualTo("stepUpFen");
        assertThatThrownBy(() -> new PricingPolicy(
                        "z",
                        0.6,
                        0.8,
                        Money.ofFen(200),
                        Money.ofFen(-5),
                        Money.ofFen(300),
                        0.3,
                        Money.ofFen(300),
                        Money.ofFen(2_000),
                        28,
                        List.of(WEEKDAY_MORNING),
                        PricingPolicy.Statistic.MEAN,
                        28,
                        PricingPolicy.Mode.REVIEW,
                        "b",
                        NOW))
                .extracting("field")
                .isEqualTo("stepDownFen");
    }
}
