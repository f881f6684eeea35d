package city.parkgrid.sim.platform;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The platform's clock during a simulated day: it reads whatever simulated time the driver of the
 * simulation last set, so the platform's own rules (zone-control refresh, hold expiry) run on the
 * simulation's time and a run is reproducible. Used from one thread.
 */
final class SimulatedClock extends Clock {

    private Instant now;

    SimulatedClock(Instant start) {
        this.now = start;
    }

    void set(Instant instant) {
        now = instant;
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the simulated clock is UTC; local rules apply CityTime.SHANGHAI");
    }
}
