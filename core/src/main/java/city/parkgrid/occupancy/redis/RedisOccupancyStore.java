package city.parkgrid.occupancy.redis;

import city.parkgrid.StorageUnavailableException;
import city.parkgrid.occupancy.EventOutcome;
import city.parkgrid.occupancy.GateEvent;
import city.parkgrid.occupancy.GateEventFlag;
import city.parkgrid.occupancy.GateEventType;
import city.parkgrid.occupancy.Hold;
import city.parkgrid.occupancy.HoldIds;
import city.parkgrid.occupancy.HoldRequest;
import city.parkgrid.occupancy.HoldResult;
import city.parkgrid.occupancy.HoldStatus;
import city.parkgrid.occupancy.IngestionResult;
import city.parkgrid.occupancy.LotCheckpoint;
import city.parkgrid.occupancy.LotOccupancy;
import city.parkgrid.occupancy.LotStatus;
import city.parkgrid.occupancy.OccupancySettings;
import city.parkgrid.occupancy.OccupancyStore;
import city.parkgrid.occupancy.SeenEvents;
import city.parkgrid.occupancy.SnapshotResult;
import city.parkgrid.occupancy.UnregisteredLotException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lettuce.core.KeyValue;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisBusyException;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisLoadingException;
import io.lettuce.core.RedisReadOnlyException;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * Live occupancy in Redis, shared by every platform node. Thread-safe: Lettuce connections are,
 * and each change to a lot is one run of {@code occupancy.lua}, which Redis executes atomically.
 *
 * <p>Key layout, with the lot id as hash tag so that one lot's keys sit in one Cluster slot:
 * <ul>
 *   <li>{@code <prefix>:lot:{<lotId>}:state} — hash: capacity, occupied, held, closed, asOf,
 *       updatedAt, version;</li>
 *   <li>{@code …:holds}, {@code …:hold-records}, {@code …:plate-holds}, {@code …:ended-holds} —
 *       the spaces held for drivers (see the script);</li>
 *   <li>{@code …:seen:<day>} — the event ids received that day (UTC days since the epoch) as a
 *       hash of {@link SeenEvents#BUCKETS} buckets of 12-byte entries (fingerprint, expiry), a
 *       busy bucket spilled into sub-buckets of the same hash (occupancy.lua), dropped whole once
 *       the last of them is forgotten ({@link SeenEvents});</li>
 *   <li>{@code …:event:<eventId>} — the idempotency marker of scripts before the daily sets: no
 *       longer written, still honoured until it expires (the dedupe window after it was set);</li>
 *   <li>{@code …:plate:<plate>} — what the lot remembers of a plate;</li>
 *   <li>{@code …:plates} — the plates the lot remembers, by the time each is remembered until, so
 *       that a checkpoint ({@code lot-checkpoint.lua}) finds every key of the lot.</li>
 * </ul>
 * Outside any lot: {@code <prefix>:plate:{<plate>}:hold}, a plate's one current hold, and
 * {@code <prefix>:driver:{<driverId>}:plates}, the plates a driver has spaces held for (a sorted
 * set by expiry), {@code <prefix>:driver:{<driverId>}:allocations:<windowStart>}, how many
 * allocations the driver asked in that window, and {@code <prefix>:holds-due}, every hold by expiry, which the expiry sweeper reads. The prefix lets
 * several deployments (or test runs) share one Redis without meeting.
 *
 * <p>On a Redis Cluster every script touches the keys of one slot: a lot's (the hash tag is the
 * first {@code {…}}, inside the shared {@code <prefix>:lot:{<lotId>}} start), or one plate's or
 * driver's key. The global keys ({@code holds-due}, {@code registered}) are only ever written and
 * read by commands of their own, never inside a lot's script.
 */
public final class RedisOccupancyStore implements OccupancyStore {

    private static final String[] STATE_FIELDS = {
        "capacity", "occupied", "held", "reserved", "closed", "asOf", "updatedAt", "version"
    };
    private static final int STATE_REPLY = 9;

