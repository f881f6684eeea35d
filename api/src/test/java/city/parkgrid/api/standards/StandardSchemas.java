package city.parkgrid.api.standards;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputFormat;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.SchemaRepository;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The published schemas in {@code src/test/resources/standards/} (copied unedited, see its
 * ATTRIBUTION.md) as validators, offline: the Smart Data Models' remote {@code $ref}s to
 * {@code common-schema.json} resolve to the local copy, and APDS's component schemas are
 * validated in place in its OpenAPI document, so their {@code #/components/schemas/...} refs work.
 * JSON Schema 2020-12 (the dialect of both) by vertx-json-schema. Thread-safe once built.
 */
public final class StandardSchemas {

    private static final String SDM = "https://smart-data-models.github.io/";
    private static final String COMMON = SDM + "data-models/common-schema.json";
    /** An id for the APDS document: it has none, and its refs are relative to it. */
    private static final String APDS = "urn:parkgrid:test:apds4.yaml";

    private static final JsonSchemaOptions OPTIONS = new JsonSchemaOptions()
            .setDraft(Draft.DRAFT202012)
            .setBaseUri("https://parkgrid.test/")
            .setOutputFormat(OutputFormat.Basic);

    private static final SchemaRepository REPOSITORY = build();

    private StandardSchemas() {}

    private static SchemaRepository build() {
        SchemaRepository repository = SchemaRepository.create(OPTIONS);
        repository.dereference(COMMON, JsonSchema.of(json("fiware-parking/common-schema.json")));
        for (String type : List.of("OffStreetParking", "ParkingGroup")) {
            JsonObject schema = json("fiware-parking/" + type + "/schema.json");
            repository.dereference(schema.getString("$id"), JsonSchema.of(schema));
        }
        repository.dereference(APDS, JsonSchema.of(yaml("apds4.yaml")));
        return repository;
    }

    /** What the Smart Data Model {@code schema.json} of {@code type} finds wrong with a keyValues entity. */
    public static List<String> fiwareErrors(String type, Object entity) {
        return errors(SDM + "dataModel.Parking/" + type + "/schema.json", entity);
    }

    /** What APDS v4's component schema {@code name} finds wrong with a document. */
    public static List<String> apdsErrors(String name, Object document) {
        return errors(APDS + "#/components/schemas/" + name, document);
    }

    /** A published example, to show the validators accept what the standard's authors wrote. */
    public static JsonObject fiwareExample(String type, String file) {
        return json("fiware-parking/" + type + "/examples/" + file);
    }

    private static List<String> errors(String schemaUri, Object instance) {
        OutputUnit result = REPOSITORY
                .validator(JsonSchema.of(new JsonObject().put("$ref", schemaUri)), OPTIONS)
                .validate(instance);
        List<String> errors = new ArrayList<>();
        if (!Boolean.TRUE.equals(result.getValid())) {
            if (result.getErrors() == null || result.getErrors().isEmpty()) {
                errors.add(result.getInstanceLocation() + ": " + result.getError());
            } else {
                for (OutputUnit e : result.getErrors()) {
                    errors.add(e.getInstanceLocation() + " " + e.getKeywordLocation() + ": " + e.getError());
                }
            }
        }
        return errors;
    }

    private static JsonObject json(String resource) {
        return new JsonObject(new String(read(resource), StandardCharsets.UTF_8));
    }

    @SuppressWarnings("unchecked")
    private static JsonObject yaml(String resource) {
        try {
            return new JsonObject(new ObjectMapper(new YAMLFactory()).readValue(read(resource), Map.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] read(String resource) {
        try (InputStream in = StandardSchemas.class.getResourceAsStream("/standards/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource /standards/" + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
