package city.parkgrid.history;

/**
 * What one node's write of a step did.
 *
 * @param written samples this write added (0 when another node had written the step already)
 * @param changes capacity or status changes it recorded
 */
public record StepWrite(int written, int changes) {}
