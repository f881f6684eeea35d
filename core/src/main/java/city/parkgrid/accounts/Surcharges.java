package city.parkgrid.accounts;

import city.parkgrid.lots.Lot;
import city.parkgrid.money.Money;
import java.time.Instant;

/**
 * Extra fees the traffic bureau adds for time spent in a lot (the MANAGED surcharge). Read once per
 * lot before a settlement's transaction ({@link #forLot} may block), then priced inside it.
 */
@FunctionalInterface
public interface Surcharges {

    Surcharges NONE = lot -> (from, to) -> Money.ZERO;

    Priced forLot(Lot lot);

    /** The surcharge of a stay from {@code from} to {@code to}. Pure. */
    @FunctionalInterface
    interface Priced {
        Money of(Instant from, Instant to);
    }
}