    private final RedisEndpoint endpoint;
    private final RedisClusterAsyncCommands<String, String> redis;
    private final RedisScript occupancyScript;
    private final RedisScript plateHoldScript;
    private final RedisScript driverPlatesScript;
    private final RedisScript checkpointScript;
    private final String prefix;
    private final OccupancySettings settings;

    /**
     * @param redis a standalone Redis or a Redis Cluster: every script and command here touches one
     *     slot, and a hold is granted through {@link RedisEndpoint#acknowledged}
     */
    public RedisOccupancyStore(RedisEndpoint redis, String prefix, OccupancySettings settings) {
        this.endpoint = redis;
        this.redis = redis.async();
        this.occupancyScript = RedisScript.fromResource(RedisOccupancyStore.class, "occupancy.lua");
        this.plateHoldScript = RedisScript.fromResource(RedisOccupancyStore.class, "plate-hold.lua");
        this.driverPlatesScript = RedisScript.fromResource(RedisOccupancyStore.class, "driver-plates.lua");
        this.checkpointScript = RedisScript.fromResource(RedisOccupancyStore.class, "lot-checkpoint.lua");
        this.prefix = prefix;
        this.settings = settings;
    }

    private String lotKey(String lotId) {
        return prefix + ":lot:{" + lotId + "}";
    }

    /** {@code …:plates}: every plate whose presence key the lot keeps, by the time it is kept until. */
    private String platesKey(String lotId) {
        return lotKey(lotId) + ":plates";
    }

    /** The daily sets of event ids that may still remember an id at {@code now}, today's last. */
    private List<String> seenKeys(String lotId, Instant now) {
        long nowMillis = now.toEpochMilli();
        Duration memory = SeenEvents.requireStorable(settings.dedupeWindow().plus(settings.maxClockSkew()));
        List<String> keys = new ArrayList<>();
        for (long day = SeenEvents.firstDay(nowMillis, memory); day <= SeenEvents.day(nowMillis); day++) {
            keys.add(lotKey(lotId) + ":seen:" + day);
        }
        return keys;
    }

    private String dueKey() {
        return prefix + ":holds-due";
    }

    /** The five keys every lot operation declares, in the script's order. */
    private List<String> lotKeys(String lotId) {
        String lot = lotKey(lotId);
        return new ArrayList<>(List.of(
                lot + ":state", lot + ":holds", lot + ":hold-records", lot + ":plate-holds", lot + ":ended-holds"));
    }

    private List<String> lotArgs(String op, Instant now) {
        return new ArrayList<>(List.of(op, millis(now), Long.toString(Hold.RETENTION_AFTER_END.toMillis())));
    }

    @Override
    public CompletionStage<LotOccupancy> registerLot(String lotId, int capacity, Instant now) {
        return registerLotChange(lotId, capacity, now).thenApply(LotChange::occupancy);
    }

    @Override
    public CompletionStage<LotChange> registerLotChange(String lotId, int capacity, Instant now) {
        List<String> args = lotArgs("register", now);
        args.add(Integer.toString(capacity));
        return guarded(run(lotId, lotKeys(lotId), args).thenApply(reply -> toChange(lotId, reply)));
    }

    @Override
    public CompletionStage<LotOccupancy> configureLot(String lotId, boolean closed, int reserved, Instant now) {
        return configureLotChange(lotId, closed, reserved, now).thenApply(LotChange::occupancy);
    }

    @Override
    public CompletionStage<LotChange> configureLotChange(String lotId, boolean closed, int reserved, Instant now) {
        List<String> args = lotArgs("configure", now);
        args.add(closed ? "1" : "0");
        args.add(Integer.toString(reserved));
        return guarded(run(lotId, lotKeys(lotId), args).thenApply(reply -> toChange(lotId, reply)));
    }

    /** The script's first reply element says whether the run changed the lot (occupancy.lua). */
    private static LotChange toChange(String lotId, List<Object> reply) {
        return new LotChange(toOccupancy(lotId, reply), ((Long) reply.get(0)) == 1L);
    }

