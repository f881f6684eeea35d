package city.parkgrid.api.testing;

import io.vertx.core.json.JsonObject;

/** Request bodies built from what the platform answered. */
public final class LotBodies {

    private LotBodies() {}

    /** The whole lot, as the bureau sends it to {@code PUT /v1/lots/{id}}, from a lot read. */
    public static JsonObject asTheBureauSendsIt(JsonObject lot) {
        return new JsonObject()
                .put("nameZh", lot.getString("name"))
                .put("nameEn", lot.getString("nameEn"))
                .put("operatorId", lot.getString("operatorId"))
                .put("kind", lot.getString("kind"))
                .put("capacity", lot.getInteger("capacity"))
                .put("location", lot.getJsonObject("location"))
                .put("externalIds", lot.getJsonObject("externalIds", new JsonObject()));
    }
}
