package city.parkgrid.api.serve;

import static city.parkgrid.api.testing.GateEvents.batch;
import static city.parkgrid.api.testing.GateEvents.entry;
import static city.parkgrid.api.testing.GateEvents.exit;
import static org.assertj.core.api.Assertions.assertThat;

import city.parkgrid.access.ApiKeys;
import city.parkgrid.access.Role;
import city.parkgrid.api.config.ParkGridConfig;
import city.parkgrid.api.testing.PlatformUnderTest;
import city.parkgrid.api.testing.PlatformUnderTest.Reply;
import city.parkgrid.api.testing.ServeFixture;
import city.parkgrid.api.wiring.ServeWiring;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The platform in {@code serve} mode against real Redis, driven over HTTP. */
class ServeModeIT {

    private static final String WANDA_KEY = "pgk_wanda-test-key-0123456789abcdefghijklmnop";
    private static final String BAILIAN_KEY = "pgk_bailian-test-key-0123456789abcdefghijklm";
    private static final String LOT = "/v1/lots/wanda-plaza";

    private ServeFixture fixture;
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @BeforeEach
    void configure() {
        fixture = new ServeFixture(List.of(
                new ParkGridConfig.Credential(Role.OPERATOR, "op-wanda", ApiKeys.sha256(WANDA_KEY)),
                new ParkGridConfig.Credential(Role.OPERATOR, "op-bailian", ApiKeys.sha256(BAILIAN_KEY))));
    }

    @AfterEach
    void dropSchema() {
        fixture.close();
    }

    private PlatformUnderTest node() {
        return new PlatformUnderTest(ServeWiring.node(fixture.config(), Clock.systemUTC()));
    }

    private static int occupied(PlatformUnderTest node) {
        return node.get(LOT).json().getJsonObject("occupancy").getInteger("occupied");
    }

    @Test
    void devTokensAreRefusedAndApiKeysAuthorizeOnlyTheirOperatorsLots() {
        try (PlatformUnderTest node = node()) {
            assertThat(node.send("POST", LOT + "/events", "dev-operator-op-wanda", batch(entry("e1", "沪A10001", now)))
                            .status())
                    .isEqualTo(401);
            assertThat(node.send("POST", LOT + "/events", BAILIAN_KEY, batch(entry("e1", "沪A10001", now)))
                            .status())
                    .isEqualTo(403);
            Reply ok = node.send("POST", LOT + "/events", WANDA_KEY, batch(entry("e1", "沪A10001", now)));
            assertThat(ok.status()).isEqualTo(200);
            assertThat(occupied(node)).isEqualTo(1);
        }
    }

    @Test
    void healthReportsRedisAndPostgres() {
        try (PlatformUnderTest node = node()) {
            Reply health = node.get("/health");
            assertThat(health.status()).isEqualTo(200);
            assertThat(health.json()
                            .getJsonObject("checks")
                            .getJsonObject("redis")
                            .getString("status"))
                    .isEqualTo("UP");
            assertThat(health.json()
                            .getJsonObject("checks")
                            .getJsonObject("postgres")
                            .getString("status"))
                    .isEqualTo("UP");
        }
    }

