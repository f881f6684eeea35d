package city.parkgrid.api.regions;

import city.parkgrid.regions.Resident;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** The wire shape of a resident: no personal data beyond community and plates. */
final class ResidentJson {

    private ResidentJson() {}

    static JsonObject of(Resident resident) {
        return new JsonObject()
                .put("id", resident.id())
                .put("communityId", resident.communityId())
                .put("plates", new JsonArray(resident.plates().stream().sorted().toList()));
    }
}
