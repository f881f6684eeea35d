package city.parkgrid.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import city.parkgrid.api.Node;
import city.parkgrid.api.wiring.EmbeddedWiring;
import city.parkgrid.dataset.GeoJsonDataSetReader;
import io.vertx.core.Vertx;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Idle and request timeouts, over raw sockets on 127.0.0.1 with timeouts of a second or so: a
 * client that sends nothing, a slowloris trickling its head, a body that never completes, and an
 * event stream that must outlive both.
 */
class HttpTimeoutsTest {

    private Vertx vertx;
    private Node node;

    @AfterEach
    void stop() {
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
        if (node != null) {
            node.close();
        }
    }

    @Test
    void aConnectionThatSendsNothingIsClosedAfterTheIdleTimeout() throws Exception {
        int port = serve(new HttpVerticle.Timeouts(Duration.ofMillis(500), Duration.ofSeconds(5)));
        try (Socket socket = new Socket("127.0.0.1", port)) {
            long start = System.nanoTime();
            Read read = readUntilClosed(socket, Duration.ofSeconds(4));
            long elapsed = millisSince(start);
            assertThat(read.closed()).as("closed by the server").isTrue();
            assertThat(elapsed).isBetween(400L, 2_000L);
        }
    }

    @Test
    void aSlowlorisHeadIsCutThoughItSendsAByteEvery200Millis() throws Exception {
        // Vert.x's idle timeout counts decoded heads, not bytes: the trickle does not keep it alive
        int port = serve(new HttpVerticle.Timeouts(Duration.ofMillis(1_500), Duration.ofSeconds(10)));
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            long start = System.nanoTime();
            Thread trickle = trickle(out, "a");
            Read read = readUntilClosed(socket, Duration.ofSeconds(5));
            long elapsed = millisSince(start);
            trickle.interrupt();
            assertThat(read.closed()).as("closed by the server").isTrue();
            assertThat(read.text())
                    .as("no handler answered a head that never completed")
                    .isEmpty();
            assertThat(elapsed).isBetween(1_200L, 3_000L);
        }
    }

    @Test
    void aBodyThatNeverCompletesIsAnswered408AndNoHandlerRuns() throws Exception {
        int port = serve(new HttpVerticle.Timeouts(Duration.ofSeconds(1), Duration.ofMillis(1_500)));
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/guidance HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                            + "Content-Length: 4096\r\n\r\n{\"destination\":")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            long start = System.nanoTime();
            Thread trickle = trickle(out, " ");
            Read read = readUntilClosed(socket, Duration.ofSeconds(5));
            long elapsed = millisSince(start);
            trickle.interrupt();
            assertThat(read.closed()).as("closed by the server").isTrue();
            assertThat(read.text())
                    .startsWith("HTTP/1.1 408")
                    .containsIgnoringCase("content-type: application/problem+json")
                    .containsIgnoringCase("connection: close")
                    .contains("\"status\":408")
                    .contains("request-timeout");
            assertThat(elapsed).isBetween(1_200L, 3_000L);
        }
    }

    @Test
    void anEventStreamOutlivesBothTimeouts() throws Exception {
        int port = serve(new HttpVerticle.Timeouts(Duration.ofSeconds(1), Duration.ofSeconds(1)));
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(
                    "GET /v1/lots/stream?zone=wujiaochang HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Read read = readUntilClosed(socket, Duration.ofMillis(3_500));
            assertThat(read.closed()).as("still open after 3.5 s").isFalse();
            assertThat(read.text()).startsWith("HTTP/1.1 200").contains("event: occupancy");
            // the keep-alive follows the idle timeout: several of them in 3.5 s, not one in 15 s
            assertThat(read.text().split(": keep-alive", -1).length - 1).isGreaterThanOrEqualTo(3);
        }
    }

    @Test
    void aKeepAliveConnectionServesARequestAndThenTimesOutTheNext() throws Exception {
        int port = serve(new HttpVerticle.Timeouts(Duration.ofSeconds(5), Duration.ofMillis(1_000)));
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            long start = System.nanoTime();
            Read read = readUntilClosed(socket, Duration.ofSeconds(4));
            long elapsed = millisSince(start);
            assertThat(read.text()).startsWith("HTTP/1.1 200");
            // no next request within the request timeout: closed long before the 5 s idle timeout
            assertThat(read.closed()).isTrue();
            assertThat(elapsed).isBetween(800L, 2_500L);
        }
    }

    private int serve(HttpVerticle.Timeouts timeouts) {
        vertx = Vertx.vertx();
        node = EmbeddedWiring.node(GeoJsonDataSetReader.wujiaochang(), Clock.systemUTC());
        node.useCases().catalog().registerLots().toCompletableFuture().join();
        HttpVerticle verticle = new HttpVerticle(node, "127.0.0.1", 0, timeouts);
        vertx.deployVerticle(verticle).toCompletionStage().toCompletableFuture().join();
        return verticle.actualPort();
    }

    /** What the server sent, and whether it closed the connection, within {@code limit}. */
    private record Read(String text, boolean closed) {}

    private static Read readUntilClosed(Socket socket, Duration limit) throws IOException {
        long deadline = System.nanoTime() + limit.toNanos();
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[8192];
        while (true) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                return new Read(got.toString(StandardCharsets.UTF_8), false);
            }
            socket.setSoTimeout((int) left);
            try {
                int n = in.read(buffer);
                if (n < 0) {
                    return new Read(got.toString(StandardCharsets.UTF_8), true);
                }
                got.write(buffer, 0, n);
            } catch (SocketTimeoutException e) {
                return new Read(got.toString(StandardCharsets.UTF_8), false);
            } catch (IOException reset) {
                return new Read(got.toString(StandardCharsets.UTF_8), true);
            }
        }
    }

    /** Writes {@code unit} every 200 ms until the server closes or the test is done. */
    private static Thread trickle(OutputStream out, String unit) {
        AtomicBoolean running = new AtomicBoolean(true);
        Thread thread = new Thread(() -> {
            try {
                while (running.get() && !Thread.currentThread().isInterrupted()) {
                    Thread.sleep(200);
                    out.write(unit.getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
            } catch (IOException | InterruptedException gone) {
                running.set(false);
            }
        });
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
