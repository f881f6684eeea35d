package city.parkgrid.occupancy.memory;

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
import city.parkgrid.occupancy.LotOccupancy;
import city.parkgrid.occupancy.LotStatus;
import city.parkgrid.occupancy.OccupancySettings;
import city.parkgrid.occupancy.OccupancyStore;
import city.parkgrid.occupancy.Presence;
import city.parkgrid.occupancy.PresenceRules;
import city.parkgrid.occupancy.SeenEvents;
import city.parkgrid.occupancy.SnapshotResult;
import city.parkgrid.occupancy.UnregisteredLotException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Live occupancy in this JVM's memory, for {@code dev} mode and fast tests. Thread-safe: each lot
 * is changed under its own lock, which makes each change atomic as in Redis, and follows the same
 * rules as {@code occupancy.lua}, judged on the {@code now} passed in as the script judges them
 * (the shared contract test and {@code OccupancyDifferentialIT} hold the two together). Nothing
 * survives a restart and nothing is shared between nodes, which is why {@code serve} uses Redis.
 */
public final class InMemoryOccupancyStore implements OccupancyStore {

    /**
     * Redis orders members of equal score by their bytes; so does this store wherever such an order
     * shows (the sweeper's list, which holds a closure cancels).
     */
    private static final Comparator<String> BY_BYTES =
            (a, b) -> Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

    /** The order of the script's zsets: by score, then by member. */
    private static final Comparator<Hold> BY_EXPIRY =
            Comparator.comparing(Hold::expiresAt).thenComparing(Hold::id, BY_BYTES);

    private static final Comparator<Hold> BY_END =
            Comparator.comparing(Hold::endedAt).thenComparing(Hold::id, BY_BYTES);

    private final OccupancySettings settings;
    private final Map<String, LotMemory> lots = new ConcurrentHashMap<>();
    private final Map<String, PlatePointer> plateHolds = new ConcurrentHashMap<>();
    private final Map<String, Instant> due = new ConcurrentHashMap<>();
    private final Map<String, PlateLock> plateLocks = new ConcurrentHashMap<>();
    /** Per driver: plate → until when it counts among the driver's held plates. */
    private final Map<String, Map<String, Instant>> driverPlates = new ConcurrentHashMap<>();
    /** Per driver: the allocation window's start (ms) and how many were asked in it. */
    private final Map<String, long[]> driverAllocations = new ConcurrentHashMap<>();

    /** Measures the two leases (plate locks and plate pointers) as Redis does its PX: in real time. */
    private final LongSupplier nanoTime;

    public InMemoryOccupancyStore(OccupancySettings settings) {
        this(settings, System::nanoTime);
    }

    /** For tests that move the leases' clock on; every rule still follows the {@code now} passed in. */
    InMemoryOccupancyStore(OccupancySettings settings, LongSupplier nanoTime) {
        this.settings = settings;
        this.nanoTime = nanoTime;
    }

    /** A lot's state, what it remembers of event ids and plates, and its holds. */
    private static final class LotMemory {
        LotOccupancy state;
        /** Per day of receipt, the fingerprints of the event ids seen then, with their expiry (as Redis keeps them). */
        final NavigableMap<Long, Map<Long, Long>> seenByDay = new TreeMap<>();

        final Map<String, Remembered> presence = new HashMap<>();
        final Map<String, Hold> holds = new HashMap<>();
        /**
         * The HELD holds by expiry and the ended ones by end, as the script's two sorted sets: a
         * day's holds stay readable for a day, so expiring and forgetting by a scan of them all
         * would make every operation grow with the day.
         */
        final NavigableSet<Hold> heldByExpiry = new TreeSet<>(BY_EXPIRY);

        final NavigableSet<Hold> endedByEnd = new TreeSet<>(BY_END);
        final Map<String, String> heldByPlate = new HashMap<>();
        boolean changed;
        boolean closed;
        int reserved;

        LotMemory(LotOccupancy state) {
            this.state = state;
        }

        int held() {
            return heldByPlate.size();
        }

        Hold finish(String holdId, HoldStatus status, Instant now) {
            Hold hold = holds.get(holdId);
            if (hold == null || hold.status().isFinal()) {
                return hold;
            }
            Hold ended = hold.ended(status, now);
            put(ended);
            heldByPlate.remove(hold.plate(), holdId);
            changed = true;
            return ended;
        }

