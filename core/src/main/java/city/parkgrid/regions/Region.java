package city.parkgrid.regions;

import city.parkgrid.Text;
import java.util.Objects;
import java.util.Optional;
import org.locationtech.jts.geom.Geometry;

/**
 * One node of the city → district → subdistrict → community hierarchy. Immutable; equal by id.
 *
 * @param parentId null for the city
 * @param area a MultiPolygon in WGS84 (x = longitude, y = latitude)
 */
public record Region(String id, RegionLevel level, String parentId, String nameZh, String nameEn, Geometry area) {

    public Region {
        Text.require("id", id, Text.MAX_ID);
        Objects.requireNonNull(level, "level");
        Text.require("nameZh", nameZh, Text.MAX_NAME);
        Text.require("nameEn", nameEn, Text.MAX_NAME);
        Objects.requireNonNull(area, "area");
        if ((parentId == null) != (level == RegionLevel.CITY)) {
            throw new IllegalArgumentException("region " + id + ": only a CITY has no parent");
        }
    }

    public Optional<String> findParentId() {
        return Optional.ofNullable(parentId);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Region other && id.equals(other.id);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }
}
