package city.parkgrid.catalog;

import city.parkgrid.dataset.DataSet;
import city.parkgrid.geo.Distances;
import city.parkgrid.geo.GeoJsonGeometries;
import city.parkgrid.geo.GeoPoint;
import city.parkgrid.lots.Lot;
import city.parkgrid.lots.NearbyLot;
import city.parkgrid.regions.Region;
import city.parkgrid.regions.RegionLevel;
import city.parkgrid.zones.Zone;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.index.strtree.STRtree;

/**
 * One immutable snapshot of the city's geometry, indexed for the hot paths: an STRtree of lot
 * entrances for nearest-lot queries, and prepared geometries (behind STRtrees of their envelopes)
 * for which zone or region contains a point. Thread-safe: built once, then only read.
 *
 * <p>Containment is {@code covers} (the boundary belongs to the area). Where areas of one kind
 * share a boundary, the smallest id in code-point order wins — the same rule the PostGIS queries
 * use ({@code ORDER BY id COLLATE "C"}), so both homes of the geometry give one answer.
 */
public final class GeoIndex {

    private static final double METRES_PER_DEGREE = Math.PI / 180 * Distances.EARTH_RADIUS_METRES;
    private static final Comparator<NearbyLot> NEAREST_FIRST = Comparator.comparingDouble(NearbyLot::distanceMetres)
            .thenComparing(n -> n.lot().id());

    private record Area<T>(T value, String id, PreparedGeometry geometry) {}

    private final DataSet dataSet;
    private final Map<String, Lot> lotsById;
    private final List<Lot> lots;
    private final Map<String, List<Lot>> lotsByZone;
    /** By {@code scheme + '\u0000' + externalId}; the stores keep an external id to one lot. */
    private final Map<String, Lot> lotsByExternalId;

    private final STRtree lotTree = new STRtree();
    private final Map<String, Zone> zonesById;
    private final List<Zone> zones;
    private final STRtree zoneTree = new STRtree();
    private final Map<String, Region> regionsById;
    private final Map<String, List<Region>> childrenById;
    private final STRtree regionTree = new STRtree();

