package city.parkgrid.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import city.parkgrid.api.http.EventStream.Item;
import city.parkgrid.api.http.EventStream.Settings;
import city.parkgrid.api.testing.EventStreamClient;
import city.parkgrid.api.testing.PlatformUnderTest;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The stream machinery itself, over real HTTP on a bare Vert.x server with short periods. */
class EventStreamTest {

    private Vertx vertx;
    private HttpServer server;
    /** Snapshot reads the streams have started. */
    private final AtomicLong reads = new AtomicLong();
    /** The version of the changing item: it changes on every read. */
    private final AtomicLong changing = new AtomicLong();

    private final EventStream quiet = new EventStream("quiet", new Settings(50, 600, 2_000, 256 * 1024));
    private final EventStream slow = new EventStream("slow", new Settings(20, 15_000, 2_000, 8 * 1024));
    private static final String BIG = "x".repeat(32 * 1024);

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        router.get("/quiet")
                .handler(ctx -> quiet.open(
                        ctx,
                        () -> {
                            reads.incrementAndGet();
                            return CompletableFuture.supplyAsync(() -> "state");
                        },
                        state -> List.of(new Item("a", "1", "thing", new JsonObject().put("state", state)))));
        router.get("/slow")
                .handler(ctx -> slow.open(
                        ctx,
                        () -> {
                            reads.incrementAndGet();
                            return CompletableFuture.completedFuture(changing.incrementAndGet());
                        },
                        version -> List.of(new Item(
                                "big", Long.toString(version), "thing", new JsonObject().put("filler", BIG)))));
        server = vertx.createHttpServer()
                .requestHandler(router)
                .listen(0, "127.0.0.1")
                .toCompletionStage()
                .toCompletableFuture()
                .join();
    }

    @AfterEach
    void stop() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.actualPort() + path;
    }

    @Test
    void aQuietStreamSendsKeepAliveCommentsOnlyAfterTheSilence() throws Exception {
        try (EventStreamClient client = EventStreamClient.open(url("/quiet"), null)) {
            assertThat(client.take(1, 5_000).get(0).id()).isEqualTo("a.1");
            Thread.sleep(200);
            assertThat(client.comments())
                    .as("not yet: 600 ms of silence have not passed")
                    .isEmpty();
            assertThat(PlatformUnderTest.millisUntil(() -> client.comments().contains(": keep-alive"), 5_000))
                    .isNotNegative();
            assertThat(client.next(100))
                    .as("the unchanged item is not sent again")
                    .isNull();
        }
    }

    @Test
    void closingTheStreamStopsItsReads() throws Exception {
        try (EventStreamClient client = EventStreamClient.open(url("/quiet"), null)) {
            client.take(1, 5_000);
            assertThat(PlatformUnderTest.millisUntil(() -> reads.get() >= 3, 5_000))
                    .as("reads every 50 ms")
                    .isNotNegative();
        }
        Thread.sleep(300);
        long afterClose = reads.get();
        Thread.sleep(500);
        assertThat(reads.get()).as("the timer was cancelled on close").isEqualTo(afterClose);
    }

    @Test
    void aClientThatStopsReadingIsDroppedInsteadOfBufferedWithoutLimit() throws Exception {
        try (Socket socket = new Socket()) {
            // a small window so the kernel's buffers do not absorb megabytes before the queue fills
            socket.setReceiveBufferSize(4 * 1024);
            socket.connect(new InetSocketAddress("127.0.0.1", server.actualPort()), 5_000);
            OutputStream out = socket.getOutputStream();
            out.write("GET /slow HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // 32 KiB every 20 ms and never a byte read
            assertThat(PlatformUnderTest.millisUntil(() -> slow.droppedClients() == 1, 30_000))
                    .as("dropped")
                    .isNotNegative();
            long atDrop = reads.get();
            Thread.sleep(300);
            assertThat(reads.get()).as("no more reads for a dropped client").isLessThanOrEqualTo(atDrop + 1);

            socket.setSoTimeout(10_000);
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[64 * 1024];
            long received = 0;
            int n;
            while ((n = in.read(buffer)) >= 0) {
                received += n;
            }
            assertThat(received)
                    .as("what the kernel had taken, then the end of the connection")
                    .isPositive();
            long sent = changing.get() * BIG.length();
            assertThat(received).as("far less than was produced for it").isLessThan(sent);
        }
    }

    @Test
    void idsNameTheVersionOfEveryItemAndParseBack() {
        Map<String, String> has = new LinkedHashMap<>();
        has.put("wanda-plaza", "12");
        has.put("wujiaochang/control", "3k9z0");
        has.put("a.b~c", "7");
        has.put("五角场", "1-2-3-4");
        String id = EventStream.encode(List.of("wanda-plaza", "missing", "wujiaochang/control", "a.b~c", "五角场"), has);
        assertThat(id).startsWith("wanda-plaza.12~wujiaochang/control.3k9z0~a%2Eb%7Ec.7~%E4%BA%94");
        assertThat(id).isEqualTo(id.strip()).doesNotContain("\n", " ");
        assertThat(EventStream.parse(id)).hasValue(has);
        for (String bad : new String[] {
            null, "", "  ", "wanda-plaza:12", ".12", "a.", "a.1~", "a.1~~b.2", "%G1.1", "%4.1", "中.1", "a.1 2"
        }) {
            assertThat(EventStream.parse(bad)).as("'%s'", bad).isEmpty();
        }
    }

    @Test
    void fingerprintsAreStableAndTellStatesApart() {
        assertThat(EventStream.fingerprint("EMERGENCY|MANUAL|typhoon"))
                .isEqualTo(EventStream.fingerprint("EMERGENCY|MANUAL|typhoon"))
                .isNotEqualTo(EventStream.fingerprint("EMERGENCY|MANUAL|typhoon warning"))
                .matches("[0-9a-z]{1,13}");
        // FNV-1a 64 of "a": a fixed value, so ids written by one node are read by every other one
        assertThat(EventStream.fingerprint("a")).isEqualTo(Long.toUnsignedString(0xaf63dc4c8601ec8cL, 36));
    }
}
