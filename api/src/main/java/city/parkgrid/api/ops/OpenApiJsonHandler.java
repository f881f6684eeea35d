package city.parkgrid.api.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /openapi.json}: the same contract as {@code /openapi.yaml}, as JSON, for clients that
 * read only JSON API definitions (GDAL's OGC API – Features driver, and so QGIS, is one).
 */
public final class OpenApiJsonHandler implements Handler<RoutingContext> {

    /** Converted once per process, at the first request (tens of ms, once), not for each router built. */
    private static volatile Buffer document;

    private static Buffer document() {
        Buffer converted = document;
        if (converted == null) {
            converted = convert();
            document = converted;
        }
        return converted;
    }

    private static Buffer convert() {
        try (InputStream in = OpenApiJsonHandler.class.getResourceAsStream(OpenApiHandler.RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("openapi.yaml missing from the classpath");
            }
            Object tree = new ObjectMapper(new YAMLFactory()).readValue(in, Object.class);
            return Buffer.buffer(new ObjectMapper().writeValueAsBytes(tree));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void handle(RoutingContext ctx) {
        ctx.response().putHeader("Content-Type", "application/json").end(document());
    }
}