        /** Keeps a hold, in place of any earlier one of its id, in the index of its status. */
        void put(Hold hold) {
            Hold previous = holds.put(hold.id(), hold);
            if (previous != null) {
                (previous.status() == HoldStatus.HELD ? heldByExpiry : endedByEnd).remove(previous);
            }
            (hold.status() == HoldStatus.HELD ? heldByExpiry : endedByEnd).add(hold);
        }

        /** Expires due holds and forgets ended ones past retention, as the script does first. */
        void housekeeping(Instant now) {
            while (!heldByExpiry.isEmpty() && !heldByExpiry.first().expiresAt().isAfter(now)) {
                finish(heldByExpiry.first().id(), HoldStatus.EXPIRED, now);
            }
            Instant forgetBefore = now.minus(Hold.RETENTION_AFTER_END);
            while (!endedByEnd.isEmpty() && !endedByEnd.first().endedAt().isAfter(forgetBefore)) {
                Hold forgotten = endedByEnd.pollFirst();
                holds.remove(forgotten.id(), forgotten);
            }
            if (presence.size() > 100_000) {
                long nowMillis = now.toEpochMilli();
                presence.values().removeIf(r -> r.expiresAt <= nowMillis);
            }
        }

        /** Whether a day still remembers the fingerprint; days past remembering are dropped whole. */
        boolean remembers(long fingerprint, long nowMillis, Duration memory) {
            long firstDay = SeenEvents.firstDay(nowMillis, memory);
            seenByDay.headMap(firstDay).clear();
            for (Map<Long, Long> day : seenByDay.tailMap(firstDay, true).values()) {
                Long expiry = day.get(fingerprint);
                if (expiry != null && expiry > nowMillis) {
                    return true;
                }
            }
            return false;
        }

        /** Publishes the counts as they are after an operation; bumps the version if anything changed. */
        LotOccupancy commit(int occupied, long asOfMillis, Instant now) {
            LotOccupancy s = state;
            if (changed) {
                state = new LotOccupancy(
                        s.lotId(),
                        s.capacity(),
                        occupied,
                        held(),
                        reserved,
                        closed,
                        Instant.ofEpochMilli(asOfMillis),
                        now,
                        s.version() + 1);
                changed = false;
            }
            return state;
        }
    }

    private record Remembered(Presence presence, long expiresAt) {}

    private interface LotWork<T> {
        T run(LotMemory lot);
    }

    /** Runs work on a registered lot under its lock, after the same housekeeping as the script. */
    private <T> CompletionStage<T> onLot(String lotId, Instant now, LotWork<T> work) {
        LotMemory memory = lots.get(lotId);
        if (memory == null) {
            return CompletableFuture.failedFuture(new UnregisteredLotException(lotId));
        }
        synchronized (memory) {
            memory.housekeeping(now);
            return CompletableFuture.completedFuture(work.run(memory));
        }
    }

    @Override
    public CompletionStage<LotOccupancy> registerLot(String lotId, int capacity, Instant now) {
        return registerLotChange(lotId, capacity, now).thenApply(LotChange::occupancy);
    }

    @Override
    public CompletionStage<LotChange> registerLotChange(String lotId, int capacity, Instant now) {
        boolean[] created = {false};
        LotMemory memory = lots.computeIfAbsent(lotId, id -> {
            created[0] = true;
            return new LotMemory(new LotOccupancy(id, capacity, 0, 0, 0, false, Instant.EPOCH, now, 1));
        });
        synchronized (memory) {
            boolean changed = created[0] || memory.state.capacity() != capacity;
            LotOccupancy s = memory.state;
            if (s.capacity() != capacity) {
                memory.state = new LotOccupancy(
                        lotId,
                        capacity,
                        s.occupied(),
                        s.held(),
                        s.reserved(),
                        s.closed(),
                        s.asOf(),
                        now,
                        s.version() + 1);
            }
            return CompletableFuture.completedFuture(new LotChange(memory.state, changed));
        }
    }

    @Override
    public CompletionStage<LotOccupancy> configureLot(String lotId, boolean closed, int reserved, Instant now) {
        return configureLotChange(lotId, closed, reserved, now).thenApply(LotChange::occupancy);
    }

