package city.parkgrid;

import java.time.Duration;

/**
 * The caller asked more often than a rate limit allows (429); the same request may be sent again
 * after {@link #retryAfter}. The count is kept in the shared store, so the limit holds however
 * many nodes the requests are spread over.
 */
public final class TooManyRequestsException extends RuntimeException {

    private final Duration retryAfter;

    public TooManyRequestsException(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    /** How long until the limit lets the caller in again (at least one second). */
    public Duration retryAfter() {
        return retryAfter;
    }
}
