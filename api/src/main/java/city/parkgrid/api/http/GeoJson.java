package city.parkgrid.api.http;

import city.parkgrid.geo.GeoJsonGeometries;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.locationtech.jts.geom.Geometry;

/** GeoJSON Features and FeatureCollections on the wire (RFC 7946). */
public final class GeoJson {

    public static final String MEDIA_TYPE = "application/geo+json";

    private GeoJson() {}

    public static JsonObject feature(String id, JsonObject properties, Geometry geometry) {
        return new JsonObject()
                .put("type", "Feature")
                .put("id", id)
                .put("properties", properties)
                .put(
                        "geometry",
                        new JsonObject(GeoJsonGeometries.write(geometry).toString()));
    }

    public static JsonObject collection(JsonArray features) {
        return new JsonObject().put("type", "FeatureCollection").put("features", features);
    }
}
