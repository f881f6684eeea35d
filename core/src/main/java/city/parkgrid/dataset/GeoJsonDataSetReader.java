package city.parkgrid.dataset;

import city.parkgrid.geo.GeoJsonException;
import city.parkgrid.geo.GeoJsonGeometries;
import city.parkgrid.lots.Lot;
import city.parkgrid.lots.LotKind;
import city.parkgrid.regions.Region;
import city.parkgrid.regions.RegionLevel;
import city.parkgrid.zones.Zone;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;

/**
 * Reads a data set from one GeoJSON FeatureCollection whose features carry
 * {@code properties.featureType} = region | zone | lot (format in
 * {@code datasets/wujiaochang/README.md}). Thread-safe (stateless).
 *
 * <p>A lot's zone is not read from the file: it follows from which unit's polygon contains the
 * lot's entrance ({@code GeoIndex} assigns it), as it does when the bureau redraws a unit.
 */
public final class GeoJsonDataSetReader {

    /** The Wujiaochang data set shipped with ParkGrid, on the classpath. */
    public static final String WUJIAOCHANG = "/datasets/wujiaochang/wujiaochang.geojson";

    private static final ObjectMapper JSON = new ObjectMapper();

    private GeoJsonDataSetReader() {}

    public static DataSet wujiaochang() {
        try (InputStream in = GeoJsonDataSetReader.class.getResourceAsStream(WUJIAOCHANG)) {
            if (in == null) {
                throw new IllegalStateException("data set missing from the classpath: " + WUJIAOCHANG);
            }
            return read(JSON.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static DataSet read(Path file) {
        try {
            return read(JSON.readTree(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read data set " + file, e);
        }
    }

    public static DataSet read(JsonNode collection) {
        if (!"FeatureCollection".equals(collection.path("type").asText())) {
            throw new GeoJsonException("a data set is a GeoJSON FeatureCollection");
        }
        List<Region> regions = new ArrayList<>();
        List<Zone> zones = new ArrayList<>();
        List<JsonNode> lotFeatures = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        int index = 0;
        for (JsonNode feature : collection.path("features")) {
            String where = "features[" + index++ + "]";
            JsonNode p = feature.path("properties");
            String type = text(p, "featureType", where);
            String id = text(p, "id", where);
            if (!ids.add(type + ":" + id)) {
                throw new GeoJsonException(where + ": duplicate " + type + " id " + id);
            }
            switch (type) {
                case "region" ->
                    regions.add(new Region(
                            id,
                            RegionLevel.valueOf(text(p, "level", where)),
                            p.path("parentId").isTextual() ? p.get("parentId").asText() : null,
                            text(p, "nameZh", where),
                            text(p, "nameEn", where),
                            GeoJsonGeometries.read(feature.get("geometry"))));
                case "zone" ->
                    zones.add(new Zone(
                            id,
                            text(p, "nameZh", where),
                            text(p, "nameEn", where),
                            GeoJsonGeometries.read(feature.get("geometry"))));
                case "lot" -> lotFeatures.add(feature);
                default -> throw new GeoJsonException(where + ": unknown featureType " + type);
            }
        }
        List<Lot> lots = new ArrayList<>();
        for (JsonNode feature : lotFeatures) {
            JsonNode p = feature.get("properties");
            String where = "lot " + p.get("id").asText();
            Geometry geometry = GeoJsonGeometries.read(feature.get("geometry"));
            if (!(geometry instanceof Point point)) {
                throw new GeoJsonException(where + ": a lot's geometry is its entrance Point");
            }
            lots.add(new Lot(
                    text(p, "id", where),
                    text(p, "nameZh", where),
                    text(p, "nameEn", where),
                    text(p, "operatorId", where),
                    null,
                    LotKind.valueOf(text(p, "kind", where)),
                    GeoJsonGeometries.toGeoPoint(point),
                    p.path("capacity").asInt(-1),
                    externalIds(p, where)));
        }
        return new DataSet(regions, zones, lots);
    }

    /** Optional {@code properties.externalIds}: an object of scheme → id strings. */
    private static Map<String, String> externalIds(JsonNode properties, String where) {
        JsonNode ids = properties.get("externalIds");
        if (ids == null || ids.isNull()) {
            return Map.of();
        }
        if (!ids.isObject()) {
            throw new GeoJsonException(where + ": properties.externalIds must be an object of scheme to id");
        }
        Map<String, String> result = new LinkedHashMap<>();
        ids.fields().forEachRemaining(e -> result.put(e.getKey(), text(ids, e.getKey(), where + " externalIds")));
        return result;
    }

    private static String text(JsonNode properties, String field, String where) {
        JsonNode value = properties.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new GeoJsonException(where + ": properties." + field + " must be a non-empty string");
        }
        return value.asText();
    }
}
