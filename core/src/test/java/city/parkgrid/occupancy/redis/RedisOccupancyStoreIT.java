package city.parkgrid.occupancy.redis;

import static org.assertj.core.api.Assertions.assertThat;

import city.parkgrid.occupancy.GateEvent;
import city.parkgrid.occupancy.GateEventFlag;
import city.parkgrid.occupancy.GateEventType;
import city.parkgrid.occupancy.Hold;
import city.parkgrid.occupancy.HoldIds;
import city.parkgrid.occupancy.HoldRequest;
import city.parkgrid.occupancy.HoldStatus;
import city.parkgrid.occupancy.IngestionResult;
import city.parkgrid.occupancy.LotCheckpoint;
import city.parkgrid.occupancy.OccupancyStore;
import city.parkgrid.occupancy.OccupancyStoreContract;
import city.parkgrid.occupancy.SeenEvents;
import city.parkgrid.testing.TestServices;
import city.parkgrid.testing.TestServices.RedisTopology;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The store contract against a real standalone Redis, plus what only Redis can show;
 * {@link RedisClusterOccupancyStoreIT} runs the same against the Redis Cluster.
 */
class RedisOccupancyStoreIT extends OccupancyStoreContract {

    protected String prefix;

    /** Which Redis this class runs against. */
    protected RedisTopology topology() {
        return RedisTopology.STANDALONE;
    }

    protected final RedisClusterCommands<String, String> redis() {
        return TestServices.redis(topology()).sync();
    }

    @Override
    protected OccupancyStore newStore() {
        prefix = TestServices.uniquePrefix();
        return new RedisOccupancyStore(TestServices.redis(topology()), prefix, SETTINGS);
    }

    @AfterEach
    void deleteKeys() {
        TestServices.deleteKeys(prefix);
    }

    @Test
    void aCheckpointPutBackIntoARedisThatLostTheLotLeavesItAsItWas() {
        String lotId = newLot(10);
        Instant t = T0.plusSeconds(60);
        join(store.applyGateEvents(
                lotId,
                List.of(
                        new GateEvent("e1", GateEventType.ENTRY, "沪A11111", t, "g1"),
                        new GateEvent("e2", GateEventType.ENTRY, "沪A22222", t, "g1"),
                        new GateEvent("e3", GateEventType.EXIT, "沪A22222", t.plusSeconds(1), "g1"),
                        // an exit without its entry: an orphan waiting for its late entry
                        new GateEvent("e4", GateEventType.EXIT, "沪A33333", t.plusSeconds(2), "g1")),
                t.plusSeconds(3)));
        String held = HoldIds.newId(lotId);
        String cancelled = HoldIds.newId(lotId);
        join(store.hold(new HoldRequest(held, lotId, "沪H00001", "d1", t.plusSeconds(900)), t.plusSeconds(4)));
        join(store.hold(new HoldRequest(cancelled, lotId, "沪H00002", "d2", t.plusSeconds(900)), t.plusSeconds(5)));
        join(store.endHold(cancelled, HoldStatus.CANCELLED, t.plusSeconds(6)));
        join(store.configureLot(lotId, false, 1, t.plusSeconds(7)));
        Instant now = t.plusSeconds(8);
        LotCheckpoint checkpoint = join(store.checkpointLot(lotId, now)).orElseThrow();
        var before = join(store.findOccupancy(lotId)).orElseThrow();
        assertThat(checkpoint.version()).isEqualTo(before.version());
        Hold heldBefore = join(store.findHold(held, now)).orElseThrow();
        Hold cancelledBefore = join(store.findHold(cancelled, now)).orElseThrow();

        TestServices.deleteKeys(prefix); // Redis lost everything
        assertThat(join(store.findOccupancy(lotId))).isEmpty();
        assertThat(join(store.checkpointLot(lotId, now)))
                .as("a lot Redis does not hold")
                .isEmpty();
        Instant later = now.plusSeconds(30);
        assertThat(join(store.restoreCheckpoint(checkpoint, later)))
                .containsExactly(Map.entry(held, t.plusSeconds(900)));

        assertThat(join(store.findOccupancy(lotId))).contains(before);
        assertThat(join(store.findHold(held, later))).contains(heldBefore);
        assertThat(join(store.findHold(cancelled, later))).contains(cancelledBefore);
        IngestionResult after = join(store.applyGateEvents(
                lotId,
                List.of(
                        new GateEvent("e1", GateEventType.ENTRY, "沪A11111", t, "g1"),
                        new GateEvent("e5", GateEventType.ENTRY, "沪A11111", t.plusSeconds(20), "g1"),
                        new GateEvent("e6", GateEventType.ENTRY, "沪A33333", t.plusSeconds(1), "g1")),
                later));
        assertThat(after.outcomes())
                .extracting(o -> o.result() + "/" + o.flag())
                .as("the event ids, the plate inside and the orphan exit are remembered")
                .containsExactly(
                        "DUPLICATE/null",
                        "ACCEPTED/" + GateEventFlag.ALREADY_INSIDE,
                        "ACCEPTED/" + GateEventFlag.LATE_ENTRY);
        assertThat(after.occupancy().version()).as("the versions go on").isEqualTo(before.version() + 1);
        assertThat(join(store.listExpiredHolds(t.plusSeconds(901), 10)))
                .as("the expiry index holds the hold again")
                .contains(held);
    }

