package city.parkgrid.allocation;

import city.parkgrid.ConflictException;

/**
 * The driver already has spaces held for as many plates as they may: another plate must wait
 * until one of those holds is used, cancelled or expires (a replacement for a plate already held
 * is always allowed).
 */
public class HoldLimitException extends ConflictException {

    public HoldLimitException(String plate, int maxPlates, boolean hasAccount) {
        super(
                "hold-limit",
                "Too many spaces held by this driver",
                "plate",
                hasAccount
                        ? "spaces are already held for " + maxPlates + " plates of this driver; cancel one before"
                                + " holding for plate " + plate
                        : "a driver without an account may hold for one plate at a time; cancel the current hold"
                                + " or open an account before holding for plate " + plate);
    }
}
