package city.parkgrid.api.serve;

import static city.parkgrid.api.testing.GateEvents.batch;
import static city.parkgrid.api.testing.GateEvents.entry;
import static org.assertj.core.api.Assertions.assertThat;

import city.parkgrid.access.ApiKeys;
import city.parkgrid.access.Role;
import city.parkgrid.api.config.ParkGridConfig;
import city.parkgrid.api.testing.PlatformUnderTest;
import city.parkgrid.api.testing.ServeFixture;
import city.parkgrid.api.wiring.ServeWiring;
import city.parkgrid.testing.TestServices.RedisTopology;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Allocation against real Redis: no space promised twice, across nodes and restarts; against the
 * standalone Redis here, against the Redis Cluster in {@link ClusterAllocationRaceIT}.
 */
class AllocationRaceIT {

    /** One driver per plate: a driver without an account holds for one plate at a time. */
    private static final int DRIVERS = 500;

    private static final String BUREAU_KEY = "pgk_bureau-test-key-0123456789abcdefghijklmnopq";
    private static final String OPERATOR_KEY = "pgk_operator-test-key-0123456789abcdefghijklmno";
    private static final String LOT = "hopson-one";

    /**
     * Long enough that all ten holds are still counted right after they were made, on a loaded
     * machine too (at 1 s, the first short hold could lapse before the tenth was granted).
     */
    private static final int SHORT_HOLD_SECONDS = 3;

    private ServeFixture fixture;

    @BeforeEach
    void start() {
        List<ParkGridConfig.Credential> credentials = new ArrayList<>();
        for (int n = 0; n < DRIVERS; n++) {
            credentials.add(new ParkGridConfig.Credential(Role.DRIVER, "d" + n, ApiKeys.sha256(driverKey(n))));
        }
        credentials.add(new ParkGridConfig.Credential(Role.OPERATOR, "op-hopson", ApiKeys.sha256(OPERATOR_KEY)));
        credentials.add(new ParkGridConfig.Credential(Role.BUREAU, "bureau", ApiKeys.sha256(BUREAU_KEY)));
        fixture = new ServeFixture(credentials, redisTopology());
    }

    /** Which Redis the nodes under test share. */
    protected RedisTopology redisTopology() {
        return RedisTopology.STANDALONE;
    }

    private static String driverKey(int n) {
        return String.format("pgk_driver-test-key-%04d-0123456789abcdefghijklmnopq", n);
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    private PlatformUnderTest node() {
        return new PlatformUnderTest(ServeWiring.node(fixture.config(), Clock.systemUTC()));
    }

    private static JsonObject occupancy(PlatformUnderTest node) {
        return node.get("/v1/lots/" + LOT).json().getJsonObject("occupancy");
    }

    /** Leaves exactly {@code free} spaces in the lot. */
    private static void leaveFree(PlatformUnderTest node, int free) {
        int capacity = node.get("/v1/lots/" + LOT).json().getInteger("capacity");
        node.send(
                "PUT",
                "/v1/lots/" + LOT + "/occupancy",
                OPERATOR_KEY,
                new JsonObject()
                        .put("occupied", capacity - free)
                        .put("at", Instant.now().toString())
                        .encode());
        assertThat(occupancy(node).getInteger("free")).isEqualTo(free);
    }

    private static int race(List<PlatformUnderTest> nodes, int requests) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                PlatformUnderTest node = nodes.get(i % nodes.size());
                int n = i % DRIVERS;
                String body = new JsonObject()
                        .put("plate", "沪R" + (10000 + i))
                        .put("lotId", LOT)
                        .encode();
                statuses.add(pool.submit(() ->
                        node.send("POST", "/v1/allocations", driverKey(n), body).status()));
            }
            int granted = 0;
            for (Future<Integer> status : statuses) {
                int code = status.get();
                assertThat(code).isIn(201, 409);
                granted += code == 201 ? 1 : 0;
            }
            return granted;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void fiveHundredConcurrentRequestsForThirtySevenFreeSpacesGrantExactlyThirtySeven() throws Exception {
        try (PlatformUnderTest node = node()) {
            leaveFree(node, 37);
            assertThat(race(List.of(node), 500)).isEqualTo(37);
            assertThat(occupancy(node).getInteger("held")).isEqualTo(37);
            assertThat(occupancy(node).getInteger("free")).isZero();
        }
    }

