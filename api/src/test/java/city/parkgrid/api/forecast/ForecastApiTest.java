package city.parkgrid.api.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import city.parkgrid.api.testing.PlatformUnderTest;
import city.parkgrid.app.UseCases;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The forecast endpoints and guidance's outlook at arrival over HTTP; answers checked against openapi.yaml. */
class ForecastApiTest {

    @RegisterExtension
    static final PlatformUnderTest platform = PlatformUnderTest.embedded();

    private UseCases node() {
        return platform.node().useCases();
    }

    @Test
    void aLotsForecastSaysWhatItExpectsAtTheTimeAsked() {
        UseCases node = node();
        Instant now = node.clock().instant();
        node.occupancy()
                .applySnapshot(node.geography().getLot("wanda-plaza"), 300, now, now)
                .toCompletableFuture()
                .join();
        Instant at = now.plus(Duration.ofHours(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

        PlatformUnderTest.Reply reply = platform.get("/v1/lots/wanda-plaza/forecast?at=" + at);

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonObject f = reply.json();
        assertThat(f.getString("lotId")).isEqualTo("wanda-plaza");
        assertThat(Instant.parse(f.getString("at"))).isEqualTo(at);
        assertThat(Instant.parse(f.getString("issuedAt"))).isBetween(now, now.plusSeconds(60));
        // no history yet: the lot as it is now, with an interval around it
        assertThat(f.getDouble("expectedOccupied")).isBetween(299.0, 301.0);
        assertThat(f.getDouble("low")).isLessThanOrEqualTo(f.getDouble("expectedOccupied"));
        assertThat(f.getDouble("high")).isGreaterThanOrEqualTo(f.getDouble("expectedOccupied"));
        assertThat(f.getDouble("expectedFree")).isEqualTo(f.getInteger("capacity") - f.getDouble("expectedOccupied"));
        assertThat(f.getDouble("probabilityFree")).isBetween(0.0, 1.0);
        assertThat(f.getString("method")).isEqualTo("parkgrid");
    }

    @Test
    void aUnitsForecastCoversItsLots() {
        Instant at = node().clock().instant().plus(Duration.ofHours(2));
        PlatformUnderTest.Reply reply = platform.get("/v1/zones/wujiaochang/forecast?at=" + at);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        int capacity = node().geography().listLotsInZone("wujiaochang").stream()
                .mapToInt(city.parkgrid.lots.Lot::capacity)
                .sum();
        assertThat(reply.json().getInteger("capacity")).isEqualTo(capacity);
        assertThat(reply.json().getString("zoneId")).isEqualTo("wujiaochang");
    }

    @Test
    void aBadTimeIsA400NamingAtAndAnUnknownLotOrUnitA404() {
        Instant now = node().clock().instant();
        for (String query : new String[] {
            "",
            "?at=tomorrow",
            "?at=2026-11-28T10:00:00",
            "?at=" + now.minus(Duration.ofHours(1)),
            "?at=" + now.plus(Duration.ofHours(25))
        }) {
            PlatformUnderTest.Reply reply = platform.get("/v1/lots/wanda-plaza/forecast" + query);
            assertThat(reply.status()).as(query + ": " + reply.body()).isEqualTo(400);
            assertThat(reply.isProblem()).isTrue();
            assertThat(reply.json().getString("field")).as(query).isEqualTo("at");
        }
        String at = "?at=" + now.plus(Duration.ofHours(1));
        assertThat(platform.get("/v1/lots/no-such-lot/forecast" + at).status()).isEqualTo(404);
        assertThat(platform.get("/v1/zones/no-such-zone/forecast" + at).status())
                .isEqualTo(404);
    }

    @Test
    void guidanceFromAnOriginSaysWhatEachLotWillHaveFreeAtArrival() {
        String wish = "{\"destination\": {\"lat\": 31.2995, \"lon\": 121.514}";
        PlatformUnderTest.Reply plain = platform.send("POST", "/v1/guidance", null, wish + "}");
        PlatformUnderTest.Reply fromOrigin =
                platform.send("POST", "/v1/guidance", null, wish + ", \"origin\": {\"lat\": 31.33, \"lon\": 121.50}}");

        assertThat(plain.status()).as(plain.body()).isEqualTo(200);
        assertThat(fromOrigin.status()).as(fromOrigin.body()).isEqualTo(200);
        assertThat(plain.jsonArray("options")).isNotEmpty();
        assertThat(plain.jsonArray("options").getJsonObject(0).containsKey("atArrival"))
                .isFalse();
        JsonObject first = fromOrigin.jsonArray("options").getJsonObject(0);
        JsonObject arrival = first.getJsonObject("atArrival");
        assertThat(arrival).as(first.encode()).isNotNull();
        // about 3.5 km of straight line, 4.5 km of road at 333 m a minute: some 13 minutes out
        assertThat(Instant.parse(arrival.getString("at")))
                .isBetween(
                        node().clock().instant().plus(Duration.ofMinutes(8)),
                        node().clock().instant().plus(Duration.ofMinutes(20)));
        assertThat(arrival.getDouble("probabilityFree")).isBetween(0.0, 1.0);
    }
}
