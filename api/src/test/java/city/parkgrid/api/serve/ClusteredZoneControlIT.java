package city.parkgrid.api.serve;

import static city.parkgrid.api.testing.PlatformUnderTest.millisUntil;
import static org.assertj.core.api.Assertions.assertThat;

import city.parkgrid.access.ApiKeys;
import city.parkgrid.access.Role;
import city.parkgrid.api.config.ClusterManagers;
import city.parkgrid.api.config.ParkGridConfig;
import city.parkgrid.api.testing.PlatformUnderTest;
import city.parkgrid.api.testing.PlatformUnderTest.Reply;
import city.parkgrid.api.testing.ServeFixture;
import city.parkgrid.api.wiring.ServeWiring;
import city.parkgrid.api.zones.ControlNotices;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.spi.cluster.ClusterManager;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two serve nodes in one Vert.x cluster over Hazelcast (TCP/IP discovery on 127.0.0.1), on one
 * PostgreSQL and one Redis: the bureau's control set through one node is in force on the other
 * within a second, and survives the node it was set through; when the other node's notice is lost,
 * its own version check brings the control within the stated bound.
 */
class ClusteredZoneControlIT {

    private static final String BUREAU_KEY = "pgk_bureau-test-key-0123456789abcdefghijklmnopq";
    private static final String OPERATOR_KEY = "pgk_operator-wanda-key-0123456789abcdefghijklm";

    private ServeFixture fixture;
    private PlatformUnderTest a;
    private PlatformUnderTest b;
    private ClusterManager clusterOfB;

    @BeforeEach
    void start() {
        fixture = new ServeFixture(List.of(
                new ParkGridConfig.Credential(Role.BUREAU, "bureau", ApiKeys.sha256(BUREAU_KEY)),
                new ParkGridConfig.Credential(Role.OPERATOR, "op-wanda", ApiKeys.sha256(OPERATOR_KEY))));
        // a cluster of its own, so that no other test run on this machine joins it
        ParkGridConfig.Cluster cluster = new ParkGridConfig.Cluster(
                true, "parkgrid-it-" + UUID.randomUUID(), "127.0.0.1", 5_901, List.of("127.0.0.1"), null);
        ClusterManager managerA = ClusterManagers.hazelcast(cluster);
        a = new PlatformUnderTest(ServeWiring.node(fixture.config(), Clock.systemUTC()), managerA);
        clusterOfB = ClusterManagers.hazelcast(cluster);
        b = new PlatformUnderTest(ServeWiring.node(fixture.config(), Clock.systemUTC()), clusterOfB);
        assertThat(managerA.getNodes()).as("both nodes joined one cluster").hasSize(2);
    }

    @AfterEach
    void stop() {
        if (a != null) {
            a.close();
        }
        b.close();
        fixture.close();
    }

    /** The bureau's control of the unit, set through {@code node}. */
    private static Reply control(PlatformUnderTest node, JsonObject body) {
        return node.send("PUT", "/v1/zones/wujiaochang/control", BUREAU_KEY, body.encode());
    }

    private static String controlMode(PlatformUnderTest node) {
        return node.get("/v1/zones/wujiaochang/control").json().getString("mode");
    }

    private static String occupancyStatus(PlatformUnderTest node, String lotId) {
        return node.get("/v1/lots/" + lotId).json().getJsonObject("occupancy").getString("status");
    }

