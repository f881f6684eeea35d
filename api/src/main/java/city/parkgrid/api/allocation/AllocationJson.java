package city.parkgrid.api.allocation;

import city.parkgrid.occupancy.Hold;
import io.vertx.core.json.JsonObject;

/** The wire shape of an allocation (a space held for a driver). */
final class AllocationJson {

    private AllocationJson() {}

    static JsonObject of(Hold hold) {
        JsonObject json = new JsonObject()
                .put("id", hold.id())
                .put("lotId", hold.lotId())
                .put("plate", hold.plate())
                .put("status", hold.status().name())
                .put("createdAt", hold.createdAt().toString())
                .put("expiresAt", hold.expiresAt().toString());
        if (hold.endedAt() != null) {
            json.put("endedAt", hold.endedAt().toString());
        }
        return json;
    }
}
