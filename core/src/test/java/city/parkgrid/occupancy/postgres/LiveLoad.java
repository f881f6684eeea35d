package city.parkgrid.occupancy.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import city.parkgrid.StorageUnavailableException;
import city.parkgrid.allocation.AllocationOutcome;
import city.parkgrid.allocation.AllocationRequest;
import city.parkgrid.app.UseCases;
import city.parkgrid.lots.Lot;
import city.parkgrid.occupancy.EventOutcome;
import city.parkgrid.occupancy.EventResult;
import city.parkgrid.occupancy.GateEvent;
import city.parkgrid.occupancy.GateEventType;
import city.parkgrid.occupancy.Hold;
import city.parkgrid.occupancy.IngestionResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Load on one node's lots, and the truth of what the node acknowledged: gate batches (entries of
 * new plates, exits of plates inside), resends of batches already acknowledged, allocations, and
 * entries of held plates. A call refused as unavailable (503) is sent again, as a gate or an app
 * does, until it is acknowledged; only acknowledged calls change the truth. One thread per load.
 */
final class LiveLoad implements Runnable {

    /** What a lot must read once the load has stopped. */
    static final class Truth {
        final Set<String> inside = new LinkedHashSet<>();
        /** HELD holds granted and not yet fulfilled: hold id → plate. */
        final Map<String, String> held = new HashMap<>();
    }

    final Map<String, Truth> truth = new HashMap<>();
    /** Every batch acknowledged, to be sent again: each event must then be a duplicate. */
    final List<List<GateEvent>> acknowledged = new ArrayList<>();

    final AtomicInteger refused = new AtomicInteger();
    final AtomicInteger batches = new AtomicInteger();
    final AtomicInteger resends = new AtomicInteger();
    final AtomicInteger holds = new AtomicInteger();
    final AtomicBoolean running = new AtomicBoolean(true);
    volatile Throwable failure;

    private final String name;
    private final UseCases node;
    private final List<Lot> lots;
    private final Random random;
    private int serial;

    LiveLoad(String name, UseCases node, List<Lot> lots, long seed) {
        this.name = name;
        this.node = node;
        this.lots = lots;
        this.random = new Random(seed);
        lots.forEach(lot -> truth.put(lot.id(), new Truth()));
    }

    @Override
    public void run() {
        try {
            while (running.get()) {
                step();
            }
        } catch (Throwable t) {
            failure = t;
        }
    }

    private void step() {
        Lot lot = lots.get(random.nextInt(lots.size()));
        Truth t = truth.get(lot.id());
        int dice = random.nextInt(10);
        if (dice == 0 && t.held.size() < 3) {
            allocate(lot, t);
        } else if (dice == 1 && !t.held.isEmpty()) {
            // a held plate arrives: its hold is fulfilled, the car counted
            String holdId = t.held.keySet().iterator().next();
            String plate = t.held.get(holdId);
            send(lot, List.of(event(GateEventType.ENTRY, plate)));
            t.held.remove(holdId);
            t.inside.add(plate);
        } else if (dice == 2 && !acknowledged.isEmpty()) {
            List<GateEvent> again = acknowledged.get(random.nextInt(acknowledged.size()));
            IngestionResult result =
                    untilAcknowledged(() -> node.gateEvents().record(lotOfBatch(again), again, Instant.now()));
            for (EventOutcome o : result.outcomes()) {
                assertThat(o.result()).as(name + " resend of " + o.eventId()).isEqualTo(EventResult.DUPLICATE);
            }
            resends.incrementAndGet();
        } else {
            List<GateEvent> batch = new ArrayList<>();
            List<String> entering = new ArrayList<>();
            List<String> leaving = new ArrayList<>();
            for (int k = 0; k < 1 + random.nextInt(4); k++) {
                if (t.inside.size() - leaving.size() > 6 || (!t.inside.isEmpty() && random.nextBoolean())) {
                    String plate = t.inside.stream()
                            .filter(p -> !leaving.contains(p))
                            .findFirst()
                            .orElse(null);
                    if (plate != null) {
                        leaving.add(plate);
                        batch.add(event(GateEventType.EXIT, plate));
                        continue;
                    }
                }
                String plate = plate();
                entering.add(plate);
                batch.add(event(GateEventType.ENTRY, plate));
            }
            send(lot, batch);
            t.inside.removeAll(leaving);
            t.inside.addAll(entering);
        }
    }

    private void allocate(Lot lot, Truth t) {
        String plate = plate();
        AllocationOutcome outcome = untilAcknowledged(() -> node.allocations()
                .allocate(
                        new AllocationRequest("driver-" + plate, plate, lot.id(), null, Duration.ofMinutes(10)),
                        Instant.now())
                .toCompletableFuture()
                .join());
        Hold hold = outcome.hold();
        assertThat(hold).as(name + " hold in " + lot.id()).isNotNull();
        t.held.put(hold.id(), plate);
        holds.incrementAndGet();
    }

    private void send(Lot lot, List<GateEvent> batch) {
        IngestionResult result = untilAcknowledged(() -> node.gateEvents().record(lot, batch, Instant.now()));
        // the first time it is acknowledged every event counts; a refusal before changed nothing
        for (EventOutcome o : result.outcomes()) {
            assertThat(o.result()).as(name + " " + o.eventId()).isEqualTo(EventResult.ACCEPTED);
        }
        acknowledged.add(batch);
        batches.incrementAndGet();
        eventLots.put(batch.get(0).eventId(), lot);
    }

    private final Map<String, Lot> eventLots = new HashMap<>();

    Lot lotOfBatch(List<GateEvent> batch) {
        return eventLots.get(batch.get(0).eventId());
    }

    private <T> T untilAcknowledged(Supplier<T> call) {
        while (true) {
            try {
                return call.get();
            } catch (CompletionException | StorageUnavailableException e) {
                Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                if (!(cause instanceof StorageUnavailableException)) {
                    throw e;
                }
                refused.incrementAndGet();
                sleep(20);
            }
        }
    }

    private GateEvent event(GateEventType type, String plate) {
        return new GateEvent(name + "-e" + (++serial), type, plate, Instant.now(), null);
    }

    private String plate() {
        return "沪" + name.toUpperCase(java.util.Locale.ROOT).charAt(0) + String.format("%05d", ++serial);
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