    @Test
    void registrationsAreNoLongerIntactOnceRedisLostItsData() {
        assertThat(join(store.registrationsIntact())).as("never marked").isFalse();
        assertThat(join(store.registrationEpoch())).as("never marked").isEmpty();
        newLot(10);
        join(store.markRegistered(3));
        assertThat(join(store.registrationsIntact())).isTrue();
        TestServices.deleteKeys(prefix); // Redis restarted empty, for this prefix alone
        assertThat(join(store.registrationsIntact())).isFalse();
        assertThat(join(store.registrationEpoch())).isEmpty();
    }

    @Test
    void oneLotsKeysShareAHashTagAndItsDailySetOfEventIdsExpiresWithItsLastId() {
        String lot = newLot(10);
        Instant now = T0.plus(Duration.ofMinutes(1));
        join(store.applyGateEvents(lot, List.of(new GateEvent("e1", GateEventType.ENTRY, "沪A10001", T0, null)), now));
        var redis = redis();
        List<String> keys = redis.keys(prefix + ":lot:{" + lot + "}:*");
        // state, the plate's presence, the plates index a checkpoint reads, today's set of ids
        assertThat(keys).hasSize(4).allMatch(k -> k.contains("{" + lot + "}"));
        assertThat(redis.zscore(prefix + ":lot:{" + lot + "}:plates", "沪A10001"))
                .as("the index keeps the plate until its presence key expires")
                .isNotNull();
        String today = prefix + ":lot:{" + lot + "}:seen:" + SeenEvents.day(now.toEpochMilli());
        assertThat(keys).contains(today).noneMatch(k -> k.contains(":event:"));
        long window = SETTINGS.dedupeWindow().plus(SETTINGS.maxClockSkew()).toMillis();
        long dayEnd = (SeenEvents.day(now.toEpochMilli()) + 1) * SeenEvents.DAY_MILLIS;
        assertThat(redis.pttl(today))
                .as("until the last id the day can hold is forgotten: the day's end plus the window and skew")
                .isBetween(dayEnd + window - now.toEpochMilli() - 60_000, dayEnd + window - now.toEpochMilli());
    }