    @Override
    public CompletionStage<LotChange> configureLotChange(String lotId, boolean closed, int reserved, Instant now) {
        return onLot(lotId, now, memory -> {
            // as the script: the run changed the lot iff commit moves its version (expired holds
            // finished by the housekeeping included)
            long before = memory.state.version();
            if (memory.closed != closed || memory.reserved != reserved) {
                memory.closed = closed;
                memory.reserved = reserved;
                memory.changed = true;
            }
            // as the script: holds in a closed lot or on reserved spaces are cancelled, newest first
            int excess = closed
                    ? memory.held()
                    : memory.state.occupied() + memory.held() + reserved - memory.state.capacity();
            memory.heldByExpiry.descendingSet().stream()
                    .limit(Math.max(0, excess))
                    .map(Hold::id)
                    .toList()
                    .forEach(id -> memory.finish(id, HoldStatus.CANCELLED, now));
            LotOccupancy after =
                    memory.commit(memory.state.occupied(), memory.state.asOf().toEpochMilli(), now);
            return new LotChange(after, after.version() != before);
        });
    }

    @Override
    public CompletionStage<IngestionResult> applyGateEvents(String lotId, List<GateEvent> events, Instant now) {
        return onLot(lotId, now, memory -> {
            long nowMillis = now.toEpochMilli();
            int occupied = memory.state.occupied();
            long asOf = memory.state.asOf().toEpochMilli();
            List<EventOutcome> outcomes = new ArrayList<>(events.size());
            for (GateEvent event : events) {
                long fingerprint = SeenEvents.fingerprint(event.eventId());
                if (memory.remembers(fingerprint, nowMillis, eventMemory())) {
                    outcomes.add(EventOutcome.duplicate(event.eventId()));
                    continue;
                }
                memory.seenByDay
                        .computeIfAbsent(SeenEvents.day(nowMillis), day -> new HashMap<>())
                        .merge(fingerprint, nowMillis + eventMemory().toMillis(), Math::max);
                long at = event.at().toEpochMilli();
                Remembered remembered = memory.presence.get(event.plate());
                Presence known = remembered != null && remembered.expiresAt > nowMillis ? remembered.presence : null;
                PresenceRules.Step step =
                        PresenceRules.apply(known, event.type(), at, occupied, memory.state.capacity());
                occupied += step.occupiedDelta();
                if (step.next() != null) {
                    memory.presence.put(
                            event.plate(), new Remembered(step.next(), expiryOf(step, remembered, nowMillis)));
                }
                GateEventFlag flag = step.flag();
                if (event.type() == GateEventType.ENTRY
                        && step.occupiedDelta() == 1
                        && flag != GateEventFlag.LATE_ENTRY) {
                    String holdId = memory.heldByPlate.get(event.plate());
                    if (holdId != null) {
                        memory.finish(holdId, HoldStatus.FULFILLED, now);
                        flag = GateEventFlag.FULFILLED_HOLD;
                    }
                }
                asOf = Math.max(asOf, at);
                memory.changed = true;
                outcomes.add(
                        flag == null
                                ? EventOutcome.accepted(event.eventId())
                                : EventOutcome.flagged(event.eventId(), flag));
            }
            return new IngestionResult(outcomes, memory.commit(occupied, asOf, now));
        });
    }

    /**
     * Same lifetimes as the Redis script: inside for the presence memory; left as long as an event
     * id is remembered (the dedupe window plus the clock skew), so that the entry of that visit,
     * which may come as late as any event still accepted, finds the exit. An orphan exit carried
     * on through later events keeps at least the time it was given, for the same reason.
     */
    private long expiryOf(PresenceRules.Step step, Remembered previous, long now) {
        if (step.flag() == GateEventFlag.LATE_ENTRY) {
            return previous.expiresAt;
        }
        long until = now + (step.next().inside() ? settings.presenceMemory() : eventMemory()).toMillis();
        return step.next().orphanExit() && previous != null ? Math.max(until, previous.expiresAt) : until;
    }

    private Duration eventMemory() {
        return settings.dedupeWindow().plus(settings.maxClockSkew());
    }

