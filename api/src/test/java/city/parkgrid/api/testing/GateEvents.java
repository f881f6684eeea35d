package city.parkgrid.api.testing;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/** Builds gate-event batches as operators send them. */
public final class GateEvents {

    private GateEvents() {}

    public static JsonObject entry(String eventId, String plate, Instant at) {
        return event(eventId, "ENTRY", plate, at);
    }

    public static JsonObject exit(String eventId, String plate, Instant at) {
        return event(eventId, "EXIT", plate, at);
    }

    public static JsonObject event(String eventId, String type, String plate, Instant at) {
        return new JsonObject()
                .put("eventId", eventId)
                .put("type", type)
                .put("plate", plate)
                .put("at", at.toString())
                .put("gate", "north-1");
    }

    public static String batch(JsonObject... events) {
        return new JsonArray(java.util.List.of((Object[]) events)).encode();
    }
}