    @Test
    void theSameRaceSplitAcrossTwoNodesGrantsExactlyTheFreeCount() throws Exception {
        try (PlatformUnderTest a = node();
                PlatformUnderTest b = node()) {
            leaveFree(a, 37);
            assertThat(race(List.of(a, b), 500)).isEqualTo(37);
            assertThat(occupancy(b).getInteger("held")).isEqualTo(37);
        }
    }

    @Test
    void fulfilAndCancelLeaveTheCountsExact() {
        try (PlatformUnderTest node = node()) {
            leaveFree(node, 10);
            int occupiedBefore = occupancy(node).getInteger("occupied");
            String kept = node.send(
                            "POST",
                            "/v1/allocations",
                            driverKey(0),
                            new JsonObject()
                                    .put("plate", "沪F10001")
                                    .put("lotId", LOT)
                                    .encode())
                    .json()
                    .getString("id");
            String dropped = node.send(
                            "POST",
                            "/v1/allocations",
                            driverKey(1),
                            new JsonObject()
                                    .put("plate", "沪F10002")
                                    .put("lotId", LOT)
                                    .encode())
                    .json()
                    .getString("id");
            assertThat(occupancy(node).getInteger("held")).isEqualTo(2);
            node.send("DELETE", "/v1/allocations/" + dropped, driverKey(1), null);
            node.send(
                    "POST", "/v1/lots/" + LOT + "/events", OPERATOR_KEY, batch(entry("f1", "沪F10001", Instant.now())));
            node.send(
                    "POST", "/v1/lots/" + LOT + "/events", OPERATOR_KEY, batch(entry("f1", "沪F10001", Instant.now())));
            JsonObject after = occupancy(node);
            assertThat(after.getInteger("held")).isZero();
            assertThat(after.getInteger("occupied")).isEqualTo(occupiedBefore + 1);
            assertThat(node.send("GET", "/v1/allocations/" + kept, driverKey(0), null)
                            .json()
                            .getString("status"))
                    .isEqualTo("FULFILLED");
        }
    }

    @Test
    void restartingWithHoldsOutstandingLosesNoneAndFreesTheExpired() throws Exception {
        List<String> longHolds = new ArrayList<>();
        List<String> shortHolds = new ArrayList<>();
        try (PlatformUnderTest first = node()) {
            for (int i = 0; i < 5; i++) {
                longHolds.add(first.send(
                                "POST",
                                "/v1/allocations",
                                driverKey(i),
                                new JsonObject()
                                        .put("plate", "沪L1000" + i)
                                        .put("lotId", LOT)
                                        .encode())
                        .json()
                        .getString("id"));
                shortHolds.add(first.send(
                                "POST",
                                "/v1/allocations",
                                driverKey(100 + i),
                                new JsonObject()
                                        .put("plate", "沪S1000" + i)
                                        .put("lotId", LOT)
                                        .put("holdSeconds", SHORT_HOLD_SECONDS)
                                        .encode())
                        .json()
                        .getString("id"));
            }
            assertThat(occupancy(first).getInteger("held")).isEqualTo(10);
        }
        Thread.sleep(SHORT_HOLD_SECONDS * 1_000 + 500);
        try (PlatformUnderTest second = node()) {
            long deadline = System.currentTimeMillis() + 1_000;
            while (occupancy(second).getInteger("held") != 5 && System.currentTimeMillis() < deadline) {
                Thread.sleep(25);
            }
            assertThat(occupancy(second).getInteger("held")).isEqualTo(5);
            for (String id : longHolds) {
                assertThat(second.send("GET", "/v1/allocations/" + id, BUREAU_KEY, null)
                                .json()
                                .getString("status"))
                        .isEqualTo("HELD");
            }
            for (String id : shortHolds) {
                assertThat(second.send("GET", "/v1/allocations/" + id, BUREAU_KEY, null)
                                .json()
                                .getString("status"))
                        .isEqualTo("EXPIRED");
            }
        }
    }
}