    @Test
    void aNoticeTheOtherNodeNeverHearsIsRepairedByItsOwnVersionCheckWithinTheBound() throws Exception {
        AtomicInteger dropped = new AtomicInteger();
        b.vertx().eventBus().addInboundInterceptor(delivery -> {
            if (ControlNotices.CHANGED.equals(delivery.message().address())) {
                dropped.incrementAndGet(); // lost on purpose: B's consumer never sees it
            } else {
                delivery.next();
            }
        });
        Reply set = control(
                a,
                new JsonObject()
                        .put("mode", "EMERGENCY")
                        .put("reason", "water main burst")
                        .put("policy", new JsonObject().put("closedLots", new JsonArray().add("wanda-plaza"))));
        assertThat(set.status()).isEqualTo(200);
        long seenAfter = millisUntil(() -> "EMERGENCY".equals(controlMode(b)), 5_000);
        assertThat(millisUntil(() -> dropped.get() > 0, 2_000))
                .as("the notice reached B and was dropped")
                .isNotNegative();
        // the bound: one tick (1 s) and the refresh it starts; the margin is for a loaded CI machine
        assertThat(seenAfter)
                .as("ms until node B had the control without its notice")
                .isBetween(0L, 2_000L);
        System.out.println("clustered zone control, notice dropped: node B had the control " + seenAfter
                + " ms after node A answered");
        assertThat(millisUntil(() -> "CLOSED".equals(occupancyStatus(b, "wanda-plaza")), 2_000))
                .isNotNegative();
    }

    @Test
    void anEmergencySetThroughOneNodeIsInForceOnTheOtherAndOutlivesIt() throws Exception {
        Reply set = control(
                a,
                new JsonObject()
                        .put("mode", "EMERGENCY")
                        .put("reason", "typhoon warning")
                        .put(
                                "policy",
                                new JsonObject()
                                        .put("closedLots", new JsonArray().add("wanda-plaza"))
                                        .put("divertTo", new JsonArray().add("jiangwan-xinjiangwancheng"))));
        assertThat(set.status()).isEqualTo(200);
        long seenAfter = millisUntil(() -> "EMERGENCY".equals(controlMode(b)), 5_000);
        assertThat(seenAfter).as("ms until node B had the control").isBetween(0L, 1_000L);
        System.out.println("clustered zone control: node B had the control " + seenAfter + " ms after node A answered");
        assertThat(millisUntil(() -> "CLOSED".equals(occupancyStatus(b, "wanda-plaza")), 2_000))
                .isNotNegative();
        Reply reopen = b.send(
                "PUT",
                "/v1/lots/wanda-plaza/status",
                OPERATOR_KEY,
                new JsonObject().put("status", "OPEN").encode());
        assertThat(reopen.status()).isEqualTo(409);
        assertThat(reopen.json().getString("detail")).contains("typhoon warning");

        a.close();
        a = null;
        assertThat(millisUntil(() -> clusterOfB.getNodes().size() == 1, 10_000))
                .as("B saw A leave")
                .isNotNegative();
        Thread.sleep(1_500); // past a refresh of B's own
        JsonObject control = b.get("/v1/zones/wujiaochang/control").json();
        assertThat(control.getString("mode")).isEqualTo("EMERGENCY");
        assertThat(control.getString("reason")).isEqualTo("typhoon warning");
        assertThat(occupancyStatus(b, "wanda-plaza")).isEqualTo("CLOSED");
        Reply guidance = b.send(
                "POST",
                "/v1/guidance",
                null,
                new JsonObject()
                        .put("destination", new JsonObject().put("lat", 31.2995).put("lon", 121.514))
                        .encode());
        assertThat(guidance.json().getJsonObject("diversion").getString("fromZone"))
                .isEqualTo("wujiaochang");

        Reply end = control(b, new JsonObject().put("mode", "NORMAL").put("reason", "all clear"));
        assertThat(end.status()).isEqualTo(200);
        assertThat(millisUntil(() -> "OPEN".equals(occupancyStatus(b, "wanda-plaza")), 2_000))
                .isNotNegative();
        assertThat(b.send("GET", "/v1/zones/wujiaochang/audit", BUREAU_KEY, null)
                        .jsonArray("entries"))
                .extracting(e -> ((JsonObject) e).getString("detail"))
                .anySatisfy(d -> assertThat(d).contains("typhoon warning"))
                .anySatisfy(d -> assertThat(d).contains("all clear"));
    }
}
