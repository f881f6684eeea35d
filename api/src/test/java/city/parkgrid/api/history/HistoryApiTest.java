package city.parkgrid.api.history;

import static org.assertj.core.api.Assertions.assertThat;

import city.parkgrid.api.testing.PlatformUnderTest;
import city.parkgrid.app.UseCases;
import city.parkgrid.lots.Lot;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The history endpoints over HTTP; every JSON answer is checked against openapi.yaml. */
class HistoryApiTest {

    @RegisterExtension
    final PlatformUnderTest platform = PlatformUnderTest.embeddedPerTest();

    private static final String BUREAU = "dev-bureau";
    private UseCases node;
    /** Two steps in the past, clear of the step the platform's own recorder is writing now. */
    private Instant s1;

    private Instant s2;

    @BeforeEach
    void setUp() {
        node = platform.node().useCases();
        Instant now = node.clock().instant();
        s1 = node.recorder().stepOf(now.minus(Duration.ofHours(2)));
        s2 = s1.plus(Duration.ofMinutes(5));
    }

    private void snapshot(String lotId, int occupied) {
        Instant now = node.clock().instant();
        node.occupancy()
                .applySnapshot(node.geography().getLot(lotId), occupied, now, now)
                .toCompletableFuture()
                .join();
    }

    private PlatformUnderTest.Reply get(String path) {
        return platform.send("GET", path, null, null, null, null);
    }