    /**
     * A busy lot's bucket spills into sub-buckets past 128 entries (issue 17: a call's cost no longer
     * grows with the day's ids): every id stays a duplicate across the spill, the bucket holds the
     * marker, and an entry an earlier script appended after the marker is still read. The bucket is
     * the one whose entries may start with the byte 'S' (fingerprints 0x50–0x53…), and its first
     * entry does, so a short unspilled bucket is not taken for a spilled one.
     */
    @Test
    void aBucketThatOutgrowsItsSizeSpillsAndEveryIdInItStaysADuplicate() {
        String lot = newLot(10_000);
        Instant now = T0.plus(Duration.ofMinutes(5));
        int bucket = 0x53 >> 2;
        List<String> ids = new ArrayList<>();
        for (int i = 0; ids.size() < 202; i++) {
            long fingerprint = SeenEvents.fingerprint("spill-" + i);
            int top = (int) (fingerprint >>> 56);
            // the first id's entry starts with 'S' itself
            if ((ids.isEmpty() && top == 0x53) || (!ids.isEmpty() && top >> 2 == bucket)) {
                ids.add("spill-" + i);
            }
        }
        String legacy = ids.remove(ids.size() - 1);
        String today = prefix + ":lot:{" + lot + "}:seen:" + SeenEvents.day(now.toEpochMilli());
        List<GateEvent> first = entries(ids.subList(0, 1), now);
        assertThat(outcomes(join(store.applyGateEvents(lot, first, now)))).containsExactly("ACCEPTED");
        assertThat(outcomes(join(store.applyGateEvents(lot, first, now))))
                .as("a bucket of one entry starting with 'S' is not a spilled one")
                .containsExactly("DUPLICATE");
        for (int from = 1; from < ids.size(); from += 50) {
            List<GateEvent> batch = entries(ids.subList(from, Math.min(ids.size(), from + 50)), now);
            assertThat(outcomes(join(store.applyGateEvents(lot, batch, now)))).containsOnly("ACCEPTED");
        }
        var bytes = TestServices.redis(topology()).bytes();
        byte[] key = today.getBytes(StandardCharsets.UTF_8);
        byte[] marker = join(bytes.hget(key, Integer.toString(bucket).getBytes(StandardCharsets.UTF_8)));
        assertThat(marker).as("the spilled bucket holds the marker alone").containsExactly('S');
        assertThat(redis().hkeys(today)).anyMatch(field -> field.startsWith(bucket + "."));
        // an earlier script, not knowing the marker, appends its entry after it
        long remembered = now.plus(SETTINGS.dedupeWindow()).toEpochMilli()
                - SeenEvents.day(now.toEpochMilli()) * SeenEvents.DAY_MILLIS;
        byte[] appended = ByteBuffer.allocate(13)
                .put((byte) 'S')
                .putLong(SeenEvents.fingerprint(legacy))
                .putInt((int) remembered)
                .array();
        join(bytes.hset(key, Integer.toString(bucket).getBytes(StandardCharsets.UTF_8), appended));
        List<GateEvent> all = entries(ids, now);
        all.addAll(entries(List.of(legacy), now));
        IngestionResult resent = join(store.applyGateEvents(lot, all, now.plusSeconds(1)));
        assertThat(outcomes(resent)).hasSize(202).containsOnly("DUPLICATE");
        assertThat(resent.occupancy().occupied()).isEqualTo(201);
        assertThat(outcomes(join(store.applyGateEvents(lot, entries(List.of("spill-new"), now), now))))
                .containsExactly("ACCEPTED");
    }

    private static List<GateEvent> entries(List<String> ids, Instant at) {
        List<GateEvent> events = new ArrayList<>();
        for (String id : ids) {
            events.add(new GateEvent(id, GateEventType.ENTRY, "沪S" + id.substring(id.indexOf('-') + 1), at, null));
        }
        return events;
    }

    private static List<String> outcomes(IngestionResult result) {
        return result.outcomes().stream().map(o -> o.result().name()).toList();
    }

    /**
     * Upgrade: the script before the daily sets left one key per event id, holding the time it is
     * remembered until (or '1', older still, its TTL deciding). Until those keys expire, a resend
     * of such an id is still a duplicate; once the window has passed it is a new id again.
     */
    @Test
    void anEventIdRememberedByTheEarlierPerEventKeyIsStillADuplicateUntilThatKeyExpires() {
        var redis = redis();
        Instant now = T0.plus(Duration.ofHours(1));
        long window = SETTINGS.dedupeWindow().plus(SETTINGS.maxClockSkew()).toMillis();
        String lot = newLot(10);
        String base = prefix + ":lot:{" + lot + "}:event:";
        redis.psetex(base + "old-1", window, Long.toString(now.toEpochMilli() + window));
        redis.psetex(base + "old-2", window, "1");
        IngestionResult resent = join(store.applyGateEvents(
                lot,
                List.of(
                        new GateEvent("old-1", GateEventType.ENTRY, "沪A10001", T0, null),
                        new GateEvent("old-2", GateEventType.ENTRY, "沪A10002", T0, null),
                        new GateEvent("new-1", GateEventType.ENTRY, "沪A10003", T0, null)),
                now));
        assertThat(resent.outcomes())
                .extracting(o -> o.result().name())
                .containsExactly("DUPLICATE", "DUPLICATE", "ACCEPTED");
        assertThat(resent.occupancy().occupied()).isEqualTo(1);
        assertThat(redis.exists(base + "new-1"))
                .as("no per-event key is written any more")
                .isZero();
        IngestionResult later = join(store.applyGateEvents(
                lot,
                List.of(new GateEvent("old-1", GateEventType.EXIT, "沪A10001", now.plusMillis(window), null)),
                now.plusMillis(window)));
        assertThat(later.outcomes().get(0).result().name())
                .as("the earlier key's time has passed: a new id")
                .isEqualTo("ACCEPTED");
    }

