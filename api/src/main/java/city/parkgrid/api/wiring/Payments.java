package city.parkgrid.api.wiring;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The threads that ask linked payers for the fees of exits, so a gate is not kept waiting for
 * the payer. Bounded both ways: a payer that hangs ties up these threads, not the node's workers,
 * and an attempt that finds the queue full is dropped with a log line, because the session stays
 * PENDING in the book and the payment retrier asks again.
 */
final class Payments {

    private static final Logger LOG = LoggerFactory.getLogger(Payments.class);

    private Payments() {}

    static ExecutorService pool() {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(
                4,
                4,
                60,
                TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(10_000),
                runnable -> {
                    Thread thread = new Thread(runnable, "parkgrid-payments");
                    thread.setDaemon(true);
                    return thread;
                },
                (task, executor) -> LOG.warn("payment queue full; the payment retrier will ask the payer"));
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
