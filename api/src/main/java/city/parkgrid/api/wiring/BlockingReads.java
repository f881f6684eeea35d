package city.parkgrid.api.wiring;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Threads for the reads a request waits on that block or compute at length, off the event loop:
 * allocation looking up who owns a plate in PostgreSQL, guidance forecasting lots at the driver's
 * arrival. Never drops a read (a request waits for it): when the queue is full the caller runs it,
 * which slows that caller rather than losing the answer.
 */
final class BlockingReads {

    private BlockingReads() {}

    /** @param name the threads' name, as thread dumps and profiles show it */
    static ExecutorService pool(String name) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(
                8,
                8,
                60,
                TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(10_000),
                runnable -> {
                    Thread thread = new Thread(runnable, name);
                    thread.setDaemon(true);
                    return thread;
                },
                new ThreadPoolExecutor.CallerRunsPolicy());
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