    @Override
    public CompletionStage<SnapshotResult> applySnapshot(String lotId, int occupied, Instant at, Instant now) {
        return onLot(lotId, now, memory -> {
            LotOccupancy s = memory.state;
            if (at.isBefore(s.asOf())) {
                return new SnapshotResult(
                        false, memory.commit(s.occupied(), s.asOf().toEpochMilli(), now));
            }
            memory.changed = true;
            return new SnapshotResult(true, memory.commit(occupied, at.toEpochMilli(), now));
        });
    }

    @Override
    public CompletionStage<HoldResult> hold(HoldRequest request, Instant now) {
        due.put(request.holdId(), request.expiresAt());
        return onLot(request.lotId(), now, memory -> {
            LotOccupancy s = memory.state;
            String previous = memory.heldByPlate.get(request.plate());
            if (previous != null) {
                memory.finish(previous, HoldStatus.CANCELLED, now);
            }
            LotStatus refusal = memory.closed
                    ? LotStatus.CLOSED
                    : s.occupied() + memory.held() + memory.reserved >= s.capacity() ? LotStatus.FULL : null;
            Hold granted = null;
            if (refusal == null) {
                granted = new Hold(
                        request.holdId(),
                        request.lotId(),
                        request.plate(),
                        request.driverId(),
                        HoldStatus.HELD,
                        now,
                        request.expiresAt(),
                        null);
                memory.put(granted);
                memory.heldByPlate.put(granted.plate(), granted.id());
                memory.changed = true;
            }
            return new HoldResult(
                    granted, refusal, memory.commit(s.occupied(), s.asOf().toEpochMilli(), now));
        });
    }

    @Override
    public CompletionStage<Optional<Hold>> findHold(String holdId, Instant now) {
        return onHold(holdId, now, (memory, hold) -> hold);
    }

    @Override
    public CompletionStage<Optional<Hold>> endHold(String holdId, HoldStatus endAs, Instant now) {
        return onHold(
                        holdId,
                        now,
                        (memory, hold) ->
                                endAs == HoldStatus.CANCELLED ? memory.finish(holdId, HoldStatus.CANCELLED, now) : hold)
                .thenApply(found -> {
                    if (found.isEmpty() || found.get().status().isFinal()) {
                        due.remove(holdId);
                    }
                    return found;
                });
    }

    private interface HoldWork {
        Hold run(LotMemory lot, Hold hold);
    }

    private CompletionStage<Optional<Hold>> onHold(String holdId, Instant now, HoldWork work) {
        Optional<String> lotId = HoldIds.lotOf(holdId);
        if (lotId.isEmpty() || !lots.containsKey(lotId.get())) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        return onLot(lotId.get(), now, memory -> {
            Hold hold = memory.holds.get(holdId);
            Optional<Hold> result = hold == null ? Optional.empty() : Optional.of(work.run(memory, hold));
            memory.commit(memory.state.occupied(), memory.state.asOf().toEpochMilli(), now);
            return result;
        });
    }

    @Override
    public CompletionStage<Optional<String>> swapPlateHold(
            String plate, String holdId, Instant expiresAt, Instant now) {
        long at = nanoTime.getAsLong();
        // kept as long as the script's SET … PX keeps it, so a lapsed pointer is gone here too
        PlatePointer previous = plateHolds.put(
                plate,
                new PlatePointer(
                        holdId, at + Hold.plateHoldLifetime(expiresAt, now).toNanos()));
        return CompletableFuture.completedFuture(
                previous == null || previous.lapsed(at) || previous.holdId().equals(holdId)
                        ? Optional.empty()
                        : Optional.of(previous.holdId()));
    }

    private record PlatePointer(String holdId, long expiresAtNanos) {

        boolean lapsed(long nowNanos) {
            return expiresAtNanos - nowNanos <= 0;
        }
    }

    /** The plate's pointer unless its lease has lapsed (then it is dropped, as Redis drops the key). */
    private PlatePointer pointer(String plate) {
        long at = nanoTime.getAsLong();
        return plateHolds.computeIfPresent(plate, (p, pointer) -> pointer.lapsed(at) ? null : pointer);
    }

