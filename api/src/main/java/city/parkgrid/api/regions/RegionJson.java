package city.parkgrid.api.regions;

import city.parkgrid.api.http.GeoJson;
import city.parkgrid.regions.Region;
import io.vertx.core.json.JsonObject;

/** The wire shapes of regions. */
final class RegionJson {

    private RegionJson() {}

    static JsonObject link(Region region) {
        return new JsonObject()
                .put("id", region.id())
                .put("level", region.level().name())
                .put("name", region.nameZh())
                .put("nameEn", region.nameEn());
    }

    static JsonObject feature(Region region) {
        return GeoJson.feature(
                region.id(),
                link(region).put("parentId", region.parentId()).put("nameZh", region.nameZh()),
                region.area());
    }
}
