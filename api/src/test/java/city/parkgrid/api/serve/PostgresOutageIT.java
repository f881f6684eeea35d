package city.parkgrid.api.serve;

import static city.parkgrid.api.testing.GateEvents.batch;
import static city.parkgrid.api.testing.GateEvents.entry;
import static city.parkgrid.api.testing.GateEvents.exit;
import static org.assertj.core.api.Assertions.assertThat;

import city.parkgrid.access.ApiKeys;
import city.parkgrid.access.Role;
import city.parkgrid.api.config.ParkGridConfig;
import city.parkgrid.api.testing.PlatformUnderTest;
import city.parkgrid.api.testing.ServeFixture;
import city.parkgrid.api.wiring.ServeWiring;
import city.parkgrid.testing.TcpProxy;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * With PostgreSQL out of reach, every endpoint that needs it answers 503 with a problem document
 * and Retry-After, never a 500; what is served from memory or Redis goes on answering; /health
 * says which store is down; and the node recovers by itself when PostgreSQL is back.
 *
 * <p>The shared PostgreSQL server is not stopped: this node reaches it through a loopback proxy
 * that the test cuts. The schema is created and imported directly, before the node starts.
 */
class PostgresOutageIT {

    private static final String OPERATOR_KEY = "pgk_operator-outage-test-key-0123456789abcdef";
    private static final String DRIVER_KEY = "pgk_driver-outage-test-key-0123456789abcdefgh";
    private static final String BUREAU_KEY = "pgk_bureau-outage-test-key-0123456789abcdefgh";
    private static final String SERVICE_KEY = "pgk_service-outage-test-key-0123456789abcdefg";
    private static final Pattern JDBC_HOST = Pattern.compile("^jdbc:postgresql://([^/:?]+)(?::(\\d+))?/(.*)$");
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private ServeFixture fixture;
    private TcpProxy proxy;
    private ParkGridConfig config;
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    /** One request of the walk. */
    private record Call(String method, String path, String token, String body, String contentType) {
        Call(String method, String path, String token, String body) {
            this(method, path, token, body, "application/json");
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    @BeforeEach
    void start() {
        fixture = new ServeFixture(List.of(
                new ParkGridConfig.Credential(Role.OPERATOR, "op-wanda", ApiKeys.sha256(OPERATOR_KEY)),
                new ParkGridConfig.Credential(Role.DRIVER, "alice", ApiKeys.sha256(DRIVER_KEY)),
                new ParkGridConfig.Credential(Role.BUREAU, "bureau", ApiKeys.sha256(BUREAU_KEY)),
                new ParkGridConfig.Credential(Role.SERVICE, "community", ApiKeys.sha256(SERVICE_KEY))));
        ParkGridConfig shared = fixture.config();
        ParkGridConfig.Postgres pg = shared.postgres();
        Matcher url = JDBC_HOST.matcher(pg.url());
        assertThat(url.matches()).as("a jdbc:postgresql://host[:port]/... URL").isTrue();
        proxy = new TcpProxy(url.group(1), url.group(2) == null ? 5432 : Integer.parseInt(url.group(2)));
        String proxied = "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + url.group(3);
        config = new ParkGridConfig(
                shared.http(),
                shared.redis(),
                pg.withUrl(proxied),
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
    void everyEndpointThatNeedsPostgresAnswers503WithRetryAfterWhileItIsAwayAndTheNodeRecovers() throws Exception {
        try (PlatformUnderTest node = new PlatformUnderTest(ServeWiring.node(config, Clock.systemUTC()))) {
            // real data behind the endpoints, so that a 503 below is not a 404 in disguise
            assertThat(send(node, new Call("PUT", "/v1/lots/wanda-plaza/tariff", OPERATOR_KEY, tariff()))
                            .statusCode())
                    .isEqualTo(200);
            assertThat(send(node, new Call("POST", "/v1/accounts", DRIVER_KEY, account("沪A10001")))
                            .statusCode())
                    .isEqualTo(201);
            assertThat(send(
                                    node,
                                    new Call(
                                            "POST",
                                            "/v1/lots/wanda-plaza/events",
                                            OPERATOR_KEY,
                                            batch(entry("in-1", "沪A10001", now.minusSeconds(3600)))))
                            .statusCode())
                    .isEqualTo(200);
            HttpResponse<String> resident =
                    send(node, new Call("POST", "/v1/residents", SERVICE_KEY, resident("沪C30001")));
            assertThat(resident.statusCode()).isEqualTo(201);
            String residentId = new JsonObject(resident.body()).getString("id");
            HttpResponse<String> schedule =
                    send(node, new Call("POST", "/v1/zones/wujiaochang/schedules", BUREAU_KEY, schedule()));
            assertThat(schedule.statusCode()).isEqualTo(201);
            String scheduleId = new JsonObject(schedule.body()).getString("id");

            proxy.cut();

            List<Call> needPostgres = List.of(
                    new Call("POST", "/v1/accounts", DRIVER_KEY, account("沪A10009")),
                    new Call("GET", "/v1/accounts/alice", DRIVER_KEY, null),
                    new Call("GET", "/v1/accounts/alice/sessions", DRIVER_KEY, null),
                    new Call(
                            "POST",
                            "/v1/accounts/alice/plates",
                            DRIVER_KEY,
                            new JsonObject().put("plate", "沪B20002").encode()),
                    new Call("DELETE", "/v1/accounts/alice/plates/沪A10001", DRIVER_KEY, null),
                    new Call(
                            "POST",
                            "/v1/accounts/alice/topups",
                            DRIVER_KEY,
                            new JsonObject()
                                    .put("amountFen", 5_000)
                                    .put("idempotencyKey", "outage-1")
                                    .encode()),
                    new Call(
                            "GET",
                            "/v1/operators/op-wanda/settlements?date=" + LocalDate.now(ZoneId.of("Asia/Shanghai")),
                            OPERATOR_KEY,
                            null),
                    new Call("GET", "/v1/ledger/trial-balance", BUREAU_KEY, null),
                    new Call("GET", "/v1/settlement/unmatched-exits", BUREAU_KEY, null),
                    new Call("GET", "/v1/lots/wanda-plaza/tariff", null, null),
                    new Call("PUT", "/v1/lots/wanda-plaza/tariff", OPERATOR_KEY, tariff()),
                    new Call("PUT", "/v1/zones/wujiaochang/control", BUREAU_KEY, control()),
                    new Call("GET", "/v1/zones/wujiaochang/schedules", null, null),
                    new Call("POST", "/v1/zones/wujiaochang/schedules", BUREAU_KEY, schedule()),
                    new Call("DELETE", "/v1/zones/wujiaochang/schedules/" + scheduleId, BUREAU_KEY, null),
                    new Call("GET", "/v1/zones/wujiaochang/trigger", null, null),
                    new Call(
                            "PUT",
                            "/v1/zones/wujiaochang/trigger",
                            BUREAU_KEY,
                            new JsonObject()
                                    .put("occupancyAbove", 0.9)
                                    .put("forMinutes", 10)
                                    .put("mode", "MANAGED")
                                    .encode()),
                    new Call("GET", "/v1/zones/wujiaochang/audit", BUREAU_KEY, null),
                    new Call(
                            "PUT",
                            "/v1/lots/wanda-plaza/status",
                            OPERATOR_KEY,
                            new JsonObject().put("status", "CLOSED").encode()),
                    new Call(
                            "PUT",
                            "/v1/lots/gov-car-park",
                            BUREAU_KEY,
                            new JsonObject()
                                    .put("nameZh", "政府停车场")
                                    .put("nameEn", "Government car park")
                                    .put("operatorId", "op-yangpu-pt")
                                    .put("kind", "OFFICE")
                                    .put("capacity", 120)
                                    .put(
                                            "location",
                                            new JsonObject().put("lat", 31.2990).put("lon", 121.5150))
                                    .encode()),
                    new Call("PUT", "/v1/zones/wanda-block", BUREAU_KEY, zone(121.512, 31.3012, 0.0005)),
                    new Call("POST", "/v1/lots/wanda-plaza/events", OPERATOR_KEY, batch(exit("out-1", "沪A10001", now))),
                    new Call("POST", "/v1/residents", SERVICE_KEY, resident("沪C30002")),
                    new Call("GET", "/v1/residents/" + residentId, SERVICE_KEY, null),
                    new Call("GET", "/v1/regions/wjc-sub-square/summary", null, null));
            // answered from this node's memory or from Redis: the outage must not take them down
            List<Call> needNoPostgres = List.of(
                    new Call("GET", "/v1/lots/wanda-plaza", null, null),
                    new Call("GET", "/v1/zones/wujiaochang", null, null),
                    new Call("GET", "/v1/zones/wujiaochang/control", null, null));

            List<Call> all = new ArrayList<>(needPostgres);
            all.addAll(needNoPostgres);
            // in parallel, as clients would send them: the first to meet the cut waits out the pool's
            // short connection timeout and opens the breaker; the others are refused at once
            List<HttpResponse<String>> replies = sendAll(node, all);

            SoftAssertions softly = new SoftAssertions();
            for (int i = 0; i < all.size(); i++) {
                Call call = all.get(i);
                HttpResponse<String> reply = replies.get(i);
                String seen = call + " answered " + reply.statusCode() + " " + reply.body();
                if (i < needPostgres.size()) {
                    softly.assertThat(reply.statusCode()).as(seen).isEqualTo(503);
                    softly.assertThat(reply.headers().firstValue("Content-Type"))
                            .as(seen)
                            .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
                    softly.assertThat(reply.headers().firstValue("Retry-After"))
                            .as(call + " Retry-After")
                            .hasValueSatisfying(seconds ->
                                    assertThat(Integer.parseInt(seconds)).isPositive());
                    softly.assertThat(reply.body()).as(seen).contains("\"type\":\"/problems/unavailable\"");
                } else {
                    softly.assertThat(reply.statusCode()).as(seen).isEqualTo(200);
                }
                softly.assertThat(reply.statusCode()).as(seen).isNotEqualTo(500);
                softly.assertThat(reply.body())
                        .as(call + " leaks no secret")
                        .doesNotContainIgnoringCase("password")
                        .doesNotContain("jdbc:");
            }

            HttpResponse<String> health = send(node, new Call("GET", "/health", null, null));
            softly.assertThat(health.statusCode()).isEqualTo(503);
            JsonObject checks = new JsonObject(health.body()).getJsonObject("checks");
            softly.assertThat(checks.getJsonObject("postgres").getString("status"))
                    .isEqualTo("DOWN");
            softly.assertThat(checks.getJsonObject("redis").getString("status")).isEqualTo("UP");
            softly.assertThat(health.body())
                    .doesNotContainIgnoringCase("password")
                    .doesNotContain("jdbc:");
            softly.assertAll();

            proxy.restore();
            long recovered = PlatformUnderTest.millisUntil(
                    () -> send(node, new Call("GET", "/v1/accounts/alice", DRIVER_KEY, null))
                                    .statusCode()
                            == 200,
                    20_000);
            assertThat(recovered)
                    .as("the node reads accounts again once PostgreSQL is back")
                    .isNotNegative();
            assertThat(send(node, new Call("GET", "/health", null, null)).statusCode())
                    .isEqualTo(200);
            assertThat(new JsonObject(send(node, new Call("GET", "/v1/accounts/alice/sessions", DRIVER_KEY, null))
                                    .body())
                            .getJsonArray("sessions"))
                    .as("the session opened before the outage")
                    .hasSize(1);
        }
    }

    /**
     * Issue 18, defect 7: with PostgreSQL cut, each endpoint that needs it answers 503 with
     * Retry-After in under 500 ms (the first one waits out the 250 ms connection timeout, the rest
     * meet the open breaker), those that do not need it go on answering 200, and writes succeed
     * again within a few seconds of PostgreSQL being back.
     */
    @Test
    void anOutageIsAnswered503WithinHalfASecondAndWritesRecoverWithinSecondsOfItsEnd() throws Exception {
        try (PlatformUnderTest node = new PlatformUnderTest(ServeWiring.node(config, Clock.systemUTC()))) {
            Call tariff = new Call("PUT", "/v1/lots/wanda-plaza/tariff", OPERATOR_KEY, tariff());
            assertThat(send(node, tariff).statusCode()).isEqualTo(200);
            Call account = new Call("POST", "/v1/accounts", DRIVER_KEY, account("沪A10001"));
            assertThat(send(node, account).statusCode()).isEqualTo(201);

            proxy.cut();

            List<Call> needPostgres = List.of(
                    new Call("PUT", "/v1/zones/wujiaochang/control", BUREAU_KEY, control()),
                    new Call("POST", "/v1/zones/wujiaochang/schedules", BUREAU_KEY, schedule()),
                    tariff,
                    new Call("POST", "/v1/residents", SERVICE_KEY, resident("沪C30003")),
                    new Call("GET", "/v1/regions/wjc-sub-square/summary", null, null),
                    new Call(
                            "GET",
                            "/v1/lots/wanda-plaza/history?from=" + now.minusSeconds(7200) + "&to=" + now,
                            null,
                            null),
                    new Call(
                            "POST",
                            "/v1/lots/wanda-plaza/events",
                            OPERATOR_KEY,
                            batch(entry("in-fast-1", "沪A10001", now.minusSeconds(60)))),
                    new Call("GET", "/v1/accounts/alice", DRIVER_KEY, null));
            List<Call> needNoPostgres = List.of(
                    new Call("GET", "/v1/lots/wanda-plaza", null, null),
                    new Call(
                            "POST",
                            "/v1/guidance",
                            null,
                            new JsonObject()
                                    .put(
                                            "destination",
                                            new JsonObject().put("lat", 31.2995).put("lon", 121.514))
                                    .encode()));

            SoftAssertions softly = new SoftAssertions();
            List<String> timings = new ArrayList<>();
            // twice over: the second round falls after the breaker's interval, so its probe is timed too
            for (int round = 0; round < 2; round++) {
                List<Call> walk = new ArrayList<>(needPostgres);
                walk.addAll(needNoPostgres);
                for (Call call : walk) {
                    long started = System.nanoTime();
                    HttpResponse<String> reply = send(node, call);
                    long millis = (System.nanoTime() - started) / 1_000_000;
                    String seen = call + " answered " + reply.statusCode() + " in " + millis + " ms: " + reply.body();
                    timings.add(call + " " + reply.statusCode() + " " + millis + " ms");
                    softly.assertThat(millis).as(seen).isLessThan(500);
                    if (needPostgres.contains(call)) {
                        softly.assertThat(reply.statusCode()).as(seen).isEqualTo(503);
                        softly.assertThat(reply.headers().firstValue("Retry-After"))
                                .as(seen)
                                .isPresent();
                    } else {
                        softly.assertThat(reply.statusCode()).as(seen).isEqualTo(200);
                    }
                }
                Thread.sleep(config.postgres().toSettings().breakerOpenFor().toMillis() + 100);
            }
            System.out.println("PostgresOutageIT timings with PostgreSQL cut: " + timings);
            softly.assertAll();

            proxy.restore();
            long recovered =
                    PlatformUnderTest.millisUntil(() -> send(node, tariff).statusCode() == 200, 10_000);
            assertThat(recovered)
                    .as("a tariff write succeeds again within seconds of PostgreSQL being back")
                    .isNotNegative();
            assertThat(send(
                                    node,
                                    new Call(
                                            "POST",
                                            "/v1/lots/wanda-plaza/events",
                                            OPERATOR_KEY,
                                            batch(entry("in-fast-2", "沪A10001", now.minusSeconds(30)))))
                            .statusCode())
                    .as("gate events are accepted again")
                    .isEqualTo(200);
            System.out.println("PostgresOutageIT: writes succeeded again " + recovered + " ms after the restore");
        }
    }

    /**
     * Issue 18: a PostgreSQL that accepts connections and then never answers (the proxy stops
     * forwarding; no reset) must not hold requests until TCP gives up. A request's statement waits
     * at most the query timeout (1 s here), an archive import at most the import timeout (3 s
     * here), each answered 503 with Retry-After; the breaker then opens, so the requests after
     * the first few are refused in under 500 ms; and the node recovers when the partition ends.
     */
    @Test
    void anUnansweringPostgresFailsRequestsWithinTheQueryTimeoutAndThenOpensTheBreaker() throws Exception {
        Duration queryTimeout = Duration.ofSeconds(1);
        Duration importTimeout = Duration.ofSeconds(3);
        ParkGridConfig stalling = new ParkGridConfig(
                config.http(),
                config.redis(),
                config.postgres().withTimeouts(queryTimeout, importTimeout),
                config.occupancy(),
                config.allocation(),
                config.accounts(),
                config.cluster(),
                config.history(),
                config.credentialsFile(),
                config.credentials(),
                config.ngsiLd());
        try (PlatformUnderTest node = new PlatformUnderTest(ServeWiring.node(stalling, Clock.systemUTC()))) {
            Call tariff = new Call("PUT", "/v1/lots/wanda-plaza/tariff", OPERATOR_KEY, tariff());
            assertThat(send(node, tariff).statusCode()).isEqualTo(200);
            assertThat(send(node, new Call("POST", "/v1/accounts", DRIVER_KEY, account("沪A10001")))
                            .statusCode())
                    .isEqualTo(201);
            Call archive = new Call(
                    "POST",
                    "/v1/history",
                    BUREAU_KEY,
                    "lotId,at,occupied\nwanda-plaza," + now.minusSeconds(86_400) + ",10\n",
                    "text/csv");

            Call readAccount = new Call("GET", "/v1/accounts/alice", DRIVER_KEY, null);
            assertThat(send(node, readAccount).statusCode()).isEqualTo(200);

            proxy.stall();

            List<String> timings = new ArrayList<>();
            SoftAssertions softly = new SoftAssertions();
            // at once, on connections just used (the pool hands them out unchecked): each statement
            // waits for an answer that never comes, up to its own limit
            long started = System.nanoTime();
            List<HttpResponse<String>> first = sendAll(node, List.of(archive, readAccount));
            long together = (System.nanoTime() - started) / 1_000_000;
            timings.add("together: " + archive + " " + first.get(0).statusCode() + ", " + readAccount + " "
                    + first.get(1).statusCode() + ", " + together + " ms");
            for (HttpResponse<String> reply : first) {
                softly.assertThat(reply.statusCode()).as(reply.body()).isEqualTo(503);
                softly.assertThat(reply.headers().firstValue("Retry-After")).isPresent();
            }
            softly.assertThat(together).isLessThan(importTimeout.toMillis() + 1_000);
            List<Call> needPostgres = List.of(
                    tariff,
                    new Call("GET", "/v1/accounts/alice", DRIVER_KEY, null),
                    new Call("PUT", "/v1/zones/wujiaochang/control", BUREAU_KEY, control()),
                    new Call("GET", "/v1/zones/wujiaochang/schedules", null, null),
                    new Call("GET", "/v1/regions/wjc-sub-square/summary", null, null),
                    new Call(
                            "POST",
                            "/v1/lots/wanda-plaza/events",
                            OPERATOR_KEY,
                            batch(entry("in-stall-1", "沪A10001", now.minusSeconds(60)))));
            long lastRoundSlowest = 0;
            for (int round = 0; round < 3; round++) {
                for (Call call : needPostgres) {
                    long at = System.nanoTime();
                    HttpResponse<String> reply = send(node, call);
                    long millis = (System.nanoTime() - at) / 1_000_000;
                    String seen = call + " answered " + reply.statusCode() + " in " + millis + " ms: " + reply.body();
                    timings.add(round + ": " + call + " " + reply.statusCode() + " " + millis + " ms");
                    softly.assertThat(reply.statusCode()).as(seen).isEqualTo(503);
                    softly.assertThat(reply.headers().firstValue("Retry-After"))
                            .as(seen)
                            .isPresent();
                    softly.assertThat(millis)
                            .as("within the query timeout: " + seen)
                            .isLessThan(queryTimeout.toMillis() + 1_000);
                    if (round == 2) {
                        lastRoundSlowest = Math.max(lastRoundSlowest, millis);
                    }
                }
                Thread.sleep(500);
            }
            softly.assertThat(lastRoundSlowest)
                    .as("once the breaker is open, requests are refused at once: " + timings)
                    .isLessThan(500);
            softly.assertThat(send(node, new Call("GET", "/v1/lots/wanda-plaza", null, null))
                            .statusCode())
                    .as("what needs no PostgreSQL goes on answering")
                    .isEqualTo(200);
            System.out.println("PostgresOutageIT timings with PostgreSQL unanswering: " + timings);
            softly.assertAll();

            proxy.restore();
            long recovered =
                    PlatformUnderTest.millisUntil(() -> send(node, tariff).statusCode() == 200, 15_000);
            assertThat(recovered)
                    .as("writes succeed again once PostgreSQL answers")
                    .isNotNegative();
            System.out.println("PostgresOutageIT: writes succeeded again " + recovered + " ms after the partition");
        }
    }

    private static String account(String plate) {
        return new JsonObject()
                .put("plates", new JsonArray().add(plate))
                .put("paymentMethod", new JsonObject().put("type", "PREPAID"))
                .encode();
    }

    private static String resident(String plate) {
        return new JsonObject()
                .put("communityId", "wjc-sub-square")
                .put("plates", new JsonArray().add(plate))
                .encode();
    }

    private String control() {
        return new JsonObject()
                .put("mode", "NORMAL")
                .put("reason", "outage drill")
                .put("until", now.plusSeconds(3600).toString())
                .encode();
    }

    private static String tariff() {
        return new JsonObject()
                .put("freeMinutes", 15)
                .put("dayRateFen", 1_000)
                .put("nightRateFen", 500)
                .put("dayStarts", "08:00")
                .put("nightStarts", "20:00")
                .put("dailyCapFen", 6_000)
                .encode();
    }

    private static String schedule() {
        return new JsonObject()
                .put("mode", "MANAGED")
                .put("days", new JsonArray().add("SAT").add("SUN"))
                .put("from", "10:00")
                .put("to", "18:00")
                .put("policy", new JsonObject().put("targetOccupancy", 0.9))
                .encode();
    }

    /** A GeoJSON Feature whose geometry is a square around (lon, lat). */
    private static String zone(double lon, double lat, double half) {
        JsonArray ring = new JsonArray();
        double[][] corners = {{-1, -1}, {1, -1}, {1, 1}, {-1, 1}, {-1, -1}};
        for (double[] c : corners) {
            ring.add(new JsonArray().add(lon + c[0] * half).add(lat + c[1] * half));
        }
        return new JsonObject()
                .put("type", "Feature")
                .put("properties", new JsonObject().put("nameZh", "测试").put("nameEn", "Test"))
                .put("geometry", new JsonObject().put("type", "Polygon").put("coordinates", new JsonArray().add(ring)))
                .encode();
    }

    private static List<HttpResponse<String>> sendAll(PlatformUnderTest node, List<Call> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        try {
            List<Future<HttpResponse<String>>> pending = new ArrayList<>();
            for (Call call : calls) {
                pending.add(pool.submit(() -> send(node, call)));
            }
            List<HttpResponse<String>> replies = new ArrayList<>();
            for (Future<HttpResponse<String>> reply : pending) {
                replies.add(reply.get());
            }
            return replies;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Over HTTP as a client would, keeping the headers (Retry-After). */
    private static HttpResponse<String> send(PlatformUnderTest node, Call call) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(node.baseUrl() + call.path())).timeout(Duration.ofSeconds(30));
        if (call.token() != null) {
            request.header("Authorization", "Bearer " + call.token());
        }
        if (call.body() != null) {
            request.header("Content-Type", call.contentType());
        }
        request.method(
                call.method(),
                call.body() == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(call.body()));
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(call + " got no answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
