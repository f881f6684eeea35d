package city.parkgrid.api.ops;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one background job every period, never two runs of it at once (a slow run makes the next
 * tick skip), and logs a failed run without stopping the job. One instance, one job.
 */
public final class PeriodicVerticle extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(PeriodicVerticle.class);

    private final String job;
    private final long periodMillis;
    private final Function<Vertx, Future<?>> work;
    private long timer;
    private boolean running;

    /** @param work one run of the job; must not block (hand blocking work to a worker) */
    public PeriodicVerticle(String job, long periodMillis, Function<Vertx, Future<?>> work) {
        this.job = job;
        this.periodMillis = periodMillis;
        this.work = work;
    }

    @Override
    public Future<?> start() {
        timer = vertx.setPeriodic(0, periodMillis, id -> run());
        return Future.succeededFuture();
    }

    private void run() {
        if (running) {
            return;
        }
        running = true;
        work.apply(vertx)
                .onFailure(failure ->
                        LOG.warn("{} failed; it runs again in {} ms: {}", job, periodMillis, failure.toString()))
                .onComplete(done -> running = false);
    }

    @Override
    public Future<?> stop() {
        vertx.cancelTimer(timer);
        return Future.succeededFuture();
    }
}