    /**
     * 16 clients post 25 batches each into one lot; every batch is also resent by the next client.
     * The count is exact and every resend is answered as a duplicate.
     */
    @Test
    void manyConcurrentClientsEndWithExactCountsAndNoDoubleCounting() throws Exception {
        int clients = 16;
        int batches = 25;
        AtomicInteger duplicates = new AtomicInteger();
        try (PlatformUnderTest node = node()) {
            List<String> bodies = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                for (int b = 0; b < batches; b++) {
                    List<JsonObject> events = new ArrayList<>();
                    for (int k = 0; k < 10; k++) {
                        String plate = "沪F" + String.format("%02d%02d%d", c, b, k);
                        Instant at = now.minusSeconds(600).plusSeconds(k);
                        events.add(entry(c + "-" + b + "-" + k + "-in", plate, at));
                        if (k % 2 == 1) {
                            events.add(exit(c + "-" + b + "-" + k + "-out", plate, at.plusSeconds(30)));
                        }
                    }
                    bodies.add(batch(events.toArray(JsonObject[]::new)));
                }
            }
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int c = 0; c < clients; c++) {
                    int client = c;
                    done.add(pool.submit(() -> {
                        for (int b = 0; b < batches; b++) {
                            for (String body : List.of(
                                    bodies.get(client * batches + b),
                                    bodies.get(((client + 1) % clients) * batches + b))) {
                                Reply reply = node.send("POST", LOT + "/events", WANDA_KEY, body);
                                assertThat(reply.status()).isEqualTo(200);
                                JsonArray results = reply.jsonArray("results");
                                for (int i = 0; i < results.size(); i++) {
                                    if ("duplicate"
                                            .equals(results.getJsonObject(i).getString("result"))) {
                                        duplicates.incrementAndGet();
                                    }
                                }
                            }
                        }
                    }));
                }
                for (Future<?> f : done) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
            }
            int eventsPerBatch = 15;
            assertThat(duplicates.get()).isEqualTo(clients * batches * eventsPerBatch);
            assertThat(occupied(node)).isEqualTo(clients * batches * 5);
        }
    }

    @Test
    void twoNodesSharingRedisSeeOneCount() {
        try (PlatformUnderTest a = node();
                PlatformUnderTest b = node()) {
            a.send("POST", LOT + "/events", WANDA_KEY, batch(entry("x1", "沪A10001", now.minusSeconds(20))));
            Reply fromB = b.send(
                    "POST",
                    LOT + "/events",
                    WANDA_KEY,
                    batch(entry("x1", "沪A10001", now.minusSeconds(20)), entry("x2", "沪A10002", now.minusSeconds(10))));
            assertThat(fromB.jsonArray("results").getJsonObject(0).getString("result"))
                    .isEqualTo("duplicate");
            assertThat(occupied(a)).isEqualTo(2);
            assertThat(occupied(b)).isEqualTo(2);
        }
    }

    @Test
    void lateAndOutOfOrderEventsThroughHttpNetToTheTruth() {
        try (PlatformUnderTest node = node()) {
            node.send("POST", LOT + "/events", WANDA_KEY, batch(entry("base", "沪B00001", now.minusSeconds(900))));
            // the exit of a visit arrives first, its entry a batch later
            Reply early = node.send(
                    "POST", LOT + "/events", WANDA_KEY, batch(exit("v-out", "沪A10001", now.minusSeconds(100))));
            assertThat(early.jsonArray("results").getJsonObject(0).getString("flag"))
                    .isEqualTo("EXIT_WITHOUT_ENTRY");
            node.send("POST", LOT + "/events", WANDA_KEY, batch(entry("v-in", "沪A10001", now.minusSeconds(400))));
            assertThat(occupied(node)).isEqualTo(1);
        }
    }

    @Test
    void restartingTheServerKeepsTheState() {
        try (PlatformUnderTest first = node()) {
            first.send(
                    "POST",
                    LOT + "/events",
                    WANDA_KEY,
                    batch(entry("r1", "沪A10001", now.minusSeconds(30)), entry("r2", "沪A10002", now.minusSeconds(20))));
            assertThat(occupied(first)).isEqualTo(2);
        }
        try (PlatformUnderTest second = node()) {
            assertThat(occupied(second)).isEqualTo(2);
            Reply resend = second.send(
                    "POST", LOT + "/events", WANDA_KEY, batch(entry("r1", "沪A10001", now.minusSeconds(30))));
            assertThat(resend.jsonArray("results").getJsonObject(0).getString("result"))
                    .isEqualTo("duplicate");
            assertThat(occupied(second)).isEqualTo(2);
        }
    }
}
