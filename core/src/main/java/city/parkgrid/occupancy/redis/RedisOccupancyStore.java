package city.parkgrid.occupancy.redis;

import city.parkgrid.occupancy.EventOutcome;
import city.parkgrid.occupancy.GateEvent;
import city.parkgrid.occupancy.GateEventFlag;
import city.parkgrid.occupancy.GateEventType;
import city.parkgrid.occupancy.IngestionResult;
import city.parkgrid.occupancy.LotOccupancy;
import city.parkgrid.occupancy.OccupancySettings;
import city.parkgrid.occupancy.OccupancyStore;
import city.parkgrid.occupancy.SnapshotResult;
import city.parkgrid.occupancy.UnregisteredLotException;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisException;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * Live occupancy in Redis, shared by every platform node. Thread-safe: Lettuce connections are,
 * and each change is one run of {@code occupancy.lua}, which Redis executes atomically.
 *
 * <p>Key layout, with the lot id as hash tag so that one lot's keys sit in one Cluster slot:
 * <ul>
 *   <li>{@code <prefix>:lot:{<lotId>}:state} — hash: capacity, occupied, held, closed, asOf,
 *       updatedAt, version;</li>
 *   <li>{@code <prefix>:lot:{<lotId>}:event:<eventId>} — idempotency marker, expires after the
 *       dedupe window;</li>
 *   <li>{@code <prefix>:lot:{<lotId>}:plate:<plate>} — what the lot remembers of a plate.</li>
 * </ul>
 * The prefix lets several deployments (or test runs) share one Redis without meeting.
 */
public final class RedisOccupancyStore implements OccupancyStore {

    private static final String[] STATE_FIELDS =
            {"capacity", "occupied", "held", "closed", "asOf", "updatedAt", "version"};

    private final RedisAsyncCommands<String, String> redis;
    private final RedisScript script;
    private final String prefix;
    private final OccupancySettings settings;

    public RedisOccupancyStore(StatefulRedisConnection<String, String> connection, String prefix,
            OccupancySettings settings) {
        this.redis = connection.async();
        this.script = RedisScript.fromResource(RedisOccupancyStore.class, "occupancy.lua");
        this.prefix = prefix;
        this.settings = settings;
    }

    String stateKey(String lotId) {
        return prefix + ":lot:{" + lotId + "}:state";
    }

    @Override
    public CompletionStage<LotOccupancy> registerLot(String lotId, int capacity, Instant now) {
        return run(lotId, new String[] {stateKey(lotId)},
                List.of("register", millis(now), Integer.toString(capacity)))
                .thenApply(reply -> toOccupancy(lotId, reply));
    }

    @Override
    public CompletionStage<IngestionResult> applyGateEvents(String lotId, List<GateEvent> events, Instant now) {
        String lotKey = prefix + ":lot:{" + lotId + "}";
        String[] keys = new String[1 + 2 * events.size()];
        keys[0] = stateKey(lotId);
        List<String> args = new ArrayList<>(4 + 2 * events.size());
        args.add("events");
        args.add(millis(now));
        args.add(Long.toString(settings.dedupeWindow().toSeconds()));
        args.add(Long.toString(settings.presenceMemory().toSeconds()));
        for (int k = 0; k < events.size(); k++) {
            GateEvent event = events.get(k);
            keys[1 + 2 * k] = lotKey + ":event:" + event.eventId();
            keys[2 + 2 * k] = lotKey + ":plate:" + event.plate();
            args.add(event.type() == GateEventType.ENTRY ? "E" : "X");
            args.add(millis(event.at()));
        }
        return run(lotId, keys, args).thenApply(reply -> {
            List<EventOutcome> outcomes = new ArrayList<>(events.size());
            for (int k = 0; k < events.size(); k++) {
                outcomes.add(toOutcome(events.get(k).eventId(), (String) reply.get(8 + k)));
            }
            return new IngestionResult(outcomes, toOccupancy(lotId, reply));
        });
    }

    @Override
    public CompletionStage<SnapshotResult> applySnapshot(String lotId, int occupied, Instant at, Instant now) {
        return run(lotId, new String[] {stateKey(lotId)},
                List.of("snapshot", millis(now), Integer.toString(occupied), millis(at)))
                .thenApply(reply -> new SnapshotResult(((Long) reply.get(0)) == 1L, toOccupancy(lotId, reply)));
    }

    @Override
    public CompletionStage<Optional<LotOccupancy>> findOccupancy(String lotId) {
        return redis.hmget(stateKey(lotId), STATE_FIELDS).thenApply(values -> readState(lotId, values));
    }

    @Override
    public CompletionStage<Map<String, LotOccupancy>> listOccupancy(Collection<String> lotIds) {
        // Lettuce pipelines these on one connection: about one round trip for the whole list.
        List<CompletableFuture<Optional<LotOccupancy>>> reads =
                lotIds.stream().map(id -> findOccupancy(id).toCompletableFuture()).toList();
        return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).thenApply(done -> {
            Map<String, LotOccupancy> found = new LinkedHashMap<>();
            reads.forEach(read -> read.join().ifPresent(o -> found.put(o.lotId(), o)));
            return found;
        });
    }

    @Override
    public CompletionStage<Void> ping() {
        return redis.ping().thenAccept(pong -> { });
    }

    private CompletionStage<List<Object>> run(String lotId, String[] keys, List<String> args) {
        return script.run(redis, keys, args.toArray(String[]::new)).exceptionallyCompose(failure -> {
            Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
            if (cause instanceof RedisException && String.valueOf(cause.getMessage()).startsWith("UNREGISTERED")) {
                return CompletableFuture.failedFuture(new UnregisteredLotException(lotId));
            }
            return CompletableFuture.failedFuture(cause);
        });
    }

    private static EventOutcome toOutcome(String eventId, String code) {
        if (code.equals("D")) {
            return EventOutcome.duplicate(eventId);
        }
        return code.length() == 1
                ? EventOutcome.accepted(eventId)
                : EventOutcome.flagged(eventId, GateEventFlag.ofCode(code.substring(1)));
    }

    private static LotOccupancy toOccupancy(String lotId, List<Object> reply) {
        return new LotOccupancy(lotId, toInt(reply.get(1)), toInt(reply.get(2)), toInt(reply.get(3)),
                toInt(reply.get(4)) == 1, Instant.ofEpochMilli((Long) reply.get(5)),
                Instant.ofEpochMilli((Long) reply.get(6)), (Long) reply.get(7));
    }

    private static Optional<LotOccupancy> readState(String lotId, List<KeyValue<String, String>> values) {
        if (!values.get(0).hasValue()) {
            return Optional.empty();
        }
        long[] v = new long[STATE_FIELDS.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = values.get(i).hasValue() ? Long.parseLong(values.get(i).getValue()) : 0L;
        }
        return Optional.of(new LotOccupancy(lotId, (int) v[0], (int) v[1], (int) v[2], v[3] == 1,
                Instant.ofEpochMilli(v[4]), Instant.ofEpochMilli(v[5]), v[6]));
    }

    private static int toInt(Object value) {
        return Math.toIntExact((Long) value);
    }

    private static String millis(Instant instant) {
        return Long.toString(instant.toEpochMilli());
    }
}