    @Override
    public CompletionStage<IngestionResult> applyGateEvents(String lotId, List<GateEvent> events, Instant now) {
        List<String> keys = lotKeys(lotId);
        List<String> args = lotArgs("events", now);
        // an event may be stamped up to the clock skew ahead, so its id is kept that much longer
        args.add(Long.toString(
                settings.dedupeWindow().plus(settings.maxClockSkew()).toMillis()));
        args.add(Long.toString(settings.presenceMemory().toMillis()));
        for (GateEvent event : events) {
            // the per-event key of scripts before the daily sets: only read, until its TTL ends
            keys.add(lotKey(lotId) + ":event:" + event.eventId());
            keys.add(lotKey(lotId) + ":plate:" + event.plate());
            args.add(event.type() == GateEventType.ENTRY ? "E" : "X");
            args.add(millis(event.at()));
            args.add(event.plate());
            args.add(SeenEvents.hex(SeenEvents.fingerprint(event.eventId())));
        }
        keys.add(platesKey(lotId));
        keys.addAll(seenKeys(lotId, now));
        return guarded(run(lotId, keys, args).thenApply(reply -> {
            List<EventOutcome> outcomes = new ArrayList<>(events.size());
            for (int k = 0; k < events.size(); k++) {
                outcomes.add(toOutcome(events.get(k).eventId(), (String) reply.get(STATE_REPLY + k)));
            }
            return new IngestionResult(outcomes, toOccupancy(lotId, reply));
        }));
    }

    @Override
    public CompletionStage<SnapshotResult> applySnapshot(String lotId, int occupied, Instant at, Instant now) {
        List<String> args = lotArgs("snapshot", now);
        args.add(Integer.toString(occupied));
        args.add(millis(at));
        return guarded(run(lotId, lotKeys(lotId), args)
                .thenApply(reply -> new SnapshotResult(((Long) reply.get(0)) == 1L, toOccupancy(lotId, reply))));
    }

    @Override
    public CompletionStage<HoldResult> hold(HoldRequest request, Instant now) {
        String lotId = request.lotId();
        List<String> args = lotArgs("hold", now);
        args.addAll(List.of(request.holdId(), request.plate(), request.driverId(), millis(request.expiresAt())));
        // Indexed for the sweeper before it exists, so a crash after the grant cannot leave a hold
        // that nothing expires; an entry for a refused hold is dropped by the sweeper.
        return guarded(redis.zadd(dueKey(), request.expiresAt().toEpochMilli(), request.holdId())
                .thenCompose(indexed -> {
                    List<String> keys = lotKeys(lotId);
                    return endpoint.acknowledged(keys.get(0), commands -> run(commands, lotId, keys, args));
                })
                .thenApply(reply -> {
                    String refusal = (String) reply.get(STATE_REPLY);
                    LotOccupancy occupancy = toOccupancy(lotId, reply);
                    return refusal.isEmpty()
                            ? new HoldResult(
                                    toHold(request.holdId(), lotId, (String) reply.get(STATE_REPLY + 1)),
                                    null,
                                    occupancy)
                            : new HoldResult(null, LotStatus.valueOf(refusal), occupancy);
                }));
    }

    @Override
    public CompletionStage<Optional<Hold>> findHold(String holdId, Instant now) {
        return guarded(holdOperation(holdId, "get", null, now).thenApply(EndedHold::hold));
    }

    @Override
    public CompletionStage<Optional<Hold>> endHold(String holdId, HoldStatus endAs, Instant now) {
        return endHoldVersioned(holdId, endAs, now).thenApply(EndedHold::hold);
    }

    @Override
    public CompletionStage<EndedHold> endHoldVersioned(String holdId, HoldStatus endAs, Instant now) {
        // An unknown id in the expiry index is a refused hold (or one long forgotten): drop it too.
        return guarded(holdOperation(holdId, "end", endAs, now).thenCompose(ended -> {
            Optional<Hold> found = ended.hold();
            if (found.isEmpty() || found.get().status().isFinal()) {
                return redis.zrem(dueKey(), holdId).thenApply(removed -> ended);
            }
            return CompletableFuture.completedFuture(ended);
        }));
    }

