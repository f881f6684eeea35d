package city.parkgrid.history;

import java.time.Duration;
import java.util.Objects;

/**
 * How occupancy history is recorded.
 *
 * @param step the recording step: one sample per lot at every multiple of it since the epoch (UTC).
 *     From a minute to an hour, dividing a day, so steps fall on the same clock times every day
 * @param retention how long samples and changes are kept (at least a day)
 */
public record HistorySettings(Duration step, Duration retention) {

    public static final HistorySettings DEFAULTS = new HistorySettings(Duration.ofMinutes(5), Duration.ofDays(400));

    public HistorySettings {
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(retention, "retention");
        if (step.compareTo(Duration.ofMinutes(1)) < 0
                || step.compareTo(Duration.ofHours(1)) > 0
                || step.toNanos() % Duration.ofSeconds(1).toNanos() != 0
                || Duration.ofDays(1).toSeconds() % step.toSeconds() != 0) {
            throw new IllegalArgumentException(
                    "history.step must be from PT1M to PT1H in whole seconds and divide a day, not " + step);
        }
        if (retention.compareTo(Duration.ofDays(1)) < 0) {
            throw new IllegalArgumentException("history.retention must be at least P1D, not " + retention);
        }
    }
}
