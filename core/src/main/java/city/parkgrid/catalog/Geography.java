package city.parkgrid.catalog;

import city.parkgrid.dataset.DataSet;
import city.parkgrid.geo.GeoPoint;
import city.parkgrid.lots.Lot;
import city.parkgrid.lots.LotCatalog;
import city.parkgrid.lots.NearbyLot;
import city.parkgrid.regions.Region;
import city.parkgrid.regions.RegionCatalog;
import city.parkgrid.zones.Zone;
import city.parkgrid.zones.ZoneCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * This node's view of the city's geometry: the catalogs of lots, zones and regions, answered from
 * an in-memory {@link GeoIndex} that is swapped whole when the geometry changes (on this node or,
 * via PostgreSQL notifications, on any other). Thread-safe: readers see one consistent snapshot per
 * call and never wait for a reload.
 */
public final class Geography implements LotCatalog, ZoneCatalog, RegionCatalog {

    private final AtomicReference<GeoIndex> current;

    public Geography(DataSet data) {
        this.current = new AtomicReference<>(GeoIndex.of(data));
    }

    /** Rebuilds the index from new data and makes it current. */
    public void replace(DataSet data) {
        current.set(GeoIndex.of(data));
    }

    public GeoIndex snapshot() {
        return current.get();
    }

    @Override
    public Optional<Lot> findLot(String lotId) {
        return snapshot().findLot(lotId);
    }

    @Override
    public Optional<Lot> findLotByExternalId(String scheme, String externalId) {
        return snapshot().findLotByExternalId(scheme, externalId);
    }

    @Override
    public List<Lot> listLots() {
        return snapshot().listLots();
    }

    @Override
    public List<Lot> listLotsInZone(String zoneId) {
        return snapshot().listLotsInZone(zoneId);
    }

    @Override
    public List<NearbyLot> findLotsNear(GeoPoint point, double radiusMetres) {
        return snapshot().lotsNear(point, radiusMetres);
    }

    @Override
    public Optional<Zone> findZone(String zoneId) {
        return snapshot().findZone(zoneId);
    }

    @Override
    public List<Zone> listZones() {
        return snapshot().listZones();
    }

    @Override
    public Optional<Region> findRegion(String regionId) {
        return snapshot().findRegion(regionId);
    }

    @Override
    public List<Region> listChildren(String regionId) {
        return snapshot().listChildren(regionId);
    }

    @Override
    public List<Region> listSubtree(String regionId) {
        GeoIndex index = snapshot();
        List<Region> subtree = new ArrayList<>();
        index.findRegion(regionId).ifPresent(root -> collect(index, root, subtree));
        return subtree;
    }

    private static void collect(GeoIndex index, Region region, List<Region> into) {
        into.add(region);
        for (Region child : index.listChildren(region.id())) {
            collect(index, child, into);
        }
    }

    @Override
    public List<Region> locate(GeoPoint point) {
        return snapshot().locate(point);
    }
}
