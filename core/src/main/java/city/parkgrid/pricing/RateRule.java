package city.parkgrid.pricing;

import city.parkgrid.money.Money;
import city.parkgrid.tariffs.TimeBand;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * SFpark's rate rule, pure: at or above {@code targetHigh} up a step; from {@code targetLow} up
 * to {@code targetHigh} unchanged; below {@code targetLow} down a step; below
 * {@code bigStepBelow} down the big step; always within {@code min}–{@code max}; and not at all
 * within {@code minIntervalDays} of the band's last change. Thread-safe (stateless).
 */
public final class RateRule {

    private RateRule() {}

    /** The band's occupancy over the samples' shares (0–1): their mean, or their 85th percentile. */
    public static Double summarise(List<Double> shares, PricingPolicy.Statistic statistic) {
        if (shares.isEmpty()) {
            return null;
        }
        if (statistic == PricingPolicy.Statistic.MEAN) {
            return shares.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        }
        double[] sorted =
                shares.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        // nearest rank: the smallest value at or above 85% of the samples
        int rank = (int) Math.ceil(0.85 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    /**
     * @param current the band's rate now, null when the lot has no tariff
     * @param occupancy the band's occupancy, null without samples
     * @param lastChange when the band's rate last changed (or will change), null if never
     */
    public static Proposal propose(
            PricingPolicy policy,
            String lotId,
            TimeBand band,
            Money current,
            Double occupancy,
            int samples,
            Instant lastChange,
            Instant now) {
        if (current == null) {
            return new Proposal(lotId, band, occupancy, samples, null, null, Proposal.Action.NO_TARIFF, "no tariff");
        }
        if (occupancy == null) {
            return new Proposal(
                    lotId,
                    band,
                    null,
                    0,
                    current,
                    current,
                    Proposal.Action.NO_DATA,
                    "no recorded occupancy in the band");
        }
        if (lastChange != null && now.isBefore(lastChange.plus(Duration.ofDays(policy.minIntervalDays())))) {
            return new Proposal(
                    lotId,
                    band,
                    occupancy,
                    samples,
                    current,
                    current,
                    Proposal.Action.HELD,
                    "changed at " + lastChange + ", less than " + policy.minIntervalDays() + " days before");
        }
        Proposal.Action action;
        Money moved;
        String why;
        if (occupancy >= policy.targetHigh()) {
            action = Proposal.Action.UP;
            moved = current.plus(policy.stepUp());
            why = "at or above targetHigh " + policy.targetHigh();
        } else if (occupancy < policy.bigStepBelow()) {
            action = Proposal.Action.BIG_DOWN;
            moved = current.minus(policy.bigStepDown());
            why = "below bigStepBelow " + policy.bigStepBelow();
        } else if (occupancy < policy.targetLow()) {
            action = Proposal.Action.DOWN;
            moved = current.minus(policy.stepDown());
            why = "below targetLow " + policy.targetLow();
        } else {
            action = Proposal.Action.UNCHANGED;
            moved = current;
            why = "within the target band";
        }
        Money bounded = moved.max(policy.min()).min(policy.max());
        if (!bounded.equals(moved)) {
            why += ", held at the " + (bounded.equals(policy.max()) ? "maximum " : "minimum ") + bounded.fen() + " fen";
        }
        if (bounded.equals(current) && action != Proposal.Action.UNCHANGED) {
            action = Proposal.Action.UNCHANGED;
        }
        return new Proposal(lotId, band, occupancy, samples, current, bounded, action, why);
    }
}