    private GeoIndex(DataSet data) {
        this.zones =
                data.zones().stream().sorted(Comparator.comparing(Zone::id)).toList();
        this.zonesById = zones.stream().collect(Collectors.toUnmodifiableMap(Zone::id, Function.identity()));
        for (Zone zone : zones) {
            zoneTree.insert(
                    zone.area().getEnvelopeInternal(),
                    new Area<>(zone, zone.id(), PreparedGeometryFactory.prepare(zone.area())));
        }
        zoneTree.build();

        this.lots = data.lots().stream()
                .map(lot -> lot.withZoneId(zoneAt(lot.entrance()).map(Zone::id).orElse(null)))
                .sorted(Comparator.comparing(Lot::id))
                .toList();
        this.lotsById = lots.stream().collect(Collectors.toUnmodifiableMap(Lot::id, Function.identity()));
        // asked for on every MANAGED guidance answer and every control refresh: grouped once here
        this.lotsByZone = lots.stream()
                .filter(lot -> lot.zoneId() != null)
                .collect(Collectors.groupingBy(Lot::zoneId, Collectors.toUnmodifiableList()));
        Map<String, Lot> byExternalId = new HashMap<>();
        for (Lot lot : lots) {
            lot.externalIds().forEach((scheme, id) -> byExternalId.put(externalKey(scheme, id), lot));
        }
        this.lotsByExternalId = Map.copyOf(byExternalId);
        for (Lot lot : lots) {
            lotTree.insert(
                    new Envelope(
                            lot.entrance().lon(),
                            lot.entrance().lon(),
                            lot.entrance().lat(),
                            lot.entrance().lat()),
                    lot);
        }
        lotTree.build();

        List<Region> regions =
                data.regions().stream().sorted(Comparator.comparing(Region::id)).toList();
        this.regionsById = regions.stream().collect(Collectors.toUnmodifiableMap(Region::id, Function.identity()));
        Map<String, List<Region>> children = new HashMap<>();
        for (Region region : regions) {
            region.findParentId()
                    .ifPresent(parent -> children.computeIfAbsent(parent, k -> new ArrayList<>())
                            .add(region));
            regionTree.insert(
                    region.area().getEnvelopeInternal(),
                    new Area<>(region, region.id(), PreparedGeometryFactory.prepare(region.area())));
        }
        regionTree.build();
        this.childrenById = children.entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> List.copyOf(e.getValue())));
        this.dataSet = new DataSet(regions, zones, lots);
    }

    public static GeoIndex of(DataSet data) {
        return new GeoIndex(data);
    }

    /** The data this index was built from, with each lot's zone assigned. */
    public DataSet dataSet() {
        return dataSet;
    }

    public Optional<Lot> findLot(String id) {
        return Optional.ofNullable(lotsById.get(id));
    }

    /** The lot another system's scheme knows by this id. */
    public Optional<Lot> findLotByExternalId(String scheme, String externalId) {
        return Optional.ofNullable(lotsByExternalId.get(externalKey(scheme, externalId)));
    }

    private static String externalKey(String scheme, String externalId) {
        return scheme + '\u0000' + externalId;
    }

    public List<Lot> listLots() {
        return lots;
    }

    /** The lots whose entrance lies in the zone, by id. */
    public List<Lot> listLotsInZone(String zoneId) {
        return lotsByZone.getOrDefault(zoneId, List.of());
    }

    public Optional<Zone> findZone(String id) {
        return Optional.ofNullable(zonesById.get(id));
    }

    public List<Zone> listZones() {
        return zones;
    }

    public Optional<Region> findRegion(String id) {
        return Optional.ofNullable(regionsById.get(id));
    }

    public List<Region> listChildren(String regionId) {
        return childrenById.getOrDefault(regionId, List.of());
    }

    /** The unit whose area covers the point (smallest id on a shared boundary). */
    public Optional<Zone> zoneAt(GeoPoint point) {
        return coveringAreas(zoneTree, point).stream()
                .map(Area::value)
                .map(Zone.class::cast)
                .findFirst();
    }

    /** From the city down to the deepest region covering the point; empty outside every region. */
    public List<Region> locate(GeoPoint point) {
        Optional<Region> deepest = coveringAreas(regionTree, point).stream()
                .map(a -> (Region) a.value())
                .min(Comparator.comparing((Region r) -> -r.level().ordinal()).thenComparing(Region::id));
        if (deepest.isEmpty()) {
            return List.of();
        }
        List<Region> chain = new ArrayList<>();
        for (Region r = deepest.get(); r != null; r = r.parentId() == null ? null : regionsById.get(r.parentId())) {
            chain.add(r);
        }
        Collections.reverse(chain);
        return List.copyOf(chain);
    }

    /** The community covering the point, if the point is inside one. */
    public Optional<Region> communityAt(GeoPoint point) {
        List<Region> chain = locate(point);
        return chain.isEmpty() || chain.get(chain.size() - 1).level() != RegionLevel.COMMUNITY
                ? Optional.empty()
                : Optional.of(chain.get(chain.size() - 1));
    }

    /** Lots whose entrance lies within the radius, nearest first (ties by id). */
    public List<NearbyLot> lotsNear(GeoPoint point, double radiusMetres) {
        double dLat = radiusMetres / METRES_PER_DEGREE;
        double dLon = dLat / Math.max(0.01, Math.cos(Math.toRadians(point.lat())));
        Envelope search = new Envelope(point.lon() - dLon, point.lon() + dLon, point.lat() - dLat, point.lat() + dLat);
        List<NearbyLot> found = new ArrayList<>();
        for (Object item : lotTree.query(search)) {
            Lot lot = (Lot) item;
            double metres = Distances.metres(point, lot.entrance());
            if (metres <= radiusMetres) {
                found.add(new NearbyLot(lot, metres));
            }
        }
        found.sort(NEAREST_FIRST);
        return found;
    }

    /** Lots whose entrance lies in (or on the boundary of) an area. */
    public List<Lot> lotsWithin(Geometry area) {
        PreparedGeometry prepared = PreparedGeometryFactory.prepare(area);
        List<Lot> found = new ArrayList<>();
        for (Object item : lotTree.query(area.getEnvelopeInternal())) {
            Lot lot = (Lot) item;
            if (prepared.covers(GeoJsonGeometries.toPoint(lot.entrance()))) {
                found.add(lot);
            }
        }
        found.sort(Comparator.comparing(Lot::id));
        return found;
    }

    private static List<Area<?>> coveringAreas(STRtree tree, GeoPoint point) {
        Point p = GeoJsonGeometries.toPoint(point);
        List<Area<?>> covering = new ArrayList<>();
        for (Object item : tree.query(p.getEnvelopeInternal())) {
            Area<?> area = (Area<?>) item;
            if (area.geometry().covers(p)) {
                covering.add(area);
            }
        }
        covering.sort(Comparator.comparing(Area::id));
        return covering;
    }
}
