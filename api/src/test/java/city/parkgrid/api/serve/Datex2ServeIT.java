package city.parkgrid.api.serve;

import static org.assertj.core.api.Assertions.assertThat;

import city.parkgrid.access.ApiKeys;
import city.parkgrid.access.Role;
import city.parkgrid.api.config.ParkGridConfig;
import city.parkgrid.api.testing.LotBodies;
import city.parkgrid.api.testing.PlatformUnderTest;
import city.parkgrid.api.testing.PlatformUnderTest.Reply;
import city.parkgrid.api.testing.ServeFixture;
import city.parkgrid.api.wiring.ServeWiring;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** DATEX II in {@code serve} mode: external ids in PostGIS, the feed's counts in Redis. */
class Datex2ServeIT {

    private static final String BUREAU_KEY = "pgk_bureau-test-key-0123456789abcdefghijklmnop";

    private ServeFixture fixture;

    @BeforeEach
    void configure() {
        fixture = new ServeFixture(
                List.of(new ParkGridConfig.Credential(Role.BUREAU, "bureau", ApiKeys.sha256(BUREAU_KEY))));
    }

    @AfterEach
    void dropSchema() {
        fixture.close();
    }

    private PlatformUnderTest node() {
        return new PlatformUnderTest(ServeWiring.node(fixture.config(), Clock.systemUTC()));
    }

    @Test
    void externalIdsOutliveARestartAndAFeedMatchedByThemIsCountedInRedis() {
        try (PlatformUnderTest first = node()) {
            JsonObject body = LotBodies.asTheBureauSendsIt(
                            first.get("/v1/lots/wanda-plaza").json())
                    .put("externalIds", new JsonObject().put("datex2", "NL-12_408"));
            assertThat(first.send("PUT", "/v1/lots/wanda-plaza", BUREAU_KEY, body.encode())
                            .status())
                    .isEqualTo(200);
            Reply taken = first.send(
                    "PUT",
                    "/v1/lots/hopson-one",
                    BUREAU_KEY,
                    body.put("operatorId", "op-hopson").encode());
            assertThat(taken.status()).as("the id is wanda-plaza's in PostGIS").isEqualTo(409);
        }
        try (PlatformUnderTest node = node()) {
            assertThat(node.get("/v1/lots/wanda-plaza").json().getJsonObject("externalIds"))
                    .isEqualTo(new JsonObject().put("datex2", "NL-12_408"));
            Instant t = Instant.now().minusSeconds(10).truncatedTo(ChronoUnit.SECONDS);
            String feed = """
                    <d2:payload xmlns:d2="http://datex2.eu/schema/3/d2Payload" xmlns:prk="http://datex2.eu/schema/3/parking"
                        xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="prk:ParkingStatusPublication">
                      <prk:parkingRecordStatus xsi:type="prk:ParkingSiteStatus">
                        <prk:parkingRecordReference targetClass="prk:ParkingRecord" id="NL-12_408"/>
                        <prk:parkingStatusOriginTime>%s</prk:parkingStatusOriginTime>
                        <prk:parkingOccupancy><prk:parkingNumberOfOccupiedSpaces>640</prk:parkingNumberOfOccupiedSpaces></prk:parkingOccupancy>
                      </prk:parkingRecordStatus>
                    </d2:payload>
                    """.formatted(t);
            Reply imported = node.send("POST", "/v1/datex2/parking-status", BUREAU_KEY, feed, "application/xml");
            assertThat(imported.status()).isEqualTo(200);
            assertThat(imported.json().getJsonArray("records").getJsonObject(0).getString("result"))
                    .isEqualTo("applied");
            assertThat(node.get("/v1/lots/wanda-plaza")
                            .json()
                            .getJsonObject("occupancy")
                            .getInteger("occupied"))
                    .isEqualTo(640);
            Reply status = node.get("/v1/datex2/parking-status?zone=wujiaochang");
            assertThat(status.status()).isEqualTo(200);
            assertThat(status.body())
                    .contains("id=\"NL-12_408\"")
                    .contains("<prk:numberOfOccupiedSpaces>640</prk:numberOfOccupiedSpaces>");
        }
    }
}
