package city.parkgrid.forecast;

import java.time.Instant;
import java.util.Objects;

/**
 * One reading of a lot's occupancy, as recorded or imported: raw, so it may be a duplicate, lie
 * above capacity or below zero. {@link Observations#clean} makes a series a forecaster can use.
 */
public record Observation(Instant at, int occupied, int capacity) {

    public Observation {
        Objects.requireNonNull(at, "at");
    }
}
