package city.parkgrid.zones;

import java.util.Objects;
import org.locationtech.jts.geom.Geometry;

/**
 * A parking unit: the area the traffic bureau manages as one. Immutable; equal by id.
 *
 * @param area a Polygon or MultiPolygon in WGS84 (x = longitude, y = latitude)
 */
public record Zone(String id, String nameZh, String nameEn, Geometry area) {

    public Zone {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(nameZh, "nameZh");
        Objects.requireNonNull(nameEn, "nameEn");
        Objects.requireNonNull(area, "area");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Zone other && id.equals(other.id);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }
}
