package city.parkgrid.sim.platform;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The platform's clock during a simulated day: it reads whatever simulated time the driver of the
 * simulation last set, so the platform's own rules (zone-control refresh, hold expiry) run on the
 * simulation's time and a run is reproducible. Used from one thread.
 */
final class SimulatedClock extends Clock {

    /** Shared by the views {@link #withZone} makes, so every view reads the one simulated time. */
    private final AtomicReference<Instant> now;

    private final ZoneId zone;

    SimulatedClock(Instant start) {
        this(new AtomicReference<>(start), ZoneOffset.UTC);
    }

    private SimulatedClock(AtomicReference<Instant> now, ZoneId zone) {
        this.now = now;
        this.zone = zone;
    }

    void set(Instant instant) {
        now.set(instant);
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    /** The same simulated time, read in another zone (e.g. {@code CityTime.SHANGHAI} for local rules). */
    @Override
    public Clock withZone(ZoneId zone) {
        return new SimulatedClock(now, zone);
    }
}
