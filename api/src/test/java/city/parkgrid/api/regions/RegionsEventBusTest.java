package city.parkgrid.api.regions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import city.parkgrid.api.NodeServer;
import city.parkgrid.api.wiring.EmbeddedWiring;
import city.parkgrid.dataset.GeoJsonDataSetReader;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Other city services in the same Vert.x cluster ask the hierarchy on the event bus. */
class RegionsEventBusTest {

    private static NodeServer.Running running;

    @BeforeAll
    static void start() {
        running = NodeServer.start(
                EmbeddedWiring.node(GeoJsonDataSetReader.wujiaochang(), Clock.systemUTC()), "127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        running.close();
    }

    private static JsonObject ask(JsonObject request) {
        Message<JsonObject> reply = running.vertx()
                .eventBus()
                .<JsonObject>request(RegionsBusVerticle.ADDRESS, request)
                .toCompletionStage()
                .toCompletableFuture()
                .join();
        return reply.body();
    }

    @Test
    void locateAnswersTheSameChainAsHttp() {
        JsonObject reply =
                ask(new JsonObject().put("action", "locate").put("lat", 31.2995).put("lon", 121.514));
        assertThat(reply.getJsonArray("chain").getJsonObject(3).getString("id")).isEqualTo("wjc-sub-square");
    }

    @Test
    void getChildrenAndSummaryAnswerAsTheirEndpointsDo() {
        assertThat(ask(new JsonObject().put("action", "get").put("id", "yangpu"))
                        .getJsonObject("properties")
                        .getString("nameEn"))
                .isEqualTo("Yangpu District");
        assertThat(ask(new JsonObject().put("action", "children").put("id", "yangpu"))
                        .getJsonArray("features"))
                .hasSize(5);
        assertThat(ask(new JsonObject().put("action", "summary").put("id", "yangpu"))
                        .getInteger("lots"))
                .isPositive();
    }

    @Test
    void failuresCarryTheHttpStatusAsFailureCode() {
        assertThatThrownBy(() -> ask(new JsonObject().put("action", "get").put("id", "atlantis")))
                .isInstanceOf(CompletionException.class)
                .cause()
                .isInstanceOf(ReplyException.class)
                .satisfies(e -> assertThat(((ReplyException) e).failureCode()).isEqualTo(404));
        assertThatThrownBy(() -> ask(new JsonObject().put("action", "teleport")))
                .cause()
                .satisfies(e -> assertThat(((ReplyException) e).failureCode()).isEqualTo(400));
        assertThatThrownBy(() -> ask(new JsonObject()
                        .put("action", "locate")
                        .put("lat", 39.9)
                        .put("lon", 116.4)))
                .cause()
                .satisfies(e -> assertThat(((ReplyException) e).failureCode()).isEqualTo(404));
    }
}
