package city.parkgrid.postgres;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Remembers that PostgreSQL was just found out of reach, so that the requests that follow fail at
 * once instead of each waiting out the pool's connection timeout. Closed: every caller goes
 * through. Open (after an outage was seen): callers are refused until {@code openFor} has passed;
 * then one caller at a time is let through as a probe, and its outcome closes or re-opens the
 * breaker. Thread-safe.
 */
final class CircuitBreaker {

    /** What a caller may do now; hand it back to {@link #succeeded}, {@link #failed} or {@link #released}. */
    enum Admission {
        /** The breaker is closed: go ahead. */
        THROUGH,
        /** The breaker was open and its interval is over: this caller tries the database for everyone. */
        PROBE,
        /** Open: fail without trying. */
        REFUSED
    }

    private final long openForNanos;
    private final LongSupplier nanoClock;
    private boolean open;
    private long openUntil;
    private boolean probing;

    CircuitBreaker(Duration openFor, LongSupplier nanoClock) {
        this.openForNanos = openFor.toNanos();
        this.nanoClock = nanoClock;
    }

    synchronized Admission admit() {
        if (!open) {
            return Admission.THROUGH;
        }
        if (probing || nanoClock.getAsLong() - openUntil < 0) {
            return Admission.REFUSED;
        }
        probing = true;
        return Admission.PROBE;
    }

    /**
     * The database answered. Only a probe's answer closes an open breaker: a caller let through
     * before the breaker opened may be handed a pooled connection afterwards (Hikari does not
     * check one used in the last half second), which says nothing about the database now.
     */
    synchronized void succeeded(Admission admission) {
        if (admission == Admission.PROBE) {
            open = false;
            probing = false;
        }
    }

    /** The database was out of reach: refuse callers for the open interval. */
    synchronized void failed(Admission admission) {
        open = true;
        openUntil = nanoClock.getAsLong() + openForNanos;
        if (admission == Admission.PROBE) {
            probing = false;
        }
    }

    /** The call failed for a reason that says nothing about reachability: let the next caller probe. */
    synchronized void released(Admission admission) {
        if (admission == Admission.PROBE) {
            probing = false;
        }
    }

    synchronized boolean isOpen() {
        return open;
    }
}
