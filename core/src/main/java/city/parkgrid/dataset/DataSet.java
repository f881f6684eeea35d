package city.parkgrid.dataset;

import city.parkgrid.lots.Lot;
import city.parkgrid.regions.Region;
import city.parkgrid.zones.Zone;
import java.util.List;

/** A city's static geography: its region hierarchy, parking units and lots. Immutable. */
public record DataSet(List<Region> regions, List<Zone> zones, List<Lot> lots) {

    public DataSet {
        regions = List.copyOf(regions);
        zones = List.copyOf(zones);
        lots = List.copyOf(lots);
    }
}