    private CompletionStage<EndedHold> holdOperation(String holdId, String op, HoldStatus endAs, Instant now) {
        Optional<String> lotId = HoldIds.lotOf(holdId);
        if (lotId.isEmpty()) {
            return CompletableFuture.completedFuture(new EndedHold(Optional.empty(), -1));
        }
        List<String> args = lotArgs(op, now);
        args.add(holdId);
        if (endAs != null) {
            args.add(endAs.name());
        }
        return run(lotId.get(), lotKeys(lotId.get()), args)
                .thenApply(reply -> {
                    String record = (String) reply.get(STATE_REPLY);
                    return new EndedHold(
                            record.isEmpty()
                                    ? Optional.<Hold>empty()
                                    : Optional.of(toHold(holdId, lotId.get(), record)),
                            (Long) reply.get(8));
                })
                .exceptionally(failure -> {
                    if (unwrap(failure) instanceof UnregisteredLotException) {
                        return new EndedHold(Optional.empty(), -1);
                    }
                    throw new CompletionException(unwrap(failure));
                });
    }

    @Override
    public CompletionStage<Optional<String>> swapPlateHold(
            String plate, String holdId, Instant expiresAt, Instant now) {
        long ttl = Hold.plateHoldLifetime(expiresAt, now).toMillis();
        return guarded(plateHoldScript
                .run(redis, new String[] {plateKey(plate)}, new String[] {"swap", holdId, Long.toString(ttl)})
                .thenApply(reply -> {
                    String previous = (String) reply.get(0);
                    return previous.isEmpty() || previous.equals(holdId)
                            ? Optional.<String>empty()
                            : Optional.of(previous);
                }));
    }

    @Override
    public CompletionStage<Boolean> tryLockPlate(String plate, String token, Duration ttl) {
        return guarded(plateHoldScript
                .run(redis, new String[] {plateKey(plate) + ":lock"}, new String[] {
                    "lock", token, Long.toString(ttl.toMillis())
                })
                .thenApply(reply -> "OK".equals(reply.get(0))));
    }

    @Override
    public CompletionStage<Void> unlockPlate(String plate, String token) {
        return guarded(plateHoldScript
                .run(redis, new String[] {plateKey(plate) + ":lock"}, new String[] {"unlock", token})
                .thenAccept(reply -> {}));
    }

    @Override
    public CompletionStage<Optional<String>> findPlateHold(String plate) {
        return guarded(redis.get(plateKey(plate)).thenApply(Optional::ofNullable));
    }

    @Override
    public CompletionStage<Void> clearPlateHold(String plate, String holdId) {
        return guarded(plateHoldScript
                .run(redis, new String[] {plateKey(plate)}, new String[] {"clear", holdId})
                .thenAccept(reply -> {}));
    }

    @Override
    public CompletionStage<Boolean> claimDriverPlate(
            String driverId, String plate, Instant expiresAt, int maxPlates, Instant now) {
        return guarded(driverPlatesScript
                .run(redis, new String[] {driverPlatesKey(driverId)}, new String[] {
                    "claim", plate, millis(expiresAt), millis(now), Integer.toString(maxPlates)
                })
                .thenApply(reply -> "OK".equals(reply.get(0))));
    }

    @Override
    public CompletionStage<Void> releaseDriverPlate(String driverId, String plate) {
        return guarded(driverPlatesScript
                .run(redis, new String[] {driverPlatesKey(driverId)}, new String[] {"release", plate})
                .thenAccept(reply -> {}));
    }

    @Override
    public CompletionStage<Long> countDriverAllocation(String driverId, Instant now, Duration window) {
        long start = Math.floorDiv(now.toEpochMilli(), window.toMillis()) * window.toMillis();
        return guarded(driverPlatesScript
                .run(redis, new String[] {prefix + ":driver:{" + driverId + "}:allocations:" + start}, new String[] {
                    "count", Long.toString(window.toMillis())
                })
                .thenApply(reply -> (Long) reply.get(0)));
    }

    /** A driver's held plates, under the driver's own hash tag (their holds sit in many lots' slots). */
    private String driverPlatesKey(String driverId) {
        return prefix + ":driver:{" + driverId + "}:plates";
    }

    private String plateKey(String plate) {
        return prefix + ":plate:{" + plate + "}:hold";
    }

