package city.parkgrid.occupancy;

/** Whether a counting-sensor snapshot was applied, and the state after it. */
public record SnapshotResult(boolean applied, LotOccupancy occupancy) {}
