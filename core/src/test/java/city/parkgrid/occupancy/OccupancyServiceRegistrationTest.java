package city.parkgrid.occupancy;

import static org.assertj.core.api.Assertions.assertThat;

import city.parkgrid.dataset.SyntheticCity;
import city.parkgrid.lots.Lot;
import city.parkgrid.occupancy.memory.InMemoryOccupancyStore;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Registering a whole city at start-up keeps the store's queue short (issue 16). */
class OccupancyServiceRegistrationTest {

    @Test
    void registersACityOfLotsAFewAtATimeAndEveryOne() {
        InMemoryOccupancyStore live = new InMemoryOccupancyStore(OccupancySettings.DEFAULTS);
        ConcurrentLinkedQueue<CompletableFuture<Void>> pending = new ConcurrentLinkedQueue<>();
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger mostInFlight = new AtomicInteger();
        AtomicInteger mostRead = new AtomicInteger();
        OccupancyStore slow = (OccupancyStore) Proxy.newProxyInstance(
                OccupancyStore.class.getClassLoader(), new Class<?>[] {OccupancyStore.class}, (proxy, method, args) -> {
                    Object result = method.invoke(live, args);
                    if (method.getName().equals("listOccupancy")) {
                        mostRead.accumulateAndGet(((java.util.Collection<?>) args[0]).size(), Math::max);
                    }
                    if (!method.getName().equals("registerLot")) {
                        return result;
                    }
                    mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                    CompletableFuture<Void> answered = new CompletableFuture<>();
                    pending.add(answered);
                    return answered.thenCompose(ok -> {
                        inFlight.decrementAndGet();
                        return (CompletionStage<?>) result;
                    });
                });
        List<Lot> lots = SyntheticCity.generate(SyntheticCity.SHANGHAI_LOTS, 3).lots();
        CompletableFuture<Void> all = new OccupancyService(slow, OccupancySettings.DEFAULTS)
                .registerLots(lots, Instant.parse("2026-12-02T06:00:00Z"))
                .toCompletableFuture();
        while (!all.isDone()) {
            CompletableFuture<Void> next = pending.poll();
            assertThat(next).as("a registration waits to be answered").isNotNull();
            next.complete(null);
        }
        assertThat(all).isCompleted();
        assertThat(mostInFlight.get()).isEqualTo(OccupancyService.REGISTRATIONS_IN_FLIGHT);
        assertThat(mostRead.get()).as("lots read at once").isEqualTo(OccupancyService.REGISTRATIONS_IN_FLIGHT);
        assertThat(live.listOccupancy(lots.stream().map(Lot::id).toList())
                        .toCompletableFuture()
                        .join())
                .hasSize(SyntheticCity.SHANGHAI_LOTS);
    }

    @Test
    void registersAgainOnlyTheLotsTheStoreDoesNotKnowWithTheirCapacity() {
        InMemoryOccupancyStore live = new InMemoryOccupancyStore(OccupancySettings.DEFAULTS);
        Instant now = Instant.parse("2026-12-02T06:00:00Z");
        List<Lot> lots = SyntheticCity.generate(200, 3).lots();
        OccupancyService service = new OccupancyService(live, OccupancySettings.DEFAULTS);
        service.registerLots(lots, now).toCompletableFuture().join();
        Lot grown = lots.get(7);
        live.registerLot(grown.id(), grown.capacity() + 10, now)
                .toCompletableFuture()
                .join();
        Lot added = lots.get(11);
        ConcurrentLinkedQueue<String> registered = new ConcurrentLinkedQueue<>();
        OccupancyStore counting = (OccupancyStore) Proxy.newProxyInstance(
                OccupancyStore.class.getClassLoader(), new Class<?>[] {OccupancyStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("registerLot")) {
                        registered.add((String) args[0]);
                    }
                    if (method.getName().equals("listOccupancy")) {
                        // as if the store had never seen the lot added since
                        return live.listOccupancy(lots.stream()
                                .map(Lot::id)
                                .filter(id -> !id.equals(added.id()))
                                .toList());
                    }
                    return method.invoke(live, args);
                });

        new OccupancyService(counting, OccupancySettings.DEFAULTS)
                .registerLots(lots, now.plusSeconds(60))
                .toCompletableFuture()
                .join();

        assertThat(registered).containsExactlyInAnyOrder(grown.id(), added.id());
        assertThat(live.findOccupancy(grown.id()).toCompletableFuture().join())
                .hasValueSatisfying(o -> assertThat(o.capacity()).isEqualTo(grown.capacity()));
    }
}