    @Test
    void aLotsHistoryComesAsJsonAndAsCsv() {
        snapshot("wanda-plaza", 200);
        node.recorder().record(s1);
        snapshot("wanda-plaza", 300);
        node.recorder().record(s2);
        String query = "/v1/lots/wanda-plaza/history?from=" + s1 + "&to=" + s2.plus(Duration.ofMinutes(5));
        PlatformUnderTest.Reply json = get(query);
        assertThat(json.status()).isEqualTo(200);
        int capacity = node.geography().getLot("wanda-plaza").capacity();
        JsonArray buckets = json.jsonArray("buckets");
        assertThat(buckets).hasSize(2);
        assertThat(buckets.getJsonObject(0))
                .isEqualTo(new JsonObject()
                        .put("at", s1.toString())
                        .put("samples", 1)
                        .put("occupiedMean", 200.0)
                        .put("occupiedMin", 200)
                        .put("occupiedMax", 200)
                        .put("heldMean", 0.0)
                        .put("capacity", capacity)
                        .put("status", "OPEN"));
        assertThat(json.json().getString("step")).isEqualTo("PT5M");

        PlatformUnderTest.Reply oneBucket = get(query + "&step=PT10M");
        assertThat(oneBucket.jsonArray("buckets").getJsonObject(0).getDouble("occupiedMean"))
                .isEqualTo(250.0);

        PlatformUnderTest.Reply csv = platform.send("GET", query, null, null, null, "text/csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.body().split("\n"))
                .containsExactly(
                        "at,samples,occupied_mean,occupied_min,occupied_max,held_mean,capacity,status",
                        s1 + ",1,200.0,200,200,0.0," + capacity + ",OPEN",
                        s2 + ",1,300.0,300,300,0.0," + capacity + ",OPEN");
    }

    @Test
    void theDefaultsAreTheLastDayInRecordingSteps() {
        PlatformUnderTest.Reply reply = get("/v1/lots/wanda-plaza/history");
        assertThat(reply.status()).isEqualTo(200);
        JsonObject body = reply.json();
        assertThat(Duration.between(Instant.parse(body.getString("from")), Instant.parse(body.getString("to"))))
                .isEqualTo(Duration.ofDays(1));
        assertThat(body.getString("step")).isEqualTo("PT5M");
    }

    @Test
    void outOfBoundsQueriesAreRefusedNamingTheParameter() {
        String lot = "/v1/lots/wanda-plaza/history";
        assertProblem(get(lot + "?from=" + s2 + "&to=" + s1), 400, "from");
        assertProblem(get(lot + "?from=" + s1 + "&to=" + s1.plus(Duration.ofDays(60)) + "&step=PT5M"), 400, "step");
        assertProblem(get(lot + "?step=banana"), 400, "step");
        assertProblem(get(lot + "?from=yesterday"), 400, "from");
        assertProblem(get("/v1/zones/wujiaochang/history?step=PT10S"), 400, "step");
        assertThat(get("/v1/lots/atlantis/history").status()).isEqualTo(404);
        assertThat(get("/v1/zones/atlantis/history").status()).isEqualTo(404);
    }

    private static void assertProblem(PlatformUnderTest.Reply reply, int status, String field) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.isProblem()).isTrue();
        assertThat(reply.json().getString("field")).as(reply.body()).isEqualTo(field);
    }

    @Test
    void aUnitsHistoryIsTheSumOverItsLots() {
        List<Lot> members = node.geography().listLotsInZone("wujiaochang");
        snapshot(members.get(0).id(), 10);
        snapshot(members.get(1).id(), 5);
        node.recorder().record(s1);
        PlatformUnderTest.Reply reply = get("/v1/zones/wujiaochang/history?from=" + s1 + "&to=" + s2 + "&step=PT5M");
        assertThat(reply.status()).isEqualTo(200);
        JsonObject bucket = reply.jsonArray("buckets").getJsonObject(0);
        assertThat(reply.json().getInteger("lots")).isEqualTo(members.size());
        assertThat(bucket.getInteger("lots")).isEqualTo(members.size());
        assertThat(bucket.getDouble("occupiedMean")).isEqualTo(15.0);
        assertThat(bucket.getLong("capacity"))
                .isEqualTo(members.stream().mapToLong(Lot::capacity).sum());
        PlatformUnderTest.Reply csv = platform.send(
                "GET", "/v1/zones/wujiaochang/history?from=" + s1 + "&to=" + s2, null, null, null, "text/csv");
        assertThat(csv.body().split("\n"))
                .containsExactly(
                        "at,lots,occupied_mean,held_mean,capacity",
                        s1 + "," + members.size() + ",15.0,0.0," + bucket.getLong("capacity"));
    }

    @Test
    void theBureauImportsAnArchiveOnceAndAgainChangesNothing() {
        Instant t = s1.plusSeconds(17);
        String csv = "lotId,at,occupied,capacity\n"
                + "wanda-plaza," + t + ",40,1500\n"
                + "wanda-plaza," + t.plusSeconds(300) + ",50\n"
                + "hopson-one," + t + ",7\n";
        PlatformUnderTest.Reply first = platform.send("POST", "/v1/history", BUREAU, csv, "text/csv");
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json())
                .isEqualTo(new JsonObject().put("rows", 3).put("inserted", 3).put("unchanged", 0));
        PlatformUnderTest.Reply again = platform.send("POST", "/v1/history", BUREAU, csv, "text/csv; charset=utf-8");
        assertThat(again.json())
                .isEqualTo(new JsonObject().put("rows", 3).put("inserted", 0).put("unchanged", 3));
        JsonArray buckets = get("/v1/lots/wanda-plaza/history?from=" + s1 + "&to=" + s1.plus(Duration.ofMinutes(10)))
                .jsonArray("buckets");
        assertThat(buckets).hasSize(2);
        assertThat(buckets.getJsonObject(0).getInteger("capacity")).isEqualTo(1500);
        assertThat(buckets.getJsonObject(0).getValue("status")).isNull();
        assertThat(node.history()
                        .samples("wanda-plaza", s1, s2.plusSeconds(300))
                        .get(0)
                        .at())
                .as("stored at the archive's own time")
                .isEqualTo(t);
    }

    @Test
    void aMalformedRowRefusesTheArchiveNamingItsLineAndNothingIsImported() {
        Instant t = s1.plusSeconds(3);
        String csv = "wanda-plaza," + t + ",40\n" + "wanda-plaza," + t.plusSeconds(60) + ",-1\n";
        PlatformUnderTest.Reply refused = platform.send("POST", "/v1/history", BUREAU, csv, "text/csv");
        assertProblem(refused, 400, "occupied");
        assertThat(refused.json().getInteger("line")).isEqualTo(2);
        assertThat(refused.json().getString("detail")).contains("line 2");
        PlatformUnderTest.Reply unknown =
                platform.send("POST", "/v1/history", BUREAU, "lotId,at,occupied\natlantis," + t + ",1\n", "text/csv");
        assertProblem(unknown, 400, "lotId");
        assertThat(unknown.json().getInteger("line")).isEqualTo(2);
        assertThat(node.history().samples("wanda-plaza", s1, s2)).isEmpty();
    }

    @Test
    void onlyTheBureauImports() {
        String csv = "wanda-plaza," + s1 + ",40\n";
        assertThat(platform.send("POST", "/v1/history", "dev-operator-op-wanda", csv, "text/csv")
                        .status())
                .isEqualTo(403);
        assertThat(platform.send("POST", "/v1/history", null, csv, "text/csv").status())
                .isEqualTo(401);
        assertThat(platform.send("POST", "/v1/history", BUREAU, csv, "application/json")
                        .status())
                .isEqualTo(415);
        assertThat(node.history().samples("wanda-plaza", s1, s2)).isEmpty();
    }

    @Test
    void anArchiveMayBeLargerThanOtherBodiesUpToItsOwnLimit() {
        StringBuilder csv = new StringBuilder();
        Instant start = s1.minus(Duration.ofDays(2));
        for (int i = 0; i < 50_000; i++) {
            csv.append("wanda-plaza,")
                    .append(start.plusSeconds(i))
                    .append(",")
                    .append(i % 1000)
                    .append('\n');
        }
        assertThat(csv.length()).isGreaterThan(1024 * 1024);
        PlatformUnderTest.Reply ok = platform.send("POST", "/v1/history", BUREAU, csv.toString(), "text/csv");
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        assertThat(ok.json().getInteger("inserted")).isEqualTo(50_000);
        String tooBig = "x".repeat((int) PostHistoryHandler.MAX_BODY_BYTES + 1);
        PlatformUnderTest.Reply refused = platform.send("POST", "/v1/history", BUREAU, tooBig, "text/csv");
        assertThat(refused.status()).isEqualTo(413);
        assertThat(refused.json().getString("detail")).contains("16 MiB");
    }
}
