package city.parkgrid.zones;

import city.parkgrid.Identifiers;
import city.parkgrid.InvalidInputException;
import city.parkgrid.Text;
import java.util.Objects;
import org.locationtech.jts.geom.Geometry;

/**
 * A parking unit: the area the traffic bureau manages as one. Immutable; equal by id.
 *
 * @param area a Polygon or MultiPolygon in WGS84 (x = longitude, y = latitude)
 */
public record Zone(String id, String nameZh, String nameEn, Geometry area) {

    public Zone {
        if (!Identifiers.isSlug(id)) {
            throw new InvalidInputException("id", "a zone id is 1 to 64 of a-z, 0-9 and '-', was '" + id + "'");
        }
        Text.require("nameZh", nameZh, Text.MAX_NAME);
        Text.require("nameEn", nameEn, Text.MAX_NAME);
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
