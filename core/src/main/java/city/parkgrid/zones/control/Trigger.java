package city.parkgrid.zones.control;

import java.time.Duration;
import java.time.Instant;

/**
 * Activates a mode by itself when the unit stays above an occupancy for a while, and records that
 * it did. Immutable.
 *
 * <p>It releases with hysteresis, so a unit hovering at the threshold does not flap NORMAL↔MANAGED
 * (each change audited and pushed to every screen): once active it stays active for at least
 * {@code minActiveMinutes}, and after that until the demand is below {@code releaseBelow}, which
 * lies below {@code occupancyAbove}.
 *
 * @param releaseBelow the demand below which an active trigger may release, less than {@code occupancyAbove}
 * @param minActiveMinutes the least time an activated trigger stays active (0: none)
 * @param breachSince since when the unit has been above the threshold (null: it is not)
 * @param activeSince since when the trigger's mode is in force (null: it is not)
 */
public record Trigger(
        String zoneId,
        double occupancyAbove,
        int forMinutes,
        double releaseBelow,
        int minActiveMinutes,
        ZoneMode mode,
        ZonePolicy policy,
        String setBy,
        Instant breachSince,
        Instant activeSince) {

    /** How far below {@code occupancyAbove} a trigger releases when the bureau does not say. */
    public static final double DEFAULT_RELEASE_MARGIN = 0.05;
    /** How long an activated trigger stays active at least when the bureau does not say. */
    public static final int DEFAULT_MIN_ACTIVE_MINUTES = 15;

    /**
     * {@code occupancyAbove} − 0.05, or half of it for a threshold under 10% (so it stays above 0);
     * rounded to four places so the wire shows 0.8, not 0.7999999999999999.
     */
    public static double defaultReleaseBelow(double occupancyAbove) {
        double below = Math.max(occupancyAbove - DEFAULT_RELEASE_MARGIN, occupancyAbove / 2);
        return Math.round(below * 10_000) / 10_000.0;
    }

    public Trigger withState(Instant breach, Instant active) {
        return new Trigger(
                zoneId,
                occupancyAbove,
                forMinutes,
                releaseBelow,
                minActiveMinutes,
                mode,
                policy,
                setBy,
                breach,
                active);
    }

    public boolean active() {
        return activeSince != null;
    }

    /**
     * The state at {@code now} for the unit's demand (a share of capacity). Pure: the caller
     * stores it, compare-and-set against this state, so only one node moves it.
     */
    public Trigger next(double demand, Instant now) {
        boolean above = demand > occupancyAbove;
        Instant breach = above ? (breachSince == null ? now : breachSince) : null;
        if (!active()) {
            boolean held = above && !now.isBefore(breach.plus(Duration.ofMinutes(forMinutes)));
            return withState(breach, held ? now : null);
        }
        boolean release =
                demand < releaseBelow && !now.isBefore(activeSince.plus(Duration.ofMinutes(minActiveMinutes)));
        return withState(breach, release ? null : activeSince);
    }
}
