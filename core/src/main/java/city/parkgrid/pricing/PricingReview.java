package city.parkgrid.pricing;

import java.time.Instant;
import java.util.List;

/**
 * One review of a unit's rates: the proposals computed from the occupancy recorded over
 * {@code from}–{@code to}, then, once approved, the time its rates take effect. Immutable.
 */
public record PricingReview(
        String id,
        String zoneId,
        Instant createdAt,
        String createdBy,
        String basis,
        PricingPolicy.Statistic statistic,
        Instant from,
        Instant to,
        List<Proposal> proposals,
        Instant approvedAt,
        String approvedBy,
        Instant effectiveFrom) {

    public PricingReview {
        proposals = List.copyOf(proposals);
    }

    public boolean approved() {
        return approvedAt != null;
    }

    public PricingReview approvedAt(Instant at, String by, Instant effective) {
        return new PricingReview(
                id, zoneId, createdAt, createdBy, basis, statistic, from, to, proposals, at, by, effective);
    }
}
