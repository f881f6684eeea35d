package city.parkgrid.api.standards;

import city.parkgrid.api.testing.PlatformUnderTest;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;

/**
 * GETs with an {@code Accept} header, answering the whole response (headers included), through
 * {@link PlatformUnderTest#get(String, Map)}, so each answer is held to openapi.yaml as every other.
 */
public final class StandardsHttp {

    private StandardsHttp() {}

    /** Sets a lot's count by a sensor snapshot from its operator, as the live state the exports show. */
    public static void occupy(PlatformUnderTest platform, String lotId, String operatorToken, int occupied) {
        PlatformUnderTest.Reply put = platform.send(
                "PUT",
                "/v1/lots/" + lotId + "/occupancy",
                operatorToken,
                new JsonObject()
                        .put("occupied", occupied)
                        .put("at", Instant.now().toString())
                        .encode());
        if (put.status() != 200) {
            throw new AssertionError("the snapshot was refused: " + put.status() + " " + put.body());
        }
    }

    /** A GET with an Accept header (none when null), of a path or of an absolute URL on this node. */
    public static HttpResponse<String> get(PlatformUnderTest platform, String pathOrUrl, String accept) {
        URI uri = URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : platform.baseUrl() + pathOrUrl);
        String pathAndQuery = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        return platform.get(pathAndQuery, accept == null ? Map.of() : Map.of("Accept", accept));
    }
}
