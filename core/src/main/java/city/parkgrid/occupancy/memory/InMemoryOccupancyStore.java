package city.parkgrid.occupancy.memory;

import city.parkgrid.occupancy.EventOutcome;
import city.parkgrid.occupancy.GateEvent;
import city.parkgrid.occupancy.GateEventFlag;
import city.parkgrid.occupancy.IngestionResult;
import city.parkgrid.occupancy.LotOccupancy;
import city.parkgrid.occupancy.OccupancySettings;
import city.parkgrid.occupancy.OccupancyStore;
import city.parkgrid.occupancy.Presence;
import city.parkgrid.occupancy.PresenceRules;
import city.parkgrid.occupancy.SnapshotResult;
import city.parkgrid.occupancy.UnregisteredLotException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Live occupancy in this JVM's memory, for {@code dev} mode and fast tests. Thread-safe: each lot
 * is changed under its own lock, which makes each change atomic as in Redis. Nothing survives a
 * restart and nothing is shared between nodes, which is why {@code serve} uses Redis.
 */
public final class InMemoryOccupancyStore implements OccupancyStore {

    private final OccupancySettings settings;
    private final Map<String, LotMemory> lots = new ConcurrentHashMap<>();

    public InMemoryOccupancyStore(OccupancySettings settings) {
        this.settings = settings;
    }

    /** A lot's state plus what it remembers of event ids and plates, each with an expiry. */
    private static final class LotMemory {
        LotOccupancy state;
        final Map<String, Long> eventExpiry = new HashMap<>();
        final Map<String, Remembered> presence = new HashMap<>();

        LotMemory(LotOccupancy state) {
            this.state = state;
        }

        void forgetExpired(long now) {
            eventExpiry.values().removeIf(expiry -> expiry <= now);
            presence.values().removeIf(r -> r.expiresAt <= now);
        }
    }

    private record Remembered(Presence presence, long expiresAt) {
    }

    @Override
    public CompletionStage<LotOccupancy> registerLot(String lotId, int capacity, Instant now) {
        LotMemory memory = lots.computeIfAbsent(lotId, id -> new LotMemory(
                new LotOccupancy(id, capacity, 0, 0, false, Instant.EPOCH, now, 1)));
        synchronized (memory) {
            LotOccupancy s = memory.state;
            if (s.capacity() != capacity) {
                memory.state = new LotOccupancy(lotId, capacity, s.occupied(), s.held(), s.closed(),
                        s.asOf(), now, s.version() + 1);
            }
            return CompletableFuture.completedFuture(memory.state);
        }
    }

    @Override
    public CompletionStage<IngestionResult> applyGateEvents(String lotId, List<GateEvent> events, Instant now) {
        LotMemory memory = lots.get(lotId);
        if (memory == null) {
            return notRegistered(lotId);
        }
        synchronized (memory) {
            long nowMillis = now.toEpochMilli();
            if (memory.eventExpiry.size() + memory.presence.size() > 100_000) {
                memory.forgetExpired(nowMillis);
            }
            LotOccupancy s = memory.state;
            int occupied = s.occupied();
            long asOf = s.asOf().toEpochMilli();
            boolean changed = false;
            List<EventOutcome> outcomes = new ArrayList<>(events.size());
            for (GateEvent event : events) {
                Long expiry = memory.eventExpiry.get(event.eventId());
                if (expiry != null && expiry > nowMillis) {
                    outcomes.add(EventOutcome.duplicate(event.eventId()));
                    continue;
                }
                memory.eventExpiry.put(event.eventId(), nowMillis + settings.dedupeWindow().toMillis());
                long at = event.at().toEpochMilli();
                Remembered remembered = memory.presence.get(event.plate());
                Presence known = remembered != null && remembered.expiresAt > nowMillis ? remembered.presence : null;
                PresenceRules.Step step = PresenceRules.apply(known, event.type(), at, occupied, s.capacity());
                occupied += step.occupiedDelta();
                if (step.next() != null) {
                    memory.presence.put(event.plate(), new Remembered(step.next(),
                            expiryOf(step, remembered, nowMillis)));
                }
                asOf = Math.max(asOf, at);
                changed = true;
                outcomes.add(step.flag() == null
                        ? EventOutcome.accepted(event.eventId())
                        : EventOutcome.flagged(event.eventId(), step.flag()));
            }
            if (changed) {
                memory.state = new LotOccupancy(lotId, s.capacity(), occupied, s.held(), s.closed(),
                        Instant.ofEpochMilli(asOf), now, s.version() + 1);
            }
            return CompletableFuture.completedFuture(new IngestionResult(outcomes, memory.state));
        }
    }

    /** Same lifetimes as the Redis script: inside for the presence memory, left for the dedupe window. */
    private long expiryOf(PresenceRules.Step step, Remembered previous, long now) {
        if (step.flag() == GateEventFlag.LATE_ENTRY) {
            return previous.expiresAt;
        }
        return now + (step.next().inside() ? settings.presenceMemory() : settings.dedupeWindow()).toMillis();
    }

    @Override
    public CompletionStage<SnapshotResult> applySnapshot(String lotId, int occupied, Instant at, Instant now) {
        LotMemory memory = lots.get(lotId);
        if (memory == null) {
            return notRegistered(lotId);
        }
        synchronized (memory) {
            LotOccupancy s = memory.state;
            if (at.isBefore(s.asOf())) {
                return CompletableFuture.completedFuture(new SnapshotResult(false, s));
            }
            memory.state = new LotOccupancy(lotId, s.capacity(), occupied, s.held(), s.closed(), at, now,
                    s.version() + 1);
            return CompletableFuture.completedFuture(new SnapshotResult(true, memory.state));
        }
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

    @Override
    public CompletionStage<Void> ping() {
        return CompletableFuture.completedFuture(null);
    }

    private static <T> CompletionStage<T> notRegistered(String lotId) {
        return CompletableFuture.failedFuture(new UnregisteredLotException(lotId));
    }
}
