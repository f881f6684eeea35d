package city.parkgrid.api.testing;

import city.parkgrid.api.Node;
import city.parkgrid.api.NodeServer;
import city.parkgrid.api.wiring.EmbeddedWiring;
import city.parkgrid.dataset.GeoJsonDataSetReader;
import io.vertx.core.Vertx;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.spi.cluster.ClusterManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A whole platform on a random port, driven over real HTTP as a client would. The embedded one
 * serves unit-speed tests; integration tests start one against Redis.
 */
public final class PlatformUnderTest implements AutoCloseable, BeforeEachCallback, AfterEachCallback {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final Supplier<Node> perTest;
    private NodeServer.Running running;
    private String base;

    public PlatformUnderTest(Node platform) {
        this(platform, null);
    }

    /** A node that joins a Vert.x cluster through {@code cluster} (null: none). */
    public PlatformUnderTest(Node platform, ClusterManager cluster) {
        this.perTest = null;
        this.running = NodeServer.start(platform, "127.0.0.1", 0, cluster);
        this.base = "http://127.0.0.1:" + running.port();
    }

    private PlatformUnderTest(Supplier<Node> perTest) {
        this.perTest = perTest;
    }

    public static PlatformUnderTest embedded() {
        return new PlatformUnderTest(embeddedWujiaochang());
    }

    /** As a JUnit extension ({@code @RegisterExtension}): a fresh embedded platform for every test. */
    public static PlatformUnderTest embeddedPerTest() {
        return new PlatformUnderTest(PlatformUnderTest::embeddedWujiaochang);
    }

    private static Node embeddedWujiaochang() {
        return EmbeddedWiring.node(GeoJsonDataSetReader.wujiaochang(), Clock.systemUTC());
    }

    private void start(Node platform) {
        this.running = NodeServer.start(platform, "127.0.0.1", 0);
        this.base = "http://127.0.0.1:" + running.port();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (perTest != null) {
            start(perTest.get());
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (perTest != null) {
            close();
        }
    }

    /** Milliseconds until the condition held, or -1 if it did not within the limit. */
    public static long millisUntil(BooleanSupplier condition, long limitMillis) throws InterruptedException {
        long start = System.nanoTime();
        while ((System.nanoTime() - start) / 1_000_000 < limitMillis) {
            if (condition.getAsBoolean()) {
                return (System.nanoTime() - start) / 1_000_000;
            }
            Thread.sleep(10);
        }
        return -1;
    }

    /** The node's Vert.x, e.g. to intercept what its event bus delivers. */
    public Vertx vertx() {
        return running.vertx();
    }

    public Node node() {
        return running.node();
    }

    public String baseUrl() {
        return base;
    }

    public Reply get(String path) {
        return send("GET", path, null, null);
    }

    public Reply send(String method, String path, String token, String body) {
        return send(method, path, token, body, body == null ? null : "application/json");
    }

    /** With the body's Content-Type as given, or none when {@code contentType} is null. */
    public Reply send(String method, String path, String token, String body, String contentType) {
        return send(method, path, token, body, contentType, null);
    }

    /** Also with an Accept header, unless {@code accept} is null. */
    public Reply send(String method, String path, String token, String body, String contentType, String accept) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (accept != null) {
            request.header("Accept", accept);
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        request.method(
                method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            Reply reply = new Reply(
                    response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    response.body(),
                    response.headers().firstValue("Retry-After").orElse(null));
            ResponseContract.check(method, path, reply.status(), reply.contentType(), reply.body());
            return reply;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * A GET with request headers (conditional requests), its whole answer with its headers; held
     * to openapi.yaml as every other answer.
     */
    public HttpResponse<String> get(String path, Map<String, String> headers) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            ResponseContract.check(
                    "GET",
                    path,
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

    @Override
    public void close() {
        running.close();
    }

    /**
     * An HTTP answer.
     *
     * @param retryAfter the Retry-After header, or null
     */
    public record Reply(int status, String contentType, String body, String retryAfter) {

        public JsonObject json() {
            return (JsonObject) Json.decodeValue(body);
        }

        public JsonArray jsonArray(String field) {
            return json().getJsonArray(field);
        }

        /** Asserts nothing itself; tests check {@code isProblem} with the status they expect. */
        public boolean isProblem() {
            return contentType.startsWith("application/problem+json");
        }
    }
}
