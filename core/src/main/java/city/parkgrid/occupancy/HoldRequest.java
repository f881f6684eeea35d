package city.parkgrid.occupancy;

import java.time.Instant;

/** A request to hold one space in a lot until {@code expiresAt}. */
public record HoldRequest(String holdId, String lotId, String plate, String driverId, Instant expiresAt) {}
