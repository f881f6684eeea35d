package city.parkgrid.tariffs;

import city.parkgrid.InvalidInputException;
import city.parkgrid.money.Money;

/** The rate of a unit that starts within {@code band}, instead of the day or night rate. Immutable. */
public record BandRate(TimeBand band, Money rate) {

    public BandRate {
        if (rate.isNegative()) {
            throw new InvalidInputException("rateFen", "must not be negative, was " + rate.fen());
        }
    }
}
