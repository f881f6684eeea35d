package city.parkgrid.api.serve;

import static org.assertj.core.api.Assertions.assertThat;

import city.parkgrid.access.ApiKeys;
import city.parkgrid.access.Role;
import city.parkgrid.api.config.ParkGridConfig;
import city.parkgrid.api.testing.PlatformUnderTest;
import city.parkgrid.api.testing.ServeFixture;
import city.parkgrid.api.wiring.ServeWiring;
import city.parkgrid.catalog.postgis.PostgisGeographyStore;
import city.parkgrid.testing.TcpProxy;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * With Redis out of reach (through a loopback proxy the test cuts; the shared Redis keeps
 * running), live occupancy answers 503 with Retry-After rather than 500, and comes back with Redis.
 */
class RedisOutageIT {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static final String OPERATOR_KEY = "pk_test_outage_operator_0123456789";

    private ServeFixture fixture;
    private TcpProxy proxy;
    private ParkGridConfig config;

    @BeforeEach
    void start() {
        fixture = new ServeFixture(
                List.of(new ParkGridConfig.Credential(Role.OPERATOR, "op-wanda", ApiKeys.sha256(OPERATOR_KEY))));
        ParkGridConfig shared = fixture.config();
        URI redis = URI.create(shared.redis().uri());
        proxy = new TcpProxy(redis.getHost(), redis.getPort() < 0 ? 6379 : redis.getPort());
        String proxied =
                redis.getScheme() + "://" + (redis.getRawUserInfo() == null ? "" : redis.getRawUserInfo() + "@")
                        + "127.0.0.1:" + proxy.port() + (redis.getRawPath() == null ? "" : redis.getRawPath());
        config = new ParkGridConfig(
                shared.http(),
                shared.redis().withUri(proxied),
                shared.postgres(),
                shared.occupancy(),
                shared.allocation(),
                shared.accounts(),
                shared.cluster(),
                shared.history(),
                shared.credentialsFile(),
                shared.credentials(),
                shared.ngsiLd());
    }

    @AfterEach
    void stop() {
        proxy.close();
        fixture.close();
    }

    @Test
    void liveOccupancyAnswers503WithRetryAfterWhileRedisIsAwayAndRecovers() throws Exception {
        try (PlatformUnderTest node = new PlatformUnderTest(ServeWiring.node(config, Clock.systemUTC()))) {
            assertThat(get(node, "/v1/lots/wanda-plaza").statusCode()).isEqualTo(200);

            proxy.cut();
            assertThat(PlatformUnderTest.millisUntil(
                            () -> get(node, "/v1/lots/wanda-plaza").statusCode() != 200, 10_000))
                    .as("the node notices Redis is gone")
                    .isNotNegative();
            for (String path : List.of("/v1/lots/wanda-plaza", "/v1/lots", "/v1/regions/wjc-sub-square/summary")) {
                HttpResponse<String> reply = get(node, path);
                assertThat(reply.statusCode())
                        .as(path + " answered " + reply.body())
                        .isEqualTo(503);
                assertThat(reply.headers().firstValue("Content-Type")).as(path).hasValue("application/problem+json");
                assertThat(reply.headers().firstValue("Retry-After")).as(path).isPresent();
                assertThat(new JsonObject(reply.body()).getString("type")).isEqualTo("/problems/unavailable");
            }
            HttpResponse<String> health = get(node, "/health");
            assertThat(health.statusCode()).isEqualTo(503);
            assertThat(new JsonObject(health.body())
                            .getJsonObject("checks")
                            .getJsonObject("redis")
                            .getString("status"))
                    .isEqualTo("DOWN");

            proxy.restore();
            assertThat(PlatformUnderTest.millisUntil(
                            () -> get(node, "/v1/lots/wanda-plaza").statusCode() == 200, 30_000))
                    .as("live occupancy is back with Redis")
                    .isNotNegative();
        }
    }

    @Test
    void aLotWriteRefusedForRedisIsNotCommittedToPostgresNorLiveOnTheNode() throws Exception {
        try (PlatformUnderTest node = new PlatformUnderTest(ServeWiring.node(config, Clock.systemUTC()))) {
            proxy.cut();
            assertThat(PlatformUnderTest.millisUntil(
                            () -> get(node, "/v1/lots/wanda-plaza").statusCode() != 200, 10_000))
                    .isNotNegative();
            PlatformUnderTest.Reply refused =
                    node.send("PUT", "/v1/lots/wanda-plaza", OPERATOR_KEY, "{\"capacity\":1600}");
            assertThat(refused.status()).as(refused.body()).isEqualTo(503);
            assertThat(capacityInPostgres()).as("nothing committed").isEqualTo(1500);

            proxy.restore();
            assertThat(PlatformUnderTest.millisUntil(
                            () -> get(node, "/v1/lots/wanda-plaza").statusCode() == 200, 30_000))
                    .isNotNegative();
            assertThat(new JsonObject(get(node, "/v1/lots/wanda-plaza").body()).getInteger("capacity"))
                    .as("nothing live on the node")
                    .isEqualTo(1500);
            assertThat(capacityInPostgres()).isEqualTo(1500);

            PlatformUnderTest.Reply resized =
                    node.send("PUT", "/v1/lots/wanda-plaza", OPERATOR_KEY, "{\"capacity\":1600}");
            assertThat(resized.status()).as(resized.body()).isEqualTo(200);
            assertThat(capacityInPostgres()).isEqualTo(1600);
        }
    }

    private int capacityInPostgres() {
        return new PostgisGeographyStore(fixture.database())
                .load().lots().stream()
                        .filter(lot -> lot.id().equals("wanda-plaza"))
                        .findFirst()
                        .orElseThrow()
                        .capacity();
    }

    private static HttpResponse<String> get(PlatformUnderTest node, String path) {
        try {
            return HTTP.send(
                    HttpRequest.newBuilder(URI.create(node.baseUrl() + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(path + " got no answer", e);
        }
    }
}
