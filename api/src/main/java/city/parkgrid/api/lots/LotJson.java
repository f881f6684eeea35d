package city.parkgrid.api.lots;

import city.parkgrid.lots.Lot;
import city.parkgrid.occupancy.LotOccupancy;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;

/** The wire shape of a lot and its live occupancy, shared by every endpoint that returns one. */
public final class LotJson {

    private LotJson() {}

    public static JsonObject lot(Lot lot, LotOccupancy occupancy) {
        return new JsonObject()
                .put("id", lot.id())
                .put("name", lot.nameZh())
                .put("nameEn", lot.nameEn())
                .put("operatorId", lot.operatorId())
                .put("zoneId", lot.zoneId())
                .put("kind", lot.kind().name())
                .put(
                        "location",
                        new JsonObject()
                                .put("lat", lot.entrance().lat())
                                .put("lon", lot.entrance().lon()))
                .put("capacity", lot.capacity())
                .put("externalIds", new JsonObject(new LinkedHashMap<>(lot.externalIds())))
                .put("occupancy", occupancy(occupancy));
    }

    public static JsonObject occupancy(LotOccupancy o) {
        return new JsonObject()
                .put("occupied", o.occupied())
                .put("held", o.held())
                .put("free", o.free())
                .put("overflow", o.overflow())
                .put("status", o.status().name())
                .put("updatedAt", o.updatedAt().toString());
    }
}
