package city.parkgrid.api.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds the {@code serve} configuration: built-in defaults, overlaid by the YAML file, overlaid by
 * environment variables (which is where secrets such as a Redis password belong). Unknown keys in
 * the file are errors, so that a typo cannot silently fall back to a default.
 */
public final class ConfigLoader {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .registerModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ConfigLoader() {}

    public static ParkGridConfig load(Path file, Map<String, String> env) {
        ObjectNode tree = YAML.valueToTree(ParkGridConfig.defaults());
        if (file != null) {
            try {
                JsonNode fromFile = YAML.readTree(Files.readAllBytes(file));
                if (fromFile != null && fromFile.isObject()) {
                    merge(tree, (ObjectNode) fromFile);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read config file " + file, e);
            }
        }
        env("PARKGRID_HTTP_HOST", env, tree, "http", "host");
        env("PARKGRID_PORT", env, tree, "http", "port");
        durationEnv("PARKGRID_HTTP_IDLE_TIMEOUT", env, tree, "http", "idleTimeout");
        durationEnv("PARKGRID_HTTP_REQUEST_TIMEOUT", env, tree, "http", "requestTimeout");
        env("PARKGRID_CONSOLE_TILE_URL", env, tree, "http", "consoleTileUrl");
        env("PARKGRID_REDIS_URI", env, tree, "redis", "uri");
        listEnv("PARKGRID_REDIS_CLUSTER", env, tree, "redis", "cluster");
        env("PARKGRID_REDIS_PREFIX", env, tree, "redis", "keyPrefix");
        env("PARKGRID_PG_URL", env, tree, "postgres", "url");
        env("PARKGRID_PG_USER", env, tree, "postgres", "user");
        env("PARKGRID_PG_PASSWORD", env, tree, "postgres", "password");
        env("PARKGRID_PG_SCHEMA", env, tree, "postgres", "schema");
        env("PARKGRID_CREDENTIALS_FILE", env, tree, null, "credentialsFile");
        // in Kubernetes the pod's own address, which no shared file can know
        env("PARKGRID_CLUSTER_HOST", env, tree, "cluster", "host");
        try {
            ParkGridConfig config = YAML.treeToValue(tree, ParkGridConfig.class);
            return withCredentialsFile(config);
        } catch (IOException e) {
            throw new IllegalArgumentException("invalid configuration: " + e.getMessage(), e);
        }
    }

    private static ParkGridConfig withCredentialsFile(ParkGridConfig config) throws IOException {
        if (config.credentialsFile() == null) {
            return config;
        }
        ParkGridConfig.Credential[] fromFile = YAML.readValue(
                Files.readAllBytes(Path.of(config.credentialsFile())), ParkGridConfig.Credential[].class);
        List<ParkGridConfig.Credential> all = new ArrayList<>(config.credentials());
        all.addAll(List.of(fromFile));
        return config.withCredentials(all);
    }

    private static void merge(ObjectNode into, ObjectNode from) {
        from.fields().forEachRemaining(e -> {
            JsonNode existing = into.get(e.getKey());
            if (existing instanceof ObjectNode target && e.getValue() instanceof ObjectNode source) {
                merge(target, source);
            } else {
                into.set(e.getKey(), e.getValue());
            }
        });
    }

    /** An ISO-8601 duration ({@code PT30S}) or a whole number of seconds ({@code 30}). */
    private static void durationEnv(String name, Map<String, String> env, ObjectNode tree, String section, String key) {
        String value = env.get(name);
        if (value != null && value.strip().matches("\\d+")) {
            ((ObjectNode) tree.get(section)).put(key, Long.parseLong(value.strip()));
        } else {
            env(name, env, tree, section, key);
        }
    }

    /** A comma-separated list ({@code host:port,host:port}). */
    private static void listEnv(String name, Map<String, String> env, ObjectNode tree, String section, String key) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return;
        }
        var list = ((ObjectNode) tree.get(section)).putArray(key);
        for (String item : value.split(",")) {
            if (!item.isBlank()) {
                list.add(item.strip());
            }
        }
    }

    private static void env(String name, Map<String, String> env, ObjectNode tree, String section, String key) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return;
        }
        ObjectNode target = section == null ? tree : (ObjectNode) tree.get(section);
        target.put(key, value);
    }
}
