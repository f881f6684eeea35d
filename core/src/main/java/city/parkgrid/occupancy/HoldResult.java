package city.parkgrid.occupancy;

/**
 * What a hold attempt got: the hold, or the reason none was granted; and the lot's state after.
 *
 * @param refusal null when granted; otherwise why not (the lot is full or closed)
 */
public record HoldResult(Hold hold, LotStatus refusal, LotOccupancy occupancy) {

    public boolean granted() {
        return hold != null;
    }
}
