package city.parkgrid.api.allocation;

import city.parkgrid.allocation.AllocationService;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Frees the spaces of holds nobody came for, within a second of their expiry. Runs on every node
 * (ending a hold twice is harmless), and the holds' expiries live in the store, not in this
 * process: after every node was down, the first sweep frees whatever expired meanwhile.
 */
public final class HoldExpiryVerticle extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(HoldExpiryVerticle.class);
    static final long PERIOD_MILLIS = 250;
    static final int BATCH = 500;

    private final AllocationService allocations;
    private final Clock clock;
    private long timer;
    private boolean sweeping;

    public HoldExpiryVerticle(AllocationService allocations, Clock clock) {
        this.allocations = allocations;
        this.clock = clock;
    }

    @Override
    public Future<?> start() {
        timer = vertx.setPeriodic(0, PERIOD_MILLIS, id -> sweep());
        return Future.succeededFuture();
    }

    private void sweep() {
        if (sweeping) {
            return;
        }
        sweeping = true;
        Future.fromCompletionStage(allocations.expireDue(clock.instant(), BATCH), context)
                .onFailure(failure -> LOG.warn("hold expiry sweep failed; retrying: {}", failure.toString()))
                .onComplete(done -> sweeping = false);
    }

    @Override
    public Future<?> stop() {
        vertx.cancelTimer(timer);
        return Future.succeededFuture();
    }
}
