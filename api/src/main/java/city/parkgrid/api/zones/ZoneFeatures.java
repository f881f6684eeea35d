package city.parkgrid.api.zones;

import city.parkgrid.api.http.GeoJson;
import city.parkgrid.catalog.Geography;
import city.parkgrid.lots.Lot;
import city.parkgrid.occupancy.OccupancyService;
import city.parkgrid.occupancy.OccupancyTotals;
import city.parkgrid.zones.Zone;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** Parking units as GeoJSON Features whose properties carry the unit's live totals. Thread-safe. */
public final class ZoneFeatures {

    private final Geography geography;
    private final OccupancyService occupancy;

    public ZoneFeatures(Geography geography, OccupancyService occupancy) {
        this.geography = geography;
        this.occupancy = occupancy;
    }

    public Future<JsonObject> feature(Vertx vertx, Zone zone) {
        return features(vertx, List.of(zone)).map(features -> features.getJsonObject(0));
    }

    public Future<JsonArray> features(Vertx vertx, List<Zone> zones) {
        List<Lot> lots = zones.stream()
                .flatMap(z -> geography.listLotsInZone(z.id()).stream())
                .toList();
        return Future.fromCompletionStage(
                        occupancy.listOccupancy(lots.stream().map(Lot::id).toList()), vertx.getOrCreateContext())
                .map(states -> {
                    JsonArray features = new JsonArray();
                    for (Zone zone : zones) {
                        List<Lot> inZone = geography.listLotsInZone(zone.id());
                        features.add(feature(zone, inZone, OccupancyTotals.of(inZone, states)));
                    }
                    return features;
                });
    }

    /** A unit as a GeoJSON Feature with its lots and live totals. */
    public static JsonObject feature(Zone zone, List<Lot> lots, OccupancyTotals totals) {
        return GeoJson.feature(zone.id(), properties(zone, lots, totals), zone.area());
    }

    private static JsonObject properties(Zone zone, List<Lot> lots, OccupancyTotals totals) {
        return new JsonObject()
                .put("id", zone.id())
                .put("name", zone.nameZh())
                .put("nameZh", zone.nameZh())
                .put("nameEn", zone.nameEn())
                .put("capacity", totals.capacity())
                .put("occupied", totals.occupied())
                .put("held", totals.held())
                .put("free", totals.free())
                .put("unknownLots", totals.unknownLots())
                .put("lotIds", new JsonArray(lots.stream().map(Lot::id).toList()));
    }
}
