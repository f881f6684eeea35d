package city.parkgrid.accounts;

import city.parkgrid.lots.Lot;

/** Whether a plate belongs to a registered resident of the lot's own community (for the resident discount). Blocking. */
@FunctionalInterface
public interface ResidencyCheck {

    boolean isResidentOf(String plate, Lot lot);
}
