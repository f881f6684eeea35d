package city.parkgrid.api.tariffs;

import static org.assertj.core.api.Assertions.assertThat;

import city.parkgrid.api.testing.PlatformUnderTest;
import city.parkgrid.api.testing.PlatformUnderTest.Reply;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Tariff versions over HTTP: scheduled, read as of a time, listed; the unversioned PUT as before. */
class TariffVersionsApiTest {

    private static final String WANDA = "dev-operator-op-wanda";

    @RegisterExtension
    final PlatformUnderTest platform = PlatformUnderTest.embeddedPerTest();

    private static JsonObject tariff(int dayRateFen) {
        return new JsonObject()
                .put("freeMinutes", 15)
                .put("dayRateFen", dayRateFen)
                .put("nightRateFen", 500)
                .put("dayStarts", "08:00")
                .put("nightStarts", "20:00")
                .put("dailyCapFen", 9_000);
    }

    @Test
    void aFutureVersionIsScheduledReadAsOfItsTimeAndListed() {
        Reply first = platform.send(
                "PUT", "/v1/lots/wanda-plaza/tariff", WANDA, tariff(1_000).encode());
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().getString("effectiveFrom")).isEqualTo("1970-01-01T00:00:00Z");
        Instant change = Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        Reply scheduled = platform.send(
                "PUT",
                "/v1/lots/wanda-plaza/tariff",
                WANDA,
                tariff(1_500).put("effectiveFrom", change.toString()).encode());
        assertThat(scheduled.status()).isEqualTo(200);
        assertThat(scheduled.json().getString("effectiveFrom")).isEqualTo(change.toString());

        assertThat(platform.get("/v1/lots/wanda-plaza/tariff").json().getInteger("dayRateFen"))
                .isEqualTo(1_000);
        assertThat(platform.get("/v1/lots/wanda-plaza/tariff?at=" + change.minusSeconds(1))
                        .json()
                        .getInteger("dayRateFen"))
                .isEqualTo(1_000);
        assertThat(platform.get("/v1/lots/wanda-plaza/tariff?at=" + change)
                        .json()
                        .getInteger("dayRateFen"))
                .isEqualTo(1_500);
        Reply listed = platform.get("/v1/lots/wanda-plaza/tariffs");
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.jsonArray("versions"))
                .extracting(v -> ((JsonObject) v).getInteger("dayRateFen"))
                .containsExactly(1_000, 1_500);

        // an unversioned PUT on a lot with a tariff takes effect now, and the scheduled one stays
        Reply now = platform.send(
                "PUT", "/v1/lots/wanda-plaza/tariff", WANDA, tariff(1_200).encode());
        assertThat(Instant.parse(now.json().getString("effectiveFrom")))
                .isBetween(Instant.now().minusSeconds(60), Instant.now());
        assertThat(platform.get("/v1/lots/wanda-plaza/tariffs").jsonArray("versions"))
                .extracting(v -> ((JsonObject) v).getInteger("dayRateFen"))
                .containsExactly(1_000, 1_200, 1_500);
    }

    @Test
    void aVersionInThePastIsRefusedNamingTheFieldAndNothingChanges() {
        platform.send("PUT", "/v1/lots/wanda-plaza/tariff", WANDA, tariff(1_000).encode());
        Reply past = platform.send(
                "PUT",
                "/v1/lots/wanda-plaza/tariff",
                WANDA,
                tariff(1_500)
                        .put("effectiveFrom", Instant.now().minusSeconds(3600).toString())
                        .encode());
        assertThat(past.status()).isEqualTo(400);
        assertThat(past.json().getString("field")).isEqualTo("effectiveFrom");
        Reply notATime = platform.send(
                "PUT",
                "/v1/lots/wanda-plaza/tariff",
                WANDA,
                tariff(1_500).put("effectiveFrom", "tomorrow").encode());
        assertThat(notATime.status()).isEqualTo(400);
        assertThat(notATime.json().getString("field")).isEqualTo("effectiveFrom");
        assertThat(platform.get("/v1/lots/wanda-plaza/tariffs").jsonArray("versions"))
                .hasSize(1);
        assertThat(platform.get("/v1/lots/wanda-plaza/tariff?at=yesterday")
                        .json()
                        .getString("field"))
                .isEqualTo("at");
        assertThat(platform.get("/v1/lots/hopson-one/tariffs").jsonArray("versions"))
                .isEmpty();
        assertThat(platform.get("/v1/lots/no-such-lot/tariffs").status()).isEqualTo(404);
    }
}
