package city.parkgrid.api.occupancy;

import city.parkgrid.InvalidInputException;
import city.parkgrid.api.http.JsonInput;
import city.parkgrid.api.http.Problem;
import city.parkgrid.api.http.ProblemException;
import city.parkgrid.api.lots.LotAccess;
import city.parkgrid.api.lots.LotJson;
import city.parkgrid.gates.GateEvents;
import city.parkgrid.lots.Lot;
import city.parkgrid.lots.LotCatalog;
import city.parkgrid.occupancy.EventOutcome;
import city.parkgrid.occupancy.GateEvent;
import city.parkgrid.occupancy.GateEventType;
import city.parkgrid.occupancy.IngestionResult;
import city.parkgrid.occupancy.OccupancyService;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code POST /v1/lots/{lotId}/events}: a batch of gate events from the lot's operator. The whole
 * batch is checked before anything is applied, so a malformed event changes nothing; well-formed
 * events then get one outcome each from {@link GateEvents}, on a worker (sessions may be in
 * PostgreSQL).
 */
public final class PostGateEventsHandler implements Handler<RoutingContext> {

    private final LotCatalog lots;
    private final GateEvents gateEvents;
    private final Clock clock;
    private final MeterRegistry metrics;

    public PostGateEventsHandler(LotCatalog lots, GateEvents gateEvents, Clock clock, MeterRegistry metrics) {
        this.lots = lots;
        this.gateEvents = gateEvents;
        this.clock = clock;
        this.metrics = metrics;
    }

    @Override
    public void handle(RoutingContext ctx) {
        Lot lot = LotAccess.requireOperatedLot(ctx, lots);
        List<GateEvent> events = parse(JsonInput.array(ctx.body().buffer()));
        Instant now = clock.instant();
        ctx.vertx()
                .executeBlocking(() -> gateEvents.record(lot, events, now), false)
                .onSuccess(result -> {
                    count(result);
                    ctx.json(toJson(result));
                })
                .onFailure(ctx::fail);
    }

    static List<GateEvent> parse(JsonArray array) {
        if (array.size() > OccupancyService.MAX_BATCH) {
            throw new ProblemException(Problem.tooLarge(
                    "a batch carries at most " + OccupancyService.MAX_BATCH + " events, this one " + array.size()));
        }
        List<GateEvent> events = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            String path = "[" + i + "]";
            JsonObject json = JsonInput.object(array.getValue(i), path);
            String eventId = JsonInput.requiredString(json, "eventId", path + ".eventId");
            GateEventType type = JsonInput.requiredEnum(json, "type", path + ".type", GateEventType.class);
            String plate = JsonInput.requiredString(json, "plate", path + ".plate");
            var at = JsonInput.requiredInstant(json, "at", path + ".at");
            String gate = JsonInput.optionalString(json, "gate", path + ".gate");
            try {
                events.add(new GateEvent(eventId, type, plate, at, gate));
            } catch (InvalidInputException e) {
                throw e.within(path);
            }
        }
        return events;
    }

    private void count(IngestionResult result) {
        for (EventOutcome outcome : result.outcomes()) {
            metrics.counter(
                            "parkgrid.gate.events",
                            "result",
                            outcome.result().name().toLowerCase(Locale.ROOT),
                            "flag",
                            outcome.flag() == null
                                    ? "none"
                                    : outcome.flag().name().toLowerCase(Locale.ROOT))
                    .increment();
        }
    }

    private static JsonObject toJson(IngestionResult result) {
        JsonArray results = new JsonArray();
        for (EventOutcome outcome : result.outcomes()) {
            JsonObject json = new JsonObject()
                    .put("eventId", outcome.eventId())
                    .put("result", outcome.result().name().toLowerCase(Locale.ROOT));
            if (outcome.flag() != null) {
                json.put("flag", outcome.flag().name());
            }
            if (outcome.reason() != null) {
                json.put("reason", outcome.reason());
            }
            results.add(json);
        }
        return new JsonObject().put("results", results).put("occupancy", LotJson.occupancy(result.occupancy()));
    }
}
