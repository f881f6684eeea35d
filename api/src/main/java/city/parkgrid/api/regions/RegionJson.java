package city.parkgrid.api.regions;

import city.parkgrid.api.http.GeoJson;
import city.parkgrid.regions.Region;
import io.vertx.core.json.JsonObject;

/** The wire shapes of regions. */
public final class RegionJson {

    private RegionJson() {}

    public static JsonObject link(Region region) {
        return new JsonObject()
                .put("id", region.id())
                .put("level", region.level().name())
                .put("name", region.nameZh())
                .put("nameEn", region.nameEn());
    }

    public static JsonObject feature(Region region) {
        return GeoJson.feature(
                region.id(),
                link(region).put("parentId", region.parentId()).put("nameZh", region.nameZh()),
                region.area());
    }
}
