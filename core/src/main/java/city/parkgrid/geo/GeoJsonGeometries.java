package city.parkgrid.geo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;

/**
 * Converts GeoJSON geometry objects (RFC 7946) to JTS geometries in SRID 4326 and back.
 * Thread-safe (stateless; JTS's GeometryFactory is immutable).
 *
 * <p>Only the types ParkGrid stores are read: Point, Polygon and MultiPolygon. Malformed input
 * raises {@link GeoJsonException} whose message names the defect, so that it can go straight into
 * a problem document.
 */
public final class GeoJsonGeometries {

    public static final int WGS84 = 4326;
    public static final GeometryFactory FACTORY = new GeometryFactory(new PrecisionModel(), WGS84);

    private GeoJsonGeometries() {}

    public static Geometry read(JsonNode geometry) {
        if (geometry == null || !geometry.isObject()) {
            throw new GeoJsonException("geometry must be a GeoJSON geometry object");
        }
        String type = geometry.path("type").asText("");
        JsonNode coordinates = geometry.get("coordinates");
        if (coordinates == null || !coordinates.isArray()) {
            throw new GeoJsonException("geometry.coordinates must be an array");
        }
        return switch (type) {
            case "Point" -> FACTORY.createPoint(position(coordinates, "geometry.coordinates"));
            case "Polygon" -> polygon(coordinates, "geometry.coordinates");
            case "MultiPolygon" -> {
                Polygon[] polygons = new Polygon[coordinates.size()];
                for (int i = 0; i < polygons.length; i++) {
                    polygons[i] = polygon(coordinates.get(i), "geometry.coordinates[" + i + "]");
                }
                yield FACTORY.createMultiPolygon(polygons);
            }
            default ->
                throw new GeoJsonException("geometry.type must be Point, Polygon or MultiPolygon, was '" + type + "'");
        };
    }

    public static ObjectNode write(Geometry geometry) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        if (geometry instanceof Point point) {
            node.put("type", "Point");
            node.set("coordinates", position(point.getCoordinate()));
        } else if (geometry instanceof Polygon polygon) {
            node.put("type", "Polygon");
            node.set("coordinates", rings(polygon));
        } else if (geometry instanceof MultiPolygon multi) {
            node.put("type", "MultiPolygon");
            ArrayNode polygons = node.putArray("coordinates");
            for (int i = 0; i < multi.getNumGeometries(); i++) {
                polygons.add(rings((Polygon) multi.getGeometryN(i)));
            }
        } else {
            throw new IllegalArgumentException("cannot write " + geometry.getGeometryType());
        }
        return node;
    }

    private static Polygon polygon(JsonNode rings, String path) {
        if (rings == null || !rings.isArray() || rings.isEmpty()) {
            throw new GeoJsonException(path + " must be a non-empty array of linear rings");
        }
        LinearRing shell = ring(rings.get(0), path + "[0]");
        LinearRing[] holes = new LinearRing[rings.size() - 1];
        for (int i = 1; i < rings.size(); i++) {
            holes[i - 1] = ring(rings.get(i), path + "[" + i + "]");
        }
        return FACTORY.createPolygon(shell, holes);
    }

    private static LinearRing ring(JsonNode positions, String path) {
        if (positions == null || !positions.isArray() || positions.size() < 4) {
            throw new GeoJsonException(path + " must be a linear ring of at least 4 positions");
        }
        List<Coordinate> coordinates = new ArrayList<>(positions.size());
        for (int i = 0; i < positions.size(); i++) {
            coordinates.add(position(positions.get(i), path + "[" + i + "]"));
        }
        if (!coordinates.get(0).equals2D(coordinates.get(coordinates.size() - 1))) {
            throw new GeoJsonException(path + " is not closed: its first and last positions differ");
        }
        return FACTORY.createLinearRing(coordinates.toArray(Coordinate[]::new));
    }

    private static Coordinate position(JsonNode position, String path) {
        if (position == null
                || !position.isArray()
                || position.size() < 2
                || !position.get(0).isNumber()
                || !position.get(1).isNumber()) {
            throw new GeoJsonException(path + " must be a position [longitude, latitude]");
        }
        double lon = position.get(0).asDouble();
        double lat = position.get(1).asDouble();
        if (!Double.isFinite(lon) || lon < -180 || lon > 180) {
            throw new GeoJsonException(path + " has longitude " + lon + " outside [-180, 180]");
        }
        if (!Double.isFinite(lat) || lat < -90 || lat > 90) {
            throw new GeoJsonException(path + " has latitude " + lat + " outside [-90, 90]");
        }
        return new Coordinate(lon, lat);
    }

    private static ArrayNode rings(Polygon polygon) {
        ArrayNode rings = JsonNodeFactory.instance.arrayNode();
        rings.add(positions(polygon.getExteriorRing().getCoordinates()));
        for (int i = 0; i < polygon.getNumInteriorRing(); i++) {
            rings.add(positions(polygon.getInteriorRingN(i).getCoordinates()));
        }
        return rings;
    }

    private static ArrayNode positions(Coordinate[] coordinates) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (Coordinate c : coordinates) {
            array.add(position(c));
        }
        return array;
    }

    private static ArrayNode position(Coordinate c) {
        return JsonNodeFactory.instance.arrayNode().add(c.x).add(c.y);
    }

    public static GeoPoint toGeoPoint(Point point) {
        return new GeoPoint(point.getY(), point.getX());
    }

    public static Point toPoint(GeoPoint point) {
        return FACTORY.createPoint(new Coordinate(point.lon(), point.lat()));
    }
}
