package city.parkgrid.api.wiring;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The threads on which allocations look up who owns a plate in PostgreSQL, off the event loop.
 * Never drops a look-up (an allocation waits for it): when the queue is full the caller runs it,
 * which slows that caller rather than losing the answer.
 */
final class AccountReads {

    private AccountReads() {}

    static ExecutorService pool() {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(
                8,
                8,
                60,
                TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(10_000),
                runnable -> {
                    Thread thread = new Thread(runnable, "parkgrid-account-reads");
                    thread.setDaemon(true);
                    return thread;
                },
                new ThreadPoolExecutor.CallerRunsPolicy());
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
