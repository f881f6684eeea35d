package city.parkgrid.forecast;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Forecasts one lot's occupancy at a target time from its own history. An implementation uses
 * only the observations at or before {@code issuedAt} (it cuts the history itself, so a caller
 * cannot leak the future into it by passing more), and is stateless: anything it learns from the
 * history is kept in the history's memo, so one instance serves every lot and thread.
 */
public interface Forecaster {

    /** The furthest ahead a forecast may be asked for. */
    Duration MAX_HORIZON = Duration.ofHours(24);

    /** The name callers select it by ({@link Forecasters#named}). */
    String name();

    /**
     * @param history the lot's history; observations after {@code issuedAt} are ignored
     * @param target from {@code issuedAt} to {@link #MAX_HORIZON} after it
     * @return empty when the lot has no observation at or before {@code issuedAt}
     * @throws city.parkgrid.InvalidInputException naming {@code at} when the target is before
     *     {@code issuedAt} or more than {@link #MAX_HORIZON} after it
     */
    Optional<Forecast> forecast(LotHistory history, Instant issuedAt, Instant target);
}