    @Test
    void aPlatesHoldPointerLivesUntilTheHoldsExpiryPlusItsRetention() {
        Duration lifetime = Hold.plateHoldLifetime(T0.plus(Duration.ofMinutes(15)), T0);
        join(store.swapPlateHold("沪A10001", "a.aaaaaaaaaaaaaaaa", T0.plus(Duration.ofMinutes(15)), T0));
        long ttl = redis().pttl(prefix + ":plate:{沪A10001}:hold");
        assertThat(ttl).isBetween(lifetime.toMillis() - 60_000, lifetime.toMillis());
    }

    @Test
    void aNewStoreOnTheSameRedisSeesTheSameState() {
        String lot = newLot(10);
        join(store.applyGateEvents(
                lot,
                List.of(new GateEvent("e1", GateEventType.ENTRY, "沪A10001", T0, null)),
                T0.plus(Duration.ofMinutes(1))));
        OccupancyStore restarted = new RedisOccupancyStore(TestServices.redis(topology()), prefix, SETTINGS);
        assertThat(join(restarted.findOccupancy(lot)).orElseThrow().occupied()).isEqualTo(1);
        var again = join(restarted.applyGateEvents(
                lot,
                List.of(new GateEvent("e1", GateEventType.ENTRY, "沪A10001", T0, null)),
                T0.plus(Duration.ofMinutes(2))));
        assertThat(again.occupancy().occupied()).isEqualTo(1);
    }

    /**
     * A rolling deploy reads what the script before wrote: an exit without entry that it counted
     * out, in either earlier format (with the time the value counts until, and without, when its TTL
     * decides), still waits for its late entry across a re-entry, and keeps the time it was given.
     */
    @Test
    void anOrphanExitWrittenByAnEarlierScriptStillWaitsForItsLateEntryAcrossAReEntry() {
        var redis = redis();
        Instant now = T0.plus(Duration.ofHours(1));
        long wait = SETTINGS.dedupeWindow().plus(SETTINGS.maxClockSkew()).toMillis();
        for (boolean withUntil : List.of(true, false)) {
            String lot = newLot(10);
            // the earlier script counted the exit at minute 30 out of three cars
            join(store.applySnapshot(lot, 2, T0, T0));
            String plateKey = prefix + ":lot:{" + lot + "}:plate:沪A10001";
            long exitAt = T0.plus(Duration.ofMinutes(30)).toEpochMilli();
            redis.psetex(plateKey, wait, "O:" + exitAt + ":1" + (withUntil ? ":" + (now.toEpochMilli() + wait) : ""));
            IngestionResult reentry = join(store.applyGateEvents(
                    lot,
                    List.of(new GateEvent("n2", GateEventType.ENTRY, "沪A10001", T0.plus(Duration.ofMinutes(60)), null)),
                    now));
            assertThat(reentry.outcomes().get(0).flag()).isNull();
            assertThat(reentry.occupancy().occupied()).isEqualTo(3);
            assertThat(redis.get(plateKey))
                    .as("inside, the orphan exit carried")
                    .startsWith("I:" + T0.plus(Duration.ofMinutes(60)).toEpochMilli() + ":1:");
            IngestionResult late = join(store.applyGateEvents(
                    lot,
                    List.of(new GateEvent("n1", GateEventType.ENTRY, "沪A10001", T0.plus(Duration.ofMinutes(10)), null)),
                    now));
            assertThat(late.outcomes().get(0).flag()).isEqualTo(GateEventFlag.LATE_ENTRY);
            assertThat(late.occupancy().occupied()).isEqualTo(4);
            assertThat(redis.pttl(plateKey)).as("inside: the presence memory").isGreaterThan(wait);
        }
    }

    @Test
    void runsTheScriptAgainAfterRedisForgetsIt() {
        String lot = newLot(10);
        redis().scriptFlush();
        var result = join(store.applyGateEvents(
                lot,
                List.of(new GateEvent("e1", GateEventType.ENTRY, "沪A10001", T0, null)),
                T0.plus(Duration.ofMinutes(1))));
        assertThat(result.occupancy().occupied()).isEqualTo(1);
    }
}
