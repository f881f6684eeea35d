package city.parkgrid.pricing.postgres;

import city.parkgrid.postgres.PostgresDatabase;
import city.parkgrid.pricing.PricingJson;
import city.parkgrid.pricing.PricingPolicy;
import city.parkgrid.pricing.PricingReview;
import city.parkgrid.pricing.PricingStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Pricing policies and reviews in PostgreSQL, as JSON documents ({@link PricingJson}). An
 * approval is a conditional update, so exactly one node approves a review. Blocking; thread-safe.
 */
public final class PostgresPricingStore implements PricingStore {

    private final PostgresDatabase database;

    public PostgresPricingStore(PostgresDatabase database) {
        this.database = database;
    }

    private <T> T tx(PostgresDatabase.Work<T> work) {
        return database.inTransaction(work, "reading or writing pricing");
    }

    private static OffsetDateTime utc(Instant at) {
        return at == null ? null : at.atOffset(ZoneOffset.UTC);
    }

    @Override
    public Optional<PricingPolicy> findPolicy(String zoneId) {
        return tx(c -> {
            try (PreparedStatement s =
                    c.prepareStatement("SELECT policy FROM zone_pricing_policies WHERE zone_id = ?")) {
                s.setString(1, zoneId);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(policy(zoneId, rs.getString(1))) : Optional.empty();
                }
            }
        });
    }

    private static PricingPolicy policy(String zoneId, String json) {
        return PricingJson.readStoredPolicy(zoneId, json);
    }

    @Override
    public void putPolicy(PricingPolicy policy) {
        tx(c -> {
            try (PreparedStatement s =
                    c.prepareStatement("INSERT INTO zone_pricing_policies (zone_id, policy) VALUES (?, ?)"
                            + " ON CONFLICT (zone_id) DO UPDATE SET policy = EXCLUDED.policy, updated_at = now()")) {
                s.setString(1, policy.zoneId());
                s.setString(2, PricingJson.policy(policy).toString());
                s.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public List<PricingPolicy> listPolicies() {
        return tx(c -> {
            List<PricingPolicy> all = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT zone_id, policy FROM zone_pricing_policies");
                    ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    all.add(policy(rs.getString(1), rs.getString(2)));
                }
            }
            return all;
        });
    }

    @Override
    public boolean insertReview(PricingReview review) {
        return tx(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO pricing_reviews (id, zone_id, created_at, review) VALUES (?, ?, ?, ?)"
                            + " ON CONFLICT (id) DO NOTHING")) {
                s.setString(1, review.id());
                s.setString(2, review.zoneId());
                s.setObject(3, utc(review.createdAt()));
                s.setString(4, PricingJson.review(review).toString());
                return s.executeUpdate() == 1;
            }
        });
    }

    @Override
    public Optional<PricingReview> findReview(String reviewId) {
        return tx(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT review FROM pricing_reviews WHERE id = ?")) {
                s.setString(1, reviewId);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(PricingJson.readReview(rs.getString(1))) : Optional.empty();
                }
            }
        });
    }

    @Override
    public boolean markApproved(PricingReview approved) {
        return tx(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE pricing_reviews SET review = ?, approved_at = ? WHERE id = ? AND approved_at IS NULL")) {
                s.setString(1, PricingJson.review(approved).toString());
                s.setObject(2, utc(approved.approvedAt()));
                s.setString(3, approved.id());
                return s.executeUpdate() == 1;
            }
        });
    }

    @Override
    public Optional<PricingReview> findLatestReview(String zoneId, Instant since) {
        return tx(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT review FROM pricing_reviews"
                    + " WHERE zone_id = ? AND created_at >= ? ORDER BY created_at DESC LIMIT 1")) {
                s.setString(1, zoneId);
                s.setObject(2, utc(since));
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(PricingJson.readReview(rs.getString(1))) : Optional.empty();
                }
            }
        });
    }
}
