package city.parkgrid.pricing.memory;

import city.parkgrid.pricing.PricingPolicy;
import city.parkgrid.pricing.PricingReview;
import city.parkgrid.pricing.PricingStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Pricing policies and reviews in this JVM (dev mode and fast tests). Thread-safe. */
public final class InMemoryPricingStore implements PricingStore {

    private final Map<String, PricingPolicy> policies = new HashMap<>();
    private final Map<String, PricingReview> reviews = new LinkedHashMap<>();

    @Override
    public synchronized Optional<PricingPolicy> findPolicy(String zoneId) {
        return Optional.ofNullable(policies.get(zoneId));
    }

    @Override
    public synchronized void putPolicy(PricingPolicy policy) {
        policies.put(policy.zoneId(), policy);
    }

    @Override
    public synchronized List<PricingPolicy> listPolicies() {
        return new ArrayList<>(policies.values());
    }

    @Override
    public synchronized boolean insertReview(PricingReview review) {
        return reviews.putIfAbsent(review.id(), review) == null;
    }

    @Override
    public synchronized Optional<PricingReview> findReview(String reviewId) {
        return Optional.ofNullable(reviews.get(reviewId));
    }

    @Override
    public synchronized boolean markApproved(PricingReview approved) {
        PricingReview stored = reviews.get(approved.id());
        if (stored == null || stored.approved()) {
            return false;
        }
        reviews.put(approved.id(), approved);
        return true;
    }

    @Override
    public synchronized Optional<PricingReview> findLatestReview(String zoneId, Instant since) {
        return reviews.values().stream()
                .filter(r -> r.zoneId().equals(zoneId) && !r.createdAt().isBefore(since))
                .max(Comparator.comparing(PricingReview::createdAt));
    }
}
