package city.parkgrid.api.lots;

import static city.parkgrid.api.testing.GateEvents.batch;
import static city.parkgrid.api.testing.GateEvents.entry;
import static org.assertj.core.api.Assertions.assertThat;

import city.parkgrid.api.testing.PlatformUnderTest;
import city.parkgrid.api.testing.PlatformUnderTest.Reply;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The bureau registers and moves lots; operators rename and resize their own. */
class LotRegistrationApiTest {

    @RegisterExtension
    final PlatformUnderTest platform = PlatformUnderTest.embeddedPerTest();

    private static JsonObject newLot(double lat, double lon) {
        return new JsonObject()
                .put("nameZh", "政府停车场")
                .put("nameEn", "Government car park")
                .put("operatorId", "op-yangpu-pt")
                .put("kind", "OFFICE")
                .put("capacity", 120)
                .put("location", new JsonObject().put("lat", lat).put("lon", lon));
    }

    @Test
    void theBureauRegistersALotThatJoinsTheUnitAroundItAndLiveOccupancy() {
        Reply created = platform.send(
                "PUT",
                "/v1/lots/gov-car-park",
                "dev-bureau",
                newLot(31.2990, 121.5150).encode());
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().getString("zoneId")).isEqualTo("wujiaochang");
        assertThat(created.json().getJsonObject("occupancy").getInteger("free")).isEqualTo(120);
        Reply events = platform.send(
                "POST",
                "/v1/lots/gov-car-park/events",
                "dev-operator-op-yangpu-pt",
                batch(entry("g1", "沪A10001", Instant.now())));
        assertThat(events.status()).isEqualTo(200);
        assertThat(platform.get("/v1/lots/gov-car-park")
                        .json()
                        .getJsonObject("occupancy")
                        .getInteger("occupied"))
                .isEqualTo(1);
        assertThat(platform.get("/v1/zones/wujiaochang")
                        .json()
                        .getJsonObject("properties")
                        .getJsonArray("lotIds"))
                .contains("gov-car-park");
    }

    @Test
    void theBureauMovesALotIntoAnotherUnit() {
        Reply moved = platform.send(
                "PUT",
                "/v1/lots/wanda-plaza",
                "dev-bureau",
                newLot(31.2830, 121.5030).put("operatorId", "op-wanda").encode());
        assertThat(moved.status()).isEqualTo(200);
        assertThat(moved.json().getString("zoneId")).isEqualTo("siping-tongji");
    }

    @Test
    void anOperatorRenamesAndResizesItsOwnLotOnly() {
        Reply resized = platform.send(
                "PUT",
                "/v1/lots/wanda-plaza",
                "dev-operator-op-wanda",
                new JsonObject()
                        .put("capacity", 1_450)
                        .put("nameEn", "Wanda Plaza (B2 closed)")
                        .encode());
        assertThat(resized.status()).isEqualTo(200);
        JsonObject lot = platform.get("/v1/lots/wanda-plaza").json();
        assertThat(lot.getInteger("capacity")).isEqualTo(1_450);
        assertThat(lot.getString("nameEn")).isEqualTo("Wanda Plaza (B2 closed)");
        assertThat(lot.getJsonObject("occupancy").getInteger("free")).isEqualTo(1_450);

        Reply move = platform.send(
                "PUT",
                "/v1/lots/wanda-plaza",
                "dev-operator-op-wanda",
                new JsonObject()
                        .put("location", new JsonObject().put("lat", 31.28).put("lon", 121.50))
                        .encode());
        assertThat(move.status()).isEqualTo(403);
        assertThat(move.json().getString("field")).isEqualTo("location");
        assertThat(platform.send(
                                "PUT",
                                "/v1/lots/hopson-one",
                                "dev-operator-op-wanda",
                                new JsonObject().put("capacity", 1).encode())
                        .status())
                .isEqualTo(403);
        assertThat(platform.send(
                                "PUT",
                                "/v1/lots/wanda-plaza",
                                "dev-driver-d1",
                                new JsonObject().put("capacity", 1).encode())
                        .status())
                .isEqualTo(403);
        assertThat(platform.send(
                                "PUT",
                                "/v1/lots/no-such-lot",
                                "dev-operator-op-wanda",
                                new JsonObject().put("capacity", 1).encode())
                        .status())
                .isEqualTo(404);
        assertThat(platform.get("/v1/lots/hopson-one").json().getInteger("capacity"))
                .isNotEqualTo(1);
    }

    @Test
    void badLotsAre400NamingTheField() {
        Reply missing = platform.send(
                "PUT",
                "/v1/lots/gov-car-park",
                "dev-bureau",
                newLot(31.299, 121.515).put("kind", (String) null).encode());
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().getString("field")).isEqualTo("kind");
        Reply negative = platform.send(
                "PUT",
                "/v1/lots/gov-car-park",
                "dev-bureau",
                newLot(31.299, 121.515).put("capacity", -5).encode());
        assertThat(negative.json().getString("field")).isEqualTo("capacity");
        Reply offTheGlobe = platform.send(
                "PUT",
                "/v1/lots/gov-car-park",
                "dev-bureau",
                newLot(95, 121.515).encode());
        assertThat(offTheGlobe.json().getString("field")).isEqualTo("location");
        Reply badId = platform.send(
                "PUT", "/v1/lots/Bad_Id", "dev-bureau", newLot(31.299, 121.515).encode());
        assertThat(badId.status()).isEqualTo(400);
        assertThat(badId.json().getString("field")).isEqualTo("id");
        assertThat(platform.get("/v1/lots/gov-car-park").status()).isEqualTo(404);
    }
}
