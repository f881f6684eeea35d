package city.parkgrid.pricing;

import city.parkgrid.InvalidInputException;
import city.parkgrid.money.Money;
import city.parkgrid.tariffs.TimeBand;
import java.time.Instant;
import java.util.List;

/**
 * A parking unit's demand-responsive pricing policy (SFpark's rule): each lot's hourly rate in
 * each band of the week moves by a step towards the target occupancy band, within a floor and a
 * ceiling, at most once per {@code minIntervalDays}. Immutable; validated on construction, every
 * refusal naming the field.
 *
 * @param bigStepBelow occupancy under which the rate goes down by {@code bigStepDown} instead
 * @param lookbackDays how far back a review reads the recorded occupancy
 * @param setBy who set the policy; {@code setAt} when
 */
public record PricingPolicy(
        String zoneId,
        double targetLow,
        double targetHigh,
        Money stepUp,
        Money stepDown,
        Money bigStepDown,
        double bigStepBelow,
        Money min,
        Money max,
        int minIntervalDays,
        List<TimeBand> bands,
        Statistic statistic,
        int lookbackDays,
        Mode mode,
        String setBy,
        Instant setAt) {

    /** How a lot's occupancy in a band is summarised over the lookback. */
    public enum Statistic {
        MEAN,
        P85
    }

    /** REVIEW: the bureau approves each review; AUTO: a periodic job reviews and approves. */
    public enum Mode {
        REVIEW,
        AUTO
    }

    public PricingPolicy {
        share("targetLow", targetLow);
        share("targetHigh", targetHigh);
        share("bigStepBelow", bigStepBelow);
        if (targetLow >= targetHigh) {
            throw new InvalidInputException(
                    "targetLow", "must be below targetHigh (" + targetHigh + "), was " + targetLow);
        }
        if (bigStepBelow > targetLow) {
            throw new InvalidInputException(
                    "bigStepBelow", "must not be above targetLow (" + targetLow + "), was " + bigStepBelow);
        }
        positive("stepUpFen", stepUp);
        positive("stepDownFen", stepDown);
        positive("bigStepDownFen", bigStepDown);
        if (min.isNegative()) {
            throw new InvalidInputException("minFen", "must not be negative, was " + min.fen());
        }
        if (min.compareTo(max) > 0) {
            throw new InvalidInputException("minFen", "must not be above maxFen (" + max.fen() + "), was " + min.fen());
        }
        if (minIntervalDays < 0 || minIntervalDays > 366) {
            throw new InvalidInputException("minIntervalDays", "must be between 0 and 366, was " + minIntervalDays);
        }
        if (lookbackDays < 1 || lookbackDays > 366) {
            throw new InvalidInputException("lookbackDays", "must be between 1 and 366, was " + lookbackDays);
        }
        if (bands == null || bands.isEmpty()) {
            throw new InvalidInputException("bands", "must name at least one band of the week");
        }
        bands = List.copyOf(bands);
        TimeBand.requireDisjoint("bands", bands, band -> band);
        if (statistic == null) {
            throw new InvalidInputException("statistic", "must be mean or p85");
        }
        if (mode == null) {
            throw new InvalidInputException("mode", "must be REVIEW or AUTO");
        }
    }

    private static void share(String field, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new InvalidInputException(field, "must be a share between 0 and 1, was " + value);
        }
    }

    private static void positive(String field, Money step) {
        if (!step.isPositive()) {
            throw new InvalidInputException(field, "must be a positive number of fen, was " + step.fen());
        }
    }
}
