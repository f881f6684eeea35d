package city.parkgrid.occupancy;

import java.time.Instant;

/**
 * One lot's live state at one of its versions, as the store that took it keeps it ({@link
 * OccupancyStore#checkpointLot}): the journal keeps the latest per lot and only the changes after
 * it, so that a restore replays a bounded number of changes however long the platform has run.
 *
 * @param payload opaque outside the store that took it
 */
public record LotCheckpoint(String lotId, long version, Instant takenAt, String payload) {}
