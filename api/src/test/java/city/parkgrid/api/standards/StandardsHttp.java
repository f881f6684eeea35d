package city.parkgrid.api.standards;

import city.parkgrid.api.testing.PlatformUnderTest;
import city.parkgrid.api.testing.ResponseContract;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

/**
 * GETs with an {@code Accept} header, answering the whole response (headers included), each
 * answer held to openapi.yaml as {@link PlatformUnderTest} holds its own.
 */
public final class StandardsHttp {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

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

    public static HttpResponse<String> get(PlatformUnderTest platform, String pathOrUrl, String accept) {
        URI uri = URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : platform.baseUrl() + pathOrUrl);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
        if (accept != null) {
            request.header("Accept", accept);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
            String pathAndQuery = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            ResponseContract.check(
                    "GET",
                    pathAndQuery,
                    response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    response.body());
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
