package city.parkgrid.api.ops;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * A backing service that {@code GET /health} reports on, with a cheap probe of it. A probe that
 * fails with {@link Degraded} reports the service answering but the node serving less than it
 * should (DEGRADED, still 200: taking every node out of the balancer would not help).
 */
public record HealthCheck(String name, Supplier<CompletionStage<Void>> probe) {

    /** Why a service that answers leaves the node degraded; the message is shown on {@code /health}. */
    public static final class Degraded extends RuntimeException {
        public Degraded(String reason) {
            super(reason, null, false, false);
        }
    }

    /**
     * DEGRADED while live occupancy has lost its registration epoch (Redis came back empty): lot
     * counts are unknown until the state is restored.
     */
    public static HealthCheck liveState(Supplier<CompletionStage<Boolean>> registrationsIntact) {
        return new HealthCheck(
                "liveState",
                () -> registrationsIntact
                        .get()
                        .thenCompose(intact -> intact
                                ? CompletableFuture.<Void>completedFuture(null)
                                : CompletableFuture.<Void>failedFuture(new Degraded(
                                        "live occupancy lost its data (Redis restarted empty?): lot counts are unknown"
                                                + " and lots are not offered until the state is restored"))));
    }
}
