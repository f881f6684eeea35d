package city.parkgrid.dataset;

import city.parkgrid.geo.GeoJsonGeometries;
import city.parkgrid.lots.Lot;
import city.parkgrid.regions.Region;
import city.parkgrid.zones.Zone;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;

/**
 * Writes a data set as the one GeoJSON FeatureCollection {@link GeoJsonDataSetReader} reads:
 * regions, then zones, then lots, in the data set's order, one feature per line. The same data
 * set always gives the same bytes. Thread-safe (stateless).
 */
public final class GeoJsonDataSetWriter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private GeoJsonDataSetWriter() {}

    public static void write(DataSet data, Path file) {
        try (OutputStream out = Files.newOutputStream(file)) {
            write(data, out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write data set " + file, e);
        }
    }

    public static void write(DataSet data, OutputStream out) throws IOException {
        out.write("{\"type\":\"FeatureCollection\",\"features\":[".getBytes(StandardCharsets.UTF_8));
        String separator = "\n";
        for (ObjectNode feature : features(data)) {
            out.write((separator + JSON.writeValueAsString(feature)).getBytes(StandardCharsets.UTF_8));
            separator = ",\n";
        }
        out.write("\n]}\n".getBytes(StandardCharsets.UTF_8));
    }

    private static List<ObjectNode> features(DataSet data) {
        List<ObjectNode> features = new ArrayList<>();
        for (Region region : data.regions()) {
            ObjectNode p = properties("region", region.id());
            p.put("level", region.level().name());
            if (region.parentId() == null) {
                p.putNull("parentId");
            } else {
                p.put("parentId", region.parentId());
            }
            p.put("nameZh", region.nameZh()).put("nameEn", region.nameEn());
            features.add(feature(p, multiPolygon(region.area())));
        }
        for (Zone zone : data.zones()) {
            ObjectNode p = properties("zone", zone.id());
            p.put("nameZh", zone.nameZh()).put("nameEn", zone.nameEn());
            features.add(feature(p, zone.area()));
        }
        for (Lot lot : data.lots()) {
            ObjectNode p = properties("lot", lot.id());
            p.put("nameZh", lot.nameZh())
                    .put("nameEn", lot.nameEn())
                    .put("operatorId", lot.operatorId())
                    .put("kind", lot.kind().name())
                    .put("capacity", lot.capacity());
            if (!lot.externalIds().isEmpty()) {
                ObjectNode ids = p.putObject("externalIds");
                lot.externalIds().forEach(ids::put);
            }
            features.add(feature(p, GeoJsonGeometries.toPoint(lot.entrance())));
        }
        return features;
    }

    /** The format's regions are MultiPolygons; a region drawn as one Polygon is written as one. */
    private static Geometry multiPolygon(Geometry area) {
        if (area instanceof Polygon polygon) {
            return GeoJsonGeometries.FACTORY.createMultiPolygon(new Polygon[] {polygon});
        }
        if (area instanceof MultiPolygon) {
            return area;
        }
        throw new IllegalArgumentException(
                "a region's area is a Polygon or MultiPolygon, was " + area.getGeometryType());
    }

    private static ObjectNode properties(String featureType, String id) {
        return JsonNodeFactory.instance
                .objectNode()
                .put("featureType", featureType)
                .put("id", id);
    }

    private static ObjectNode feature(ObjectNode properties, Geometry geometry) {
        ObjectNode feature = JsonNodeFactory.instance.objectNode().put("type", "Feature");
        feature.set("properties", properties);
        feature.set("geometry", GeoJsonGeometries.write(geometry));
        return feature;
    }
}
