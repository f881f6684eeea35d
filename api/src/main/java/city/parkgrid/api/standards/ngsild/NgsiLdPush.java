package city.parkgrid.api.standards.ngsild;

import city.parkgrid.api.standards.LiveState;
import city.parkgrid.api.standards.LiveState.LiveLot;
import city.parkgrid.zones.Zone;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes changed lots ({@code OffStreetParking}) and their parking units ({@code ParkingGroup}) to
 * an NGSI-LD context broker with {@code POST /ngsi-ld/v1/entityOperations/upsert}, in batches.
 *
 * <p>It never touches ingestion: each round reads the occupancy store as any reader does and
 * compares every lot's version with the one last accepted by the broker, so gate events and
 * sensor snapshots are applied without waiting for, or even knowing of, the broker. A round whose
 * upsert fails (the broker down, an error status, entities it refused) keeps what it could not
 * deliver pending and backs off: the next attempt waits one period, then two, four, … up to
 * {@code maxBackoff}; the first success resets it. The first round sends every entity. Several
 * nodes configured alike push the same state; upsert is idempotent, so that costs only traffic.
 * Not thread-safe: one instance runs on one verticle ({@link city.parkgrid.api.ops.PeriodicVerticle}).
 */
public final class NgsiLdPush {

    private static final Logger LOG = LoggerFactory.getLogger(NgsiLdPush.class);

    /** The longest one upsert may take before it counts as failed. */
    static final long REQUEST_TIMEOUT_MILLIS = 10_000;

    /**
     * @param broker the broker's base URL, e.g. {@code http://orion-ld:1026}
     * @param period how often a round runs, and the first back-off step
     * @param batchSize entities per upsert (brokers commonly take up to 1,000)
     */
    public record Settings(URI broker, Duration period, int batchSize, Duration maxBackoff) {

        public Settings {
            if (batchSize < 1) {
                throw new IllegalArgumentException("ngsiLd.batchSize must be at least 1, not " + batchSize);
            }
            if (period.isNegative() || period.isZero() || maxBackoff.compareTo(period) < 0) {
                throw new IllegalArgumentException("ngsiLd.period must be positive and maxBackoff at least period");
            }
        }

        URI upsert() {
            return URI.create(broker.toString().replaceAll("/+$", "") + "/ngsi-ld/v1/entityOperations/upsert");
        }
    }

    /** What a round did; for the log and the tests. */
    public record Round(int sent, int batches, boolean failed, boolean skipped) {}

    private final LiveState live;
    private final Settings settings;
    private final Clock clock;
    /** Per lot, the occupancy version the broker last accepted. */
    private final Map<String, Long> delivered = new HashMap<>();

    private HttpClient client;
    private int failures;
    private Instant nextAttempt = Instant.MIN;

    public NgsiLdPush(LiveState live, Settings settings, Clock clock) {
        this.live = live;
        this.settings = settings;
        this.clock = clock;
    }

    /** One round: the changes since the last accepted push, in batches, one batch after another. */
    public Future<Round> run(Vertx vertx) {
        if (clock.instant().isBefore(nextAttempt)) {
            return Future.succeededFuture(new Round(0, 0, false, true));
        }
        if (client == null) {
            client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true));
        }
        return live.lots(vertx, live.geography().listLots()).compose(lots -> {
            List<LiveLot> changed = lots.stream()
                    .filter(l -> !Long.valueOf(l.occupancy().version())
                            .equals(delivered.get(l.lot().id())))
                    .toList();
            if (changed.isEmpty()) {
                return Future.succeededFuture(new Round(0, 0, false, false));
            }
            Set<String> zoneIds = new LinkedHashSet<>();
            changed.forEach(l -> l.lot().findZoneId().ifPresent(zoneIds::add));
            List<Zone> zones = zoneIds.stream()
                    .map(id -> live.geography().findZone(id))
                    .flatMap(Optional::stream)
                    .toList();
            return live.zones(vertx, zones).compose(liveZones -> {
                List<JsonObject> entities = new ArrayList<>();
                changed.forEach(l -> entities.add(withContext(NgsiLdEntities.lot(l, false))));
                liveZones.forEach(z -> entities.add(withContext(NgsiLdEntities.zone(z, false))));
                Map<String, LiveLot> byUrn = new HashMap<>();
                changed.forEach(l -> byUrn.put(NgsiLdEntities.lotUrn(l.lot().id()), l));
                return sendAll(entities, 0, byUrn, 0, 0);
            });
        });
    }

    private Future<Round> sendAll(
            List<JsonObject> entities, int from, Map<String, LiveLot> byUrn, int sent, int batches) {
        if (from >= entities.size()) {
            failures = 0;
            nextAttempt = Instant.MIN;
            return Future.succeededFuture(new Round(sent, batches, false, false));
        }
        List<JsonObject> batch = entities.subList(from, Math.min(entities.size(), from + settings.batchSize()));
        return upsert(batch).transform(result -> {
            if (result.succeeded()) {
                Set<String> refused = result.result();
                for (JsonObject entity : batch) {
                    LiveLot lot = byUrn.get(entity.getString("id"));
                    if (lot != null && !refused.contains(entity.getString("id"))) {
                        delivered.put(lot.lot().id(), lot.occupancy().version());
                    }
                }
                if (refused.isEmpty()) {
                    return sendAll(entities, from + batch.size(), byUrn, sent + batch.size(), batches + 1);
                }
                return Future.succeededFuture(backOff("the broker refused " + refused, sent, batches + 1));
            }
            return Future.succeededFuture(backOff(String.valueOf(result.cause()), sent, batches + 1));
        });
    }

    private Round backOff(String why, int sent, int batches) {
        failures++;
        long steps = 1L << Math.min(20, failures - 1);
        Duration wait = settings.period().multipliedBy(steps);
        if (wait.compareTo(settings.maxBackoff()) > 0) {
            wait = settings.maxBackoff();
        }
        nextAttempt = clock.instant().plus(wait);
        LOG.warn(
                "NGSI-LD push to {} failed ({} in a row), next attempt in {}: {}",
                settings.broker(),
                failures,
                wait,
                why);
        return new Round(sent, batches, true, false);
    }

    /** The ids the broker refused (a 207's {@code errors}); fails on any other non-2xx answer. */
    private Future<Set<String>> upsert(List<JsonObject> batch) {
        RequestOptions request = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setAbsoluteURI(settings.upsert().toString())
                .setIdleTimeout(REQUEST_TIMEOUT_MILLIS)
                .putHeader("Content-Type", NgsiLdHandlers.LD_JSON);
        return client.request(request)
                .compose(r -> r.send(Buffer.buffer(new JsonArray(batch).encode())))
                .compose(response -> response.body().compose(body -> {
                    int status = response.statusCode();
                    if (status == 207) {
                        Set<String> refused = new HashSet<>();
                        JsonObject result = body.length() == 0 ? new JsonObject() : body.toJsonObject();
                        result.getJsonArray("errors", new JsonArray())
                                .forEach(e -> refused.add(((JsonObject) e).getString("entityId")));
                        return Future.succeededFuture(refused);
                    }
                    if (status >= 200 && status < 300) {
                        return Future.succeededFuture(Set.<String>of());
                    }
                    return Future.failedFuture("HTTP " + status + " " + body.toString());
                }));
    }

    private static JsonObject withContext(JsonObject entity) {
        return entity.put("@context", new JsonArray().add(NgsiLdEntities.CONTEXT));
    }
}
