package city.parkgrid.api.standards.ogc;

import city.parkgrid.NotFoundException;
import city.parkgrid.api.http.GeoJson;
import city.parkgrid.api.lots.LotJson;
import city.parkgrid.api.regions.RegionJson;
import city.parkgrid.api.standards.LiveState;
import city.parkgrid.api.zones.ZoneFeatures;
import city.parkgrid.catalog.Geography;
import city.parkgrid.geo.GeoJsonGeometries;
import city.parkgrid.lots.Lot;
import city.parkgrid.occupancy.LotOccupancy;
import city.parkgrid.regions.Region;
import city.parkgrid.zones.Zone;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The three collections ParkGrid publishes to GIS tools: regions, parking units and lots. Thread-safe. */
public final class OgcCollections {

    private final Map<String, OgcCollection<?>> byId = new LinkedHashMap<>();

    public OgcCollections(LiveState live) {
        Geography geography = live.geography();
        add(new OgcCollection<Region>(
                "regions",
                "Regions",
                "The city → district → subdistrict → community hierarchy ParkGrid shares with other city services.",
                () -> geography.snapshot().dataSet().regions().stream()
                        .sorted(Comparator.comparing(Region::id))
                        .toList(),
                geography::findRegion,
                Region::area,
                (vertx, regions) -> Future.succeededFuture(
                        regions.stream().map(RegionJson::feature).toList())));
        add(new OgcCollection<Zone>(
                "zones",
                "Parking units",
                "The areas the traffic bureau manages as one, with their lots' live totals.",
                geography::listZones,
                geography::findZone,
                Zone::area,
                (vertx, zones) -> live.zones(vertx, zones)
                        .map(all -> all.stream()
                                .map(z -> ZoneFeatures.feature(z.zone(), z.lots(), z.totals()))
                                .toList())));
        add(new OgcCollection<Lot>(
                "lots",
                "Parking lots",
                "Every connected lot at its entrance, with its live occupancy (capacity, occupied, free, status).",
                geography::listLots,
                geography::findLot,
                lot -> GeoJsonGeometries.toPoint(lot.entrance()),
                (vertx, lots) -> live.lots(vertx, lots)
                        .map(all -> all.stream()
                                .map(l -> lotFeature(l.lot(), l.occupancy()))
                                .toList())));
    }

    private void add(OgcCollection<?> collection) {
        byId.put(collection.id(), collection);
    }

    List<OgcCollection<?>> all() {
        return List.copyOf(byId.values());
    }

    OgcCollection<?> require(String collectionId) {
        OgcCollection<?> found = byId.get(collectionId);
        if (found == null) {
            throw new NotFoundException(
                    "collection", collectionId, "no collection '" + collectionId + "'; there are " + byId.keySet());
        }
        return found;
    }

    /**
     * The lot as {@code /v1/lots} shows it, flattened as GIS tools show properties in an attribute
     * table: the occupancy's members beside the lot's, the entrance as the geometry.
     */
    static JsonObject lotFeature(Lot lot, LotOccupancy o) {
        JsonObject properties = LotJson.lot(lot, o);
        properties.remove("location");
        JsonObject occupancy = (JsonObject) properties.remove("occupancy");
        occupancy.forEach(e -> properties.put(e.getKey(), e.getValue()));
        return GeoJson.feature(lot.id(), properties, GeoJsonGeometries.toPoint(lot.entrance()));
    }
}
