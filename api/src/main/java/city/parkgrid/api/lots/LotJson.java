package city.parkgrid.api.lots;

import city.parkgrid.lots.Lot;
import city.parkgrid.occupancy.LotOccupancy;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;

/** The wire shape of a lot and its live occupancy, shared by every endpoint that returns one. */
public final class LotJson {

    private LotJson() {}

    /** The lot with its live state, {@code null} when that is not known. */
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

    /**
     * The live state, or for {@code null} a state not known (live occupancy lost it: Redis came back
     * empty): no counts then, never zeros that would read as an empty lot.
     */
    public static JsonObject occupancy(LotOccupancy o) {
        if (o == null) {
            return new JsonObject()
                    .put("stateKnown", false)
                    .putNull("occupied")
                    .putNull("held")
                    .putNull("free")
                    .putNull("overflow")
                    .put("status", "UNKNOWN")
                    .putNull("updatedAt");
        }
        return new JsonObject()
                .put("stateKnown", true)
                .put("occupied", o.occupied())
                .put("held", o.held())
                .put("free", o.free())
                .put("overflow", o.overflow())
                .put("status", o.status().name())
                .put("updatedAt", o.updatedAt().toString());
    }
}