    @Override
    public CompletionStage<List<String>> listExpiredHolds(Instant now, int limit) {
        return guarded(redis.zrangebyscore(
                dueKey(), Range.create(Double.NEGATIVE_INFINITY, (double) now.toEpochMilli()), Limit.create(0, limit)));
    }

    @Override
    public CompletionStage<Optional<LotOccupancy>> findOccupancy(String lotId) {
        return guarded(
                redis.hmget(lotKey(lotId) + ":state", STATE_FIELDS).thenApply(values -> readState(lotId, values)));
    }

    @Override
    public CompletionStage<Map<String, LotOccupancy>> listOccupancy(Collection<String> lotIds) {
        // Lettuce pipelines these on one connection: about one round trip for the whole list.
        List<CompletableFuture<Optional<LotOccupancy>>> reads = lotIds.stream()
                .map(id -> findOccupancy(id).toCompletableFuture())
                .toList();
        return guarded(CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new))
                .thenApply(done -> {
                    Map<String, LotOccupancy> found = new LinkedHashMap<>();
                    reads.forEach(read -> read.join().ifPresent(o -> found.put(o.lotId(), o)));
                    return found;
                }));
    }

    /** {@code <prefix>:registered}: the registration epoch, gone with everything else when Redis restarts empty. */
    private String epochKey() {
        return prefix + ":registered";
    }

    @Override
    public CompletionStage<Void> markRegistered(long epoch) {
        return guarded(redis.set(epochKey(), Long.toString(epoch)).thenAccept(ok -> {}));
    }

    @Override
    public CompletionStage<OptionalLong> registrationEpoch() {
        return guarded(redis.get(epochKey())
                .thenApply(epoch -> epoch == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(epoch))));
    }

    @Override
    public CompletionStage<Boolean> registrationsIntact() {
        return guarded(redis.exists(epochKey()).thenApply(count -> count == 1));
    }

    /** The lock under which one node restores a lost live state ({@code <prefix>:restore-lock}). */
    @Override
    public CompletionStage<Boolean> tryLockRestore(String token, Duration ttl) {
        return guarded(plateHoldScript
                .run(redis, new String[] {prefix + ":restore-lock"}, new String[] {
                    "lock", token, Long.toString(ttl.toMillis())
                })
                .thenApply(reply -> "OK".equals(reply.get(0))));
    }

    @Override
    public CompletionStage<Void> unlockRestore(String token) {
        return guarded(plateHoldScript
                .run(redis, new String[] {prefix + ":restore-lock"}, new String[] {"unlock", token})
                .thenAccept(reply -> {}));
    }

    @Override
    public CompletionStage<Void> ping() {
        return guarded(redis.ping().thenAccept(pong -> {}));
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** How often a checkpoint is tried again when the lot's plates changed between its two steps. */
    private static final int CHECKPOINT_ATTEMPTS = 3;

    /**
     * Every key of the lot, DUMPed in one run of {@code lot-checkpoint.lua}, after one read of the
     * plates index that names the presence keys to declare (a plate added between the two is a
     * retry), over the connection of bytes (DUMP's serialisation is binary). The payload names each
     * key after the lot's start, so it is put back under any prefix, and carries each DUMP in base64.
     */
    @Override
    public CompletionStage<Optional<LotCheckpoint>> checkpointLot(String lotId, Instant now) {
        return guarded(takeCheckpoint(lotId, now, CHECKPOINT_ATTEMPTS));
    }

    private CompletionStage<Optional<LotCheckpoint>> takeCheckpoint(String lotId, Instant now, int attempts) {
        String plateStart = lotKey(lotId) + ":plate:";
        return redis.zrange(platesKey(lotId), 0, -1).thenCompose(plates -> {
            List<String> keys = lotKeys(lotId);
            keys.add(platesKey(lotId));
            plates.forEach(plate -> keys.add(plateStart + plate));
            keys.addAll(seenKeys(lotId, now));
            byte[][] args = utf8(List.of("take", millis(now), Integer.toString(plates.size()), plateStart));
            return checkpointScript.run(endpoint.bytes(), utf8(keys), args).thenCompose(reply -> {
                String outcome = text(reply.get(0));
                if (outcome.equals("UNKNOWN")) {
                    return CompletableFuture.completedFuture(Optional.empty());
                }
                if (outcome.equals("RETRY")) {
                    return attempts > 1
                            ? takeCheckpoint(lotId, now, attempts - 1)
                            : CompletableFuture.completedFuture(Optional.empty());
                }
                ObjectNode payload = JSON.createObjectNode();
                ArrayNode entries = payload.putArray("keys");
                int start = lotKey(lotId).length();
                Base64.Encoder base64 = Base64.getEncoder();
                for (int i = 2; i + 2 < reply.size(); i += 3) {
                    entries.addObject()
                            .put("key", text(reply.get(i)).substring(start))
                            .put("pttl", Long.parseLong(text(reply.get(i + 1))))
                            .put("dump", base64.encodeToString((byte[]) reply.get(i + 2)));
                }
                return CompletableFuture.completedFuture(Optional.of(
                        new LotCheckpoint(lotId, Long.parseLong(text(reply.get(1))), now, payload.toString())));
            });
        });
    }

    private static byte[][] utf8(List<String> texts) {
        return texts.stream().map(RedisOccupancyStore::utf8).toArray(byte[][]::new);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(Object bytes) {
        return new String((byte[]) bytes, StandardCharsets.UTF_8);
    }

    /**
     * Puts the lot's keys back whole (RESTORE … REPLACE), each with the time it had left when taken
     * less the time since on the platform's clock (a key whose time ran out is left out: Redis
     * would have collected it), then the HELD holds' entries of the expiry index.
     */
    @Override
    public CompletionStage<Map<String, Instant>> restoreCheckpoint(LotCheckpoint checkpoint, Instant now) {
        JsonNode payload;
        try {
            payload = JSON.readTree(checkpoint.payload());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable checkpoint of lot " + checkpoint.lotId(), e);
        }
        long elapsed = Math.max(0, now.toEpochMilli() - checkpoint.takenAt().toEpochMilli());
        String lot = lotKey(checkpoint.lotId());
        List<byte[]> keys =
                new ArrayList<>(List.of(utf8(lotKeys(checkpoint.lotId()).get(1))));
        List<byte[]> args = new ArrayList<>(List.of(utf8("put")));
        Base64.Decoder base64 = Base64.getDecoder();
        for (JsonNode entry : payload.get("keys")) {
            long pttl = entry.get("pttl").asLong();
            long left = pttl < 0 ? -1 : pttl - elapsed;
            if (pttl >= 0 && left <= 0) {
                continue;
            }
            keys.add(utf8(lot + entry.get("key").asText()));
            args.add(utf8(Long.toString(left)));
            args.add(base64.decode(entry.get("dump").asText()));
        }
        return guarded(checkpointScript
                .run(endpoint.bytes(), keys.toArray(byte[][]::new), args.toArray(byte[][]::new))
                .thenCompose(reply -> {
                    Map<String, Instant> held = new LinkedHashMap<>();
                    List<ScoredValue<String>> due = new ArrayList<>();
                    for (int i = 0; i + 1 < reply.size(); i += 2) {
                        String id = text(reply.get(i));
                        long expiry = (long) Double.parseDouble(text(reply.get(i + 1)));
                        held.put(id, Instant.ofEpochMilli(expiry));
                        due.add(ScoredValue.just(expiry, id));
                    }
                    if (due.isEmpty()) {
                        return CompletableFuture.completedFuture(held);
                    }
                    // the lot's holds back in the expiry index in one ZADD (one key, so one node)
                    @SuppressWarnings("unchecked")
                    ScoredValue<String>[] entries = due.toArray(ScoredValue[]::new);
                    return redis.zadd(dueKey(), entries).thenApply(added -> held);
                }));
    }

    private CompletionStage<List<Object>> run(String lotId, List<String> keys, List<String> args) {
        return run(redis, lotId, keys, args);
    }

    private CompletionStage<List<Object>> run(
            RedisClusterAsyncCommands<String, String> commands, String lotId, List<String> keys, List<String> args) {
        return occupancyScript
                .run(commands, keys.toArray(String[]::new), args.toArray(String[]::new))
                .exceptionallyCompose(failure -> {
                    Throwable cause = unwrap(failure);
                    if (cause instanceof RedisException
                            && String.valueOf(cause.getMessage()).startsWith("UNREGISTERED")) {
                        return CompletableFuture.failedFuture(new UnregisteredLotException(lotId));
                    }
                    return CompletableFuture.failedFuture(cause);
                });
    }

    /**
     * The stage, with Redis out of reach reported as {@link StorageUnavailableException}. Errors
     * Redis answered with (a script's own refusal, a bug in a script) stay as they are, except
     * those by which a server says it cannot serve right now.
     */
    private static <T> CompletionStage<T> guarded(CompletionStage<T> stage) {
        return stage.exceptionallyCompose(failure -> CompletableFuture.failedFuture(translate(unwrap(failure))));
    }

    private static Throwable translate(Throwable cause) {
        if (cause instanceof RedisCommandExecutionException refused) {
            return notServing(refused) ? unavailable("Redis cannot serve now", cause) : cause;
        }
        if (cause instanceof RedisCommandTimeoutException) {
            return unavailable("Redis did not answer in time", cause);
        }
        if (cause instanceof RedisException || cause instanceof IOException) {
            // RedisConnectionException, "Connection closed", "Currently not connected" (commands
            // are rejected while disconnected)
            return unavailable("Redis cannot be reached", cause);
        }
        return cause;
    }

    private static boolean notServing(RedisCommandExecutionException refused) {
        if (refused instanceof RedisLoadingException
                || refused instanceof RedisBusyException
                || refused instanceof RedisReadOnlyException) {
            return true;
        }
        String message = String.valueOf(refused.getMessage());
        return message.startsWith("MASTERDOWN") || message.startsWith("CLUSTERDOWN") || message.startsWith("TRYAGAIN");
    }

    private static StorageUnavailableException unavailable(String why, Throwable cause) {
        return new StorageUnavailableException(
                "Redis", why + " (" + cause.getClass().getSimpleName() + ": " + cause.getMessage() + ")", cause);
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    private static EventOutcome toOutcome(String eventId, String code) {
        if (code.equals("D")) {
            return EventOutcome.duplicate(eventId);
        }
        return code.length() == 1
                ? EventOutcome.accepted(eventId)
                : EventOutcome.flagged(eventId, GateEventFlag.ofCode(code.substring(1)));
    }

    /** Parses 'status|plate|driver|createdAt|expiresAt|endedAt'. */
    private static Hold toHold(String id, String lotId, String record) {
        String[] f = record.split("\\|", -1);
        return new Hold(
                id,
                lotId,
                f[1],
                f[2],
                HoldStatus.valueOf(f[0]),
                Instant.ofEpochMilli(Long.parseLong(f[3])),
                Instant.ofEpochMilli(Long.parseLong(f[4])),
                f[5].isEmpty() ? null : Instant.ofEpochMilli(Long.parseLong(f[5])));
    }

    private static LotOccupancy toOccupancy(String lotId, List<Object> reply) {
        return new LotOccupancy(
                lotId,
                toInt(reply.get(1)),
                toInt(reply.get(2)),
                toInt(reply.get(3)),
                toInt(reply.get(4)),
                toInt(reply.get(5)) == 1,
                Instant.ofEpochMilli((Long) reply.get(6)),
                Instant.ofEpochMilli((Long) reply.get(7)),
                (Long) reply.get(8));
    }

    private static Optional<LotOccupancy> readState(String lotId, List<KeyValue<String, String>> values) {
        if (!values.get(0).hasValue()) {
            return Optional.empty();
        }
        long[] v = new long[STATE_FIELDS.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = values.get(i).hasValue() ? Long.parseLong(values.get(i).getValue()) : 0L;
        }
        return Optional.of(new LotOccupancy(
                lotId,
                (int) v[0],
                (int) v[1],
                (int) v[2],
                (int) v[3],
                v[4] == 1,
                Instant.ofEpochMilli(v[5]),
                Instant.ofEpochMilli(v[6]),
                v[7]));
    }

    private static int toInt(Object value) {
        return Math.toIntExact((Long) value);
    }

    private static String millis(Instant instant) {
        return Long.toString(instant.toEpochMilli());
    }
}
