package city.parkgrid.api.standards.ngsild;

import static org.assertj.core.api.Assertions.assertThat;

import city.parkgrid.api.Node;
import city.parkgrid.api.NodeServer;
import city.parkgrid.api.config.ParkGridConfig;
import city.parkgrid.api.standards.LiveState;
import city.parkgrid.api.testing.PlatformUnderTest;
import city.parkgrid.api.wiring.EmbeddedWiring;
import city.parkgrid.api.wiring.ServeWiring;
import city.parkgrid.app.UseCases;
import city.parkgrid.dataset.GeoJsonDataSetReader;
import city.parkgrid.lots.Lot;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The NGSI-LD push against a tiny local context broker that records what it is sent. */
class NgsiLdPushTest {

    private static final Duration PERIOD = Duration.ofSeconds(5);

    private Vertx vertx;
    private Node node;
    private HttpServer broker;
    private final List<Upsert> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    /** The status the broker answers the n-th request (from 1) with. */
    private volatile IntUnaryOperator statusOf = n -> 204;

    private volatile long delayMillis;
    private final TestClock clock = new TestClock(Instant.parse("2026-12-02T08:00:00Z"));

    private record Upsert(String contentType, JsonArray entities) {}

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        node = EmbeddedWiring.node(GeoJsonDataSetReader.wujiaochang(), Clock.systemUTC());
        node.useCases().catalog().registerLots().toCompletableFuture().join();
        broker = vertx.createHttpServer()
                .requestHandler(request -> request.body().onSuccess(body -> {
                    int n = requests.incrementAndGet();
                    if (request.path().equals("/ngsi-ld/v1/entityOperations/upsert")) {
                        received.add(new Upsert(request.getHeader("Content-Type"), body.toJsonArray()));
                    }
                    int status =
                            request.path().equals("/ngsi-ld/v1/entityOperations/upsert") ? statusOf.applyAsInt(n) : 404;
                    vertx.setTimer(
                            Math.max(1, delayMillis),
                            t -> request.response().setStatusCode(status).end());
                }))
                .listen(0, "127.0.0.1")
                .toCompletionStage()
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
        node.close();
    }

    private NgsiLdPush push(int batchSize) {
        UseCases u = node.useCases();
        return new NgsiLdPush(
                new LiveState(u.geography(), u.occupancy()),
                new NgsiLdPush.Settings(
                        URI.create("http://127.0.0.1:" + broker.actualPort() + "/"),
                        PERIOD,
                        batchSize,
                        Duration.ofSeconds(20)),
                clock);
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Test
    void theFirstRoundSendsEveryEntityInBatchesThenOnlyWhatChanged() throws Exception {
        NgsiLdPush push = push(16);
        int lots = 40;
        long zones = node.useCases().geography().listLots().stream()
                .map(Lot::zoneId)
                .filter(z -> z != null)
                .distinct()
                .count();
        NgsiLdPush.Round first = await(push.run(vertx));
        assertThat(first.failed()).isFalse();
        assertThat(first.sent()).isEqualTo(lots + zones);
        assertThat(first.batches()).isEqualTo((int) ((lots + zones + 15) / 16));
        assertThat(received).hasSize(first.batches());
        List<JsonObject> entities = received.stream()
                .flatMap(u -> u.entities().stream().map(JsonObject.class::cast))
                .toList();
        assertThat(received).allSatisfy(u -> {
            assertThat(u.contentType()).isEqualTo("application/ld+json");
            assertThat(u.entities().size()).isLessThanOrEqualTo(16);
        });
        assertThat(entities).allSatisfy(e -> {
            assertThat(e.getJsonArray("@context")).containsExactly(NgsiLdEntities.CONTEXT);
            assertThat(e.getJsonObject("location").getString("type")).isEqualTo("GeoProperty");
        });
        assertThat(entities.stream().map(e -> e.getString("id")).distinct()).hasSize(lots + (int) zones);

        received.clear();
        NgsiLdPush.Round quiet = await(push.run(vertx));
        assertThat(quiet.sent()).as("nothing changed").isZero();
        assertThat(received).isEmpty();

        Lot wanda = node.useCases().geography().getLot("wanda-plaza");
        node.useCases()
                .occupancy()
                .applySnapshot(wanda, 900, Instant.now(), Instant.now())
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        NgsiLdPush.Round change = await(push.run(vertx));
        assertThat(change.sent()).isEqualTo(2);
        JsonArray sent = received.get(0).entities();
        assertThat(sent.stream().map(e -> ((JsonObject) e).getString("id")))
                .containsExactly("urn:ngsi-ld:OffStreetParking:wanda-plaza", "urn:ngsi-ld:ParkingGroup:wujiaochang");
        assertThat(sent.getJsonObject(0).getJsonObject("occupiedSpotNumber").getInteger("value"))
                .isEqualTo(900);
        assertThat(sent.getJsonObject(0).getJsonObject("occupiedSpotNumber").getString("observedAt"))
                .isNotBlank();
    }

    @Test
    void aFailingBrokerIsRetriedWithBackOffAndNothingIsLost() throws Exception {
        statusOf = n -> n <= 2 ? 503 : 204;
        NgsiLdPush push = push(1_000);
        assertThat(await(push.run(vertx)).failed()).isTrue();
        assertThat(requests).hasValue(1);
        assertThat(await(push.run(vertx)).skipped())
                .as("backing off one period")
                .isTrue();
        clock.advance(PERIOD);
        assertThat(await(push.run(vertx)).failed()).isTrue();
        assertThat(requests).hasValue(2);
        clock.advance(PERIOD);
        assertThat(await(push.run(vertx)).skipped()).as("then two periods").isTrue();
        clock.advance(PERIOD);
        NgsiLdPush.Round delivered = await(push.run(vertx));
        assertThat(delivered.failed()).isFalse();
        assertThat(delivered.sent())
                .isEqualTo(received.get(received.size() - 1).entities().size());
        assertThat(received.get(received.size() - 1).entities().stream()
                        .map(e -> ((JsonObject) e).getString("id"))
                        .filter(id -> id.startsWith("urn:ngsi-ld:OffStreetParking:")))
                .as("every lot the failed rounds could not deliver")
                .hasSize(40);
        assertThat(await(push.run(vertx)).sent())
                .as("and then nothing is pending")
                .isZero();
    }

    @Test
    void entitiesTheBrokerRefusesStayPending() throws Exception {
        broker.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        broker = vertx.createHttpServer()
                .requestHandler(request -> request.body().onSuccess(body -> {
                    requests.incrementAndGet();
                    received.add(new Upsert(request.getHeader("Content-Type"), body.toJsonArray()));
                    request.response()
                            .setStatusCode(207)
                            .putHeader("Content-Type", "application/json")
                            .end(new JsonObject()
                                    .put("success", new JsonArray())
                                    .put(
                                            "errors",
                                            new JsonArray()
                                                    .add(new JsonObject()
                                                            .put("entityId", "urn:ngsi-ld:OffStreetParking:wanda-plaza")
                                                            .put("error", new JsonObject().put("status", 400))))
                                    .encode());
                }))
                .listen(0, "127.0.0.1")
                .toCompletionStage()
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        NgsiLdPush push = push(1_000);
        assertThat(await(push.run(vertx)).failed()).isTrue();
        clock.advance(PERIOD);
        received.clear();
        await(push.run(vertx));
        assertThat(received.get(0).entities().stream().map(e -> ((JsonObject) e).getString("id")))
                .as("only the refused lot (and its unit) again")
                .containsExactly("urn:ngsi-ld:OffStreetParking:wanda-plaza", "urn:ngsi-ld:ParkingGroup:wujiaochang");
    }

    @Test
    void ingestionDoesNotWaitForASlowBroker() throws Exception {
        delayMillis = 3_000;
        NgsiLdPush push = push(1_000);
        Future<NgsiLdPush.Round> round = push.run(vertx);
        // the upsert is now in flight, the broker holding it for 3 s
        assertThat(PlatformUnderTest.millisUntil(() -> received.size() == 1, 2_500))
                .isNotNegative();
        Lot wanda = node.useCases().geography().getLot("wanda-plaza");
        long start = System.nanoTime();
        node.useCases()
                .occupancy()
                .applySnapshot(wanda, 100, Instant.now(), Instant.now())
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(millis)
                .as("ms to apply a snapshot while the broker holds an upsert")
                .isLessThan(1_000);
        assertThat(round.isComplete()).as("the upsert is still in flight").isFalse();
        assertThat(await(round).failed()).isFalse();
        assertThat(await(push.run(vertx)).sent())
                .as("the change made meanwhile follows")
                .isEqualTo(2);
    }

    @Test
    void theServeWiringRunsThePushOnItsOwnVerticle() throws Exception {
        try (NodeServer.Running running = NodeServer.start(
                EmbeddedWiring.node(GeoJsonDataSetReader.wujiaochang(), Clock.systemUTC()), "127.0.0.1", 0)) {
            ServeWiring.pushToContextBroker(
                    running,
                    new ParkGridConfig.NgsiLd(
                            "http://127.0.0.1:" + broker.actualPort(),
                            Duration.ofMillis(100),
                            50,
                            Duration.ofSeconds(1)));
            long waited = PlatformUnderTest.millisUntil(() -> received.size() >= 1, 10_000);
            assertThat(waited).as("ms until the first upsert").isNotNegative();
            assertThat(received.get(0).entities()).hasSize(44);
        }
    }

    /** A clock the test moves by hand. */
    private static final class TestClock extends Clock {
        private volatile Instant now;

        TestClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
