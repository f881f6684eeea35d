package city.parkgrid.regions;

import city.parkgrid.NotFoundException;
import city.parkgrid.catalog.Geography;
import city.parkgrid.lots.Lot;
import city.parkgrid.occupancy.OccupancyService;
import city.parkgrid.occupancy.OccupancyTotals;
import java.util.List;

/**
 * What a region holds, for the other city services that share the hierarchy: the lots whose
 * entrance lies inside it with their live totals, and how many registered residents its
 * communities have. Served over HTTP and on the event bus alike. Blocking (the resident registry
 * may be PostgreSQL); thread-safe.
 */
public final class RegionSummaries {

    /** A region's totals now. */
    public record RegionSummary(Region region, OccupancyTotals totals, long residents) {}

    private final Geography geography;
    private final ResidentRegistry residents;
    private final OccupancyService occupancy;

    public RegionSummaries(Geography geography, ResidentRegistry residents, OccupancyService occupancy) {
        this.geography = geography;
        this.residents = residents;
        this.occupancy = occupancy;
    }

    /** @throws NotFoundException for an unknown region */
    public RegionSummary summarize(String regionId) {
        Region region = geography.findRegion(regionId).orElseThrow(() -> new NotFoundException("region", regionId));
        List<Lot> lots = geography.snapshot().lotsWithin(region.area());
        List<String> communities = geography.listSubtree(regionId).stream()
                .filter(r -> r.level() == RegionLevel.COMMUNITY)
                .map(Region::id)
                .toList();
        var states = occupancy.listOccupancy(lots.stream().map(Lot::id).toList());
        long count = residents.countInCommunities(communities);
        return new RegionSummary(
                region, OccupancyTotals.of(lots, states.toCompletableFuture().join()), count);
    }
}