    @Override
    public CompletionStage<Boolean> tryLockPlate(String plate, String token, Duration ttl) {
        long now = nanoTime.getAsLong();
        boolean[] taken = {false};
        plateLocks.compute(plate, (p, held) -> {
            if (held == null || held.expiresAtNanos() - now < 0) {
                taken[0] = true;
                return new PlateLock(token, now + ttl.toNanos());
            }
            return held;
        });
        return CompletableFuture.completedFuture(taken[0]);
    }

    @Override
    public CompletionStage<Void> unlockPlate(String plate, String token) {
        plateLocks.computeIfPresent(plate, (p, held) -> held.token().equals(token) ? null : held);
        return CompletableFuture.completedFuture(null);
    }

    private record PlateLock(String token, long expiresAtNanos) {}

    @Override
    public CompletionStage<Optional<String>> findPlateHold(String plate) {
        return CompletableFuture.completedFuture(
                Optional.ofNullable(pointer(plate)).map(PlatePointer::holdId));
    }

    @Override
    public CompletionStage<Void> clearPlateHold(String plate, String holdId) {
        PlatePointer current = pointer(plate);
        if (current != null && current.holdId().equals(holdId)) {
            plateHolds.remove(plate, current);
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Boolean> claimDriverPlate(
            String driverId, String plate, Instant expiresAt, int maxPlates, Instant now) {
        boolean[] granted = {false};
        driverPlates.compute(driverId, (d, held) -> {
            Map<String, Instant> plates = held == null ? new HashMap<>() : held;
            plates.values().removeIf(until -> !until.isAfter(now));
            Instant counted = plates.get(plate);
            if (counted != null) {
                plates.put(plate, counted.isAfter(expiresAt) ? counted : expiresAt);
                granted[0] = true;
            } else if (plates.size() < maxPlates) {
                plates.put(plate, expiresAt);
                granted[0] = true;
            }
            return plates.isEmpty() ? null : plates;
        });
        return CompletableFuture.completedFuture(granted[0]);
    }

    @Override
    public CompletionStage<Void> releaseDriverPlate(String driverId, String plate) {
        driverPlates.computeIfPresent(driverId, (d, plates) -> {
            plates.remove(plate);
            return plates.isEmpty() ? null : plates;
        });
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Long> countDriverAllocation(String driverId, Instant now, Duration window) {
        long start = Math.floorDiv(now.toEpochMilli(), window.toMillis()) * window.toMillis();
        long[] counted = driverAllocations.compute(
                driverId, (d, c) -> c == null || c[0] != start ? new long[] {start, 1} : new long[] {start, c[1] + 1});
        return CompletableFuture.completedFuture(counted[1]);
    }

    @Override
    public CompletionStage<List<String>> listExpiredHolds(Instant now, int limit) {
        return CompletableFuture.completedFuture(due.entrySet().stream()
                .filter(e -> !e.getValue().isAfter(now))
                .sorted(Map.Entry.<String, Instant>comparingByValue().thenComparing(Map.Entry::getKey, BY_BYTES))
                .limit(limit)
                .map(Map.Entry::getKey)
                .toList());
    }

    @Override
    public CompletionStage<Optional<LotOccupancy>> findOccupancy(String lotId) {
        LotMemory memory = lots.get(lotId);
        if (memory == null) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        synchronized (memory) {
            return CompletableFuture.completedFuture(Optional.of(memory.state));
        }
    }

    @Override
    public CompletionStage<Map<String, LotOccupancy>> listOccupancy(Collection<String> lotIds) {
        Map<String, LotOccupancy> found = new LinkedHashMap<>();
        for (String lotId : lotIds) {
            LotMemory memory = lots.get(lotId);
            if (memory != null) {
                synchronized (memory) {
                    found.put(lotId, memory.state);
                }
            }
        }
        return CompletableFuture.completedFuture(found);
    }

    /** The epoch last marked: this store cannot lose its data, but a journal over it counts restores. */
    private volatile long epoch;

    @Override
    public CompletionStage<Void> markRegistered(long epoch) {
        this.epoch = epoch;
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<java.util.OptionalLong> registrationEpoch() {
        return CompletableFuture.completedFuture(java.util.OptionalLong.of(epoch));
    }

    @Override
    public CompletionStage<Void> ping() {
        return CompletableFuture.completedFuture(null);
    }
}
