package city.parkgrid.pricing;

import city.parkgrid.ConflictException;

/** An operator tried to change a rate that a unit's pricing policy set and still governs. */
public final class PricingPolicyConflictException extends ConflictException {

    public PricingPolicyConflictException(String zoneId, String band) {
        super(
                "rate-set-by-pricing-policy",
                "The rate is set by a zone pricing policy",
                "bandRates",
                "the rate of " + band + " is set by the pricing policy of unit '" + zoneId + "' (GET /v1/zones/"
                        + zoneId + "/pricing) while it is in force");
    }
}
