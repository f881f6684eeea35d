package city.parkgrid.testing;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway {@code redis-server} a test starts, stops and starts again on a loopback port of its
 * own (never the shared 6379), in a directory under /tmp. Without persistence unless asked; every
 * start waits, bounded, until it answers. Fails loudly when {@code redis-server} is missing.
 */
public final class RedisServerProcess implements AutoCloseable {

    private final int port;
    private final Path dir;
    private Process process;

    public RedisServerProcess(int port) {
        this.port = port;
        try {
            this.dir = Files.createTempDirectory(Path.of("/tmp"), "parkgrid-redis-" + port + "-");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    /** Starts it, without persistence ({@code --save '' --appendonly no}) or with an AOF in its directory. */
    public void start(boolean appendOnly) {
        List<String> command = new ArrayList<>(List.of(
                "redis-server",
                "--port",
                Integer.toString(port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                appendOnly ? "yes" : "no",
                "--dir",
                dir.toString()));
        try {
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("redis.log").toFile())
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException(
                    "this test starts its own redis-server (Debian package redis-server), which is missing: "
                            + e.getMessage(),
                    e);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!answers()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                stop();
                throw new IllegalStateException("redis-server on port " + port + " did not start; see " + dir);
            }
            sleep(20);
        }
    }

    /** Whether it answers PING now. */
    public boolean answers() {
        RedisURI uri = RedisURI.create(uri());
        uri.setTimeout(Duration.ofMillis(300));
        RedisClient client = RedisClient.create(uri);
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            return "PONG".equals(c.sync().ping());
        } catch (RuntimeException e) {
            return false;
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
        }
    }

    /** Stops it as a crash does (SIGKILL): nothing is saved on the way out. */
    public void kill() {
        if (process != null) {
            process.destroyForcibly();
            waitFor();
        }
    }

    /** Stops it cleanly (SIGTERM): with an AOF, what was written is on disk. */
    public void stop() {
        if (process != null) {
            process.destroy();
            waitFor();
        }
    }

    private void waitFor() {
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    @Override
    public void close() {
        kill();
        File[] files = dir.toFile().listFiles();
        if (files != null) {
            for (File f : files) {
                if (f.isDirectory()) {
                    File[] inner = f.listFiles();
                    if (inner != null) {
                        for (File g : inner) {
                            g.delete();
                        }
                    }
                }
                f.delete();
            }
        }
        dir.toFile().delete();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
