package city.parkgrid.pricing;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Units' pricing policies and their reviews. Blocking (PostgreSQL in serve); thread-safe. */
public interface PricingStore {

    Optional<PricingPolicy> findPolicy(String zoneId);

    void putPolicy(PricingPolicy policy);

    /** Every unit's policy (for the periodic job of AUTO policies). */
    List<PricingPolicy> listPolicies();

    /** Adds a review; false, and nothing written, when one with its id exists (another node's). */
    boolean insertReview(PricingReview review);

    Optional<PricingReview> findReview(String reviewId);

    /**
     * Marks the review approved, only if it was not yet: true for exactly one caller across every
     * node, who then writes the tariff versions.
     */
    boolean markApproved(PricingReview approved);

    /** The unit's latest review created at or after {@code since}, if any. */
    Optional<PricingReview> findLatestReview(String zoneId, Instant since);
}
