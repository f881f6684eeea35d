package city.parkgrid.allocation;

import java.util.concurrent.CompletionStage;

/**
 * Who a plate belongs to, as far as allocation needs to know (the accounts in serve and dev): a
 * driver may hold spaces only for their own plates, so that nobody can squat for someone else.
 */
public interface PlateOwners {

    /** The account {@code plate} is bound to, and whether the driver has an account of their own. */
    CompletionStage<Ownership> lookup(String driverId, String plate);

    /**
     * @param ownerAccountId the account the plate is bound to, or null when it is bound to none
     * @param driverHasAccount whether an account with the driver's id is open (a driver's account id
     *     is the driver's id)
     */
    record Ownership(String ownerAccountId, boolean driverHasAccount) {}
}
