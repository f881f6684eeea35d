package city.parkgrid.zones;

import city.parkgrid.InvalidInputException;
import city.parkgrid.geo.GeoJsonGeometries;
import java.util.Locale;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;

/** Checks a proposed parking-unit area and names its defect, so the bureau's GIS user can fix it. */
public final class ZoneAreas {

    private ZoneAreas() {}

    /**
     * @return the area as a MultiPolygon, the form it is stored in
     * @throws InvalidInputException naming the defect (field {@code geometry})
     */
    public static MultiPolygon requireValid(Geometry area) {
        if (!(area instanceof Polygon || area instanceof MultiPolygon)) {
            throw new InvalidInputException(
                    "geometry", "a parking unit is a Polygon or MultiPolygon, not a " + area.getGeometryType());
        }
        if (area.isEmpty()) {
            throw new InvalidInputException("geometry", "the area is empty");
        }
        TopologyValidationError error = new IsValidOp(area).getValidationError();
        if (error != null) {
            throw new InvalidInputException(
                    "geometry",
                    String.format(
                            Locale.ROOT,
                            "%s at (%.6f, %.6f)",
                            error.getMessage().toLowerCase(Locale.ROOT),
                            error.getCoordinate().x,
                            error.getCoordinate().y));
        }
        return area instanceof MultiPolygon multi
                ? multi
                : GeoJsonGeometries.FACTORY.createMultiPolygon(new Polygon[] {(Polygon) area});
    }
}
