package city.parkgrid.api.console;

import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * The web console's files, read from the classpath once, when the router is built: the console's
 * own ({@code console/} in the api jar) and Leaflet's, from its WebJar. Only the names listed here
 * are served, so nothing else on the classpath can be fetched through {@code /console/}. Each is
 * kept as sent and gzipped, with an ETag, so serving one never touches the disk or blocks.
 * Immutable after construction.
 */
public final class ConsoleAssets {

    /** The console's own files, under {@code console/}. */
    private static final String[] OWN = {
        "console.css", "common.js", "console.js", "wall.js", "chart.js", "i18n.js", "favicon.svg"
    };

    /** Files of WebJars: name served → classpath resource. */
    private static final Map<String, String> WEBJARS = Map.of(
            "leaflet.js", "META-INF/resources/webjars/leaflet/1.9.4/dist/leaflet.js",
            "leaflet.css", "META-INF/resources/webjars/leaflet/1.9.4/dist/leaflet.css");

    /** One file as served. */
    public record Asset(String contentType, Buffer body, Buffer gzipped, String etag) {

        static Asset of(String name, byte[] bytes) {
            return new Asset(typeOf(name), Buffer.buffer(bytes), Buffer.buffer(gzip(bytes)), etagOf(bytes));
        }
    }

    private final Map<String, Asset> assets = new LinkedHashMap<>();
    private final String indexTemplate;
    private final String wallTemplate;

    public ConsoleAssets() {
        for (String name : OWN) {
            assets.put(name, Asset.of(name, read("console/" + name)));
        }
        WEBJARS.forEach((name, resource) -> assets.put(name, Asset.of(name, read(resource))));
        indexTemplate = new String(read("console/index.html"), StandardCharsets.UTF_8);
        wallTemplate = new String(read("console/wall.html"), StandardCharsets.UTF_8);
    }

    /** The file served as {@code /console/<name>}, or null. */
    public Asset asset(String name) {
        return assets.get(name);
    }

    /**
     * A page with what this node tells the console: its mode ({@code dev} lets the sign-in offer the
     * dev tokens) and the base-map tile URL, if any. Pages are built once per node, not per request.
     */
    public Asset page(String which, String mode, String tileUrl) {
        String template = which.equals("wall") ? wallTemplate : indexTemplate;
        String html = template.replace("{{MODE}}", escape(mode)).replace("{{TILE_URL}}", escape(tileUrl));
        return Asset.of("page.html", html.getBytes(StandardCharsets.UTF_8));
    }

    private static String escape(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("&", "&amp;")
                .replace("\"", "&quot;")
                .replace("<", "&lt;")
                .replace(">", "&gt;");
    }

    private static byte[] read(String resource) {
        try (InputStream in = ConsoleAssets.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the console's " + resource + " is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 3 + 64);
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static String etagOf(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return "\"" + HexFormat.of().formatHex(digest, 0, 12) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    private static String typeOf(String name) {
        String extension = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        return switch (extension) {
            case "html" -> "text/html; charset=utf-8";
            case "js" -> "text/javascript; charset=utf-8";
            case "css" -> "text/css; charset=utf-8";
            case "svg" -> "image/svg+xml";
            default -> "application/octet-stream";
        };
    }
}
