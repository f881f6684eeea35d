package city.parkgrid.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import city.parkgrid.access.ApiKeys;
import city.parkgrid.app.Settings;
import city.parkgrid.catalog.postgis.PostgisGeographyStore;
import city.parkgrid.dataset.GeoJsonDataSetReader;
import city.parkgrid.lots.Lot;
import city.parkgrid.postgres.PostgresDatabase;
import city.parkgrid.testing.TestServices;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three-node drill (issue 16): three real {@code serve} JVMs (deploy/target/parkgrid.jar) in
 * one Hazelcast cluster behind HAProxy (deploy/haproxy/parkgrid.cfg), on the real Redis and
 * PostgreSQL, under a bounded load of gate events, allocations and guidance through the balancer;
 * one node is killed with SIGKILL and started again. Clients resend what failed, as the API allows
 * (event ids count once; a plate has one hold). {@code deploy/drill.sh} runs it and prints its
 * figures.
 */
class ThreeNodeDrillIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BALANCER = "http://127.0.0.1:18500";
    private static final String STATS = "http://127.0.0.1:18509/;csv";
    private static final int[] HTTP_PORTS = {18501, 18502, 18503};
    private static final int[] CLUSTER_PORTS = {18520, 18521, 18522};
    private static final String OPERATOR_KEY = "pgk_drill-operator-wanda-0123456789abcdefghijklmnop";
    private static final String BUREAU_KEY = "pgk_drill-bureau-0123456789abcdefghijklmnopqrstuv";
    private static final int DRIVERS = 12;
    /** Lots of one operator, large enough that the drill's entries never fill them. */
    private static final List<String> GATE_LOTS = List.of("wanda-plaza", "wanda-plaza-office");

    private static final String DESTINATION = "{\"lat\":31.2995,\"lon\":121.514}";

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final List<Process> processes = new CopyOnWriteArrayList<>();
    private final Process[] nodes = new Process[3];
    private String schema;
    private String prefix;
    private Path dir;

    private final AtomicBoolean loading = new AtomicBoolean(true);
    private final AtomicInteger attempts = new AtomicInteger();
    private final ConcurrentLinkedQueue<Long> failedAt = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> failedHow = new ConcurrentLinkedQueue<>();
    private final Map<String, AtomicInteger> entriesSent = new ConcurrentHashMap<>();
    private final Map<String, String> lastHoldByPlate = new ConcurrentHashMap<>();
    private final AtomicLong gateEvents = new AtomicLong();
    private final AtomicLong allocations = new AtomicLong();
    private final AtomicLong guidances = new AtomicLong();

    @AfterEach
    void stopEverything() throws Exception {
        loading.set(false);
        for (Process process : processes) {
            process.destroyForcibly();
        }
        for (Process process : processes) {
            process.waitFor();
        }
        if (prefix != null) {
            TestServices.deleteKeys(prefix);
        }
        if (schema != null) {
            try (PostgresDatabase database = new PostgresDatabase(TestServices.postgres(schema))) {
                TestServices.dropSchema(database);
            }
        }
    }

    /**
     * Three JVMs starting at once and one restart took over two minutes on the shared two-core
     * machine the drill was written on (docs/PERFORMANCE.md), hence more than the default bound.
     */
    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void aNodeKilledUnderLoadCostsNoHoldNoEventAndNoNoticeAndRejoins(@TempDir Path dir) throws Exception {
        this.dir = dir;
        Path jar = Path.of("target", "parkgrid.jar");
        assertThat(jar)
                .as("the reactor packages deploy/target/parkgrid.jar before integration tests")
                .exists();
        schema = TestServices.uniqueSchema();
        prefix = TestServices.uniquePrefix();
        try (PostgresDatabase database = TestServices.migratedDatabase(schema)) {
            new PostgisGeographyStore(database).importDataSet(GeoJsonDataSetReader.wujiaochang());
        }
        String cluster = "parkgrid-drill-" + UUID.randomUUID();
        long startAll = System.nanoTime();
        for (int n = 0; n < 3; n++) {
            nodes[n] = startNode(dir, n, cluster);
        }
        for (int n = 0; n < 3; n++) {
            awaitHealthy(n, 150_000);
        }
        System.out.printf(Locale.ROOT, "drill: three nodes UP in %d ms%n", (System.nanoTime() - startAll) / 1_000_000);
        Process haproxy = new ProcessBuilder(
                        "haproxy", "-f", Path.of("haproxy", "parkgrid.cfg").toString(), "-db")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("haproxy.log").toFile())
                .start();
        processes.add(haproxy);
        assertThat(within(
                        10_000,
                        () -> statusOf("node1").equals("UP")
                                && statusOf("node2").equals("UP")
                                && statusOf("node3").equals("UP")))
                .as("HAProxy sees three nodes UP")
                .isNotNegative();
        assertThat(within(60_000, () -> log(dir, 0).contains("Members {size:3")))
                .as("the three nodes formed one Hazelcast cluster")
                .isNotNegative();

        List<Thread> load = List.of(
                loop("gate", this::gateBatch, 100),
                loop("gate", this::gateBatch, 100),
                loop("allocation", this::allocate, 150),
                loop("guidance", this::guide, 50),
                loop("guidance", this::guide, 50));
        Thread.sleep(5_000);

        long killedAt = System.currentTimeMillis();
        nodes[1].destroyForcibly(); // SIGKILL
        nodes[1].waitFor();
        long outAfter = within(10_000, () -> statusOf("node2").startsWith("DOWN"));
        System.out.printf(Locale.ROOT, "drill: HAProxy took node2 out %d ms after kill -9%n", outAfter);
        assertThat(outAfter)
                .as("out within two checks of 500 ms plus the check timeout of 1 s")
                .isBetween(0L, 2_500L);
        assertThat(within(30_000, () -> log(dir, 0).contains("Members {size:2")))
                .as("the survivors saw the member leave")
                .isNotNegative();
        Thread.sleep(3_000);

        HttpResponse<String> managed = send(
                "PUT",
                BALANCER + "/v1/zones/wujiaochang/control",
                BUREAU_KEY,
                "{\"mode\":\"MANAGED\",\"reason\":\"drill\",\"policy\":{\"targetOccupancy\":0.9}}");
        assertThat(managed.statusCode()).as(managed.body()).isEqualTo(200);
        for (int n : new int[] {0, 2}) {
            int node = n;
            long seen = within(5_000, () -> "MANAGED".equals(modeOn(node)));
            System.out.printf(
                    Locale.ROOT, "drill: node%d had the control %d ms after the balancer answered%n", n + 1, seen);
            assertThat(seen).as("node%d had the control within a second", n + 1).isBetween(0L, 1_000L);
        }

        long restartedAt = System.currentTimeMillis();
        Files.writeString(dir.resolve("node2.log"), "--- restarted ---\n");
        // as a supervisor would: a start that fails (the shared machine's Redis once took over its
        // connect timeout to answer) is tried again, up to three times
        for (int attempt = 1; ; attempt++) {
            nodes[1] = startNode(dir, 1, cluster);
            if (within(150_000, () -> !nodes[1].isAlive() || healthy(1)) >= 0 && nodes[1].isAlive()) {
                break;
            }
            assertThat(attempt)
                    .as("node2 started within three attempts; its log ends:%n%s", tail(log(dir, 1)))
                    .isLessThan(3);
        }
        long backAfter = within(10_000, () -> statusOf("node2").equals("UP"));
        assertThat(backAfter).as("HAProxy puts node2 back").isNotNegative();
        System.out.printf(
                Locale.ROOT,
                "drill: node2 restarted, UP in HAProxy %d ms after its start%n",
                System.currentTimeMillis() - restartedAt);
        assertThat(within(30_000, () -> log(dir, 1).contains("Members {size:3")))
                .as("the restarted node rejoined the cluster")
                .isNotNegative();
        assertThat(modeOn(1)).as("the restarted node has the control in force").isEqualTo("MANAGED");
        long servedBefore = sessionsOf("node2");
        Thread.sleep(3_000);
        assertThat(sessionsOf("node2")).as("HAProxy sends to node2 again").isGreaterThan(servedBefore);

        loading.set(false);
        for (Thread thread : load) {
            thread.join(10_000);
        }
        // a node answers lot reads from its copies, at most this old (issue 17): past it, every node
        // must read every entry counted exactly once, whichever node took it
        Thread.sleep(Settings.RECENT_OCCUPANCY_MAX_AGE.toMillis() + 100);
        for (String lot : GATE_LOTS) {
            JsonNode occupancy = JSON.readTree(send("GET", BALANCER + "/v1/lots/" + lot, null, null)
                            .body())
                    .path("occupancy");
            assertThat(occupancy.path("occupied").asInt())
                    .as("%s counted every entry once", lot)
                    .isEqualTo(entriesSent.get(lot).get());
        }
        int held = 0;
        for (Lot lot : GeoJsonDataSetReader.wujiaochang().lots()) {
            held += JSON.readTree(send("GET", BALANCER + "/v1/lots/" + lot.id(), null, null)
                            .body())
                    .path("occupancy")
                    .path("held")
                    .asInt();
        }
        assertThat(lastHoldByPlate).hasSize(DRIVERS);
        for (Map.Entry<String, String> hold : lastHoldByPlate.entrySet()) {
            String driver = "drill-" + hold.getKey().substring(hold.getKey().length() - 2);
            JsonNode allocation =
                    JSON.readTree(send("GET", BALANCER + "/v1/allocations/" + hold.getValue(), driverKey(driver), null)
                            .body());
            assertThat(allocation.path("status").asText())
                    .as("%s's last hold", hold.getKey())
                    .isEqualTo("HELD");
        }
        assertThat(held).as("one held space per plate, none lost, none doubled").isEqualTo(DRIVERS);

        List<Long> failures = new ArrayList<>(failedAt);
        long lastFailure = failures.stream().mapToLong(Long::longValue).max().orElse(killedAt);
        long beforeKill = failures.stream().filter(at -> at < killedAt).count();
        System.out.printf(
                Locale.ROOT,
                "drill: %d requests (%d gate batches, %d allocations, %d guidance), %d failed and were resent"
                        + " successfully (%d sent before the kill); the last failed one was sent %d ms after the kill at %s; failures: %s%n",
                attempts.get(),
                gateEvents.get(),
                allocations.get(),
                guidances.get(),
                failures.size(),
                beforeKill,
                lastFailure - killedAt,
                Instant.ofEpochMilli(killedAt),
                failedHow);
        assertThat(failures)
                .as("no request sent after HAProxy took the node out (and a second's grace) failed")
                .allSatisfy(at -> assertThat(at).isLessThanOrEqualTo(killedAt + outAfter + 1_000));
        System.out.printf(Locale.ROOT, "drill: whole drill %d ms%n", (System.nanoTime() - startAll) / 1_000_000);
    }

    private Process startNode(Path dir, int n, String cluster) throws IOException {
        Path config = dir.resolve("node" + (n + 1) + ".yaml");
        StringBuilder members = new StringBuilder();
        for (int port : CLUSTER_PORTS) {
            members.append(members.isEmpty() ? "" : ", ")
                    .append("\"127.0.0.1:")
                    .append(port)
                    .append('"');
        }
        StringBuilder credentials = new StringBuilder("credentials:\n");
        credentials.append(credential("OPERATOR", "op-wanda", OPERATOR_KEY));
        credentials.append(credential("BUREAU", "drill-bureau", BUREAU_KEY));
        for (int d = 0; d < DRIVERS; d++) {
            String driver = String.format(Locale.ROOT, "drill-%02d", d);
            credentials.append(credential("DRIVER", driver, driverKey(driver)));
        }
        Files.writeString(
                config,
                String.join(
                        "\n",
                        "http:",
                        "  host: 127.0.0.1",
                        "redis:",
                        "  uri: " + TestServices.redisUri(),
                        "  keyPrefix: " + prefix,
                        "postgres:",
                        "  url: \"" + TestServices.postgresUrl() + "\"",
                        "  user: null",
                        "  schema: " + schema,
                        "  poolSize: 4",
                        "allocation:",
                        "  maxAllocationsPerMinute: 100000",
                        "cluster:",
                        "  enabled: true",
                        "  name: " + cluster,
                        "  host: 127.0.0.1",
                        "  port: " + CLUSTER_PORTS[n],
                        "  members: [" + members + "]",
                        credentials.toString()));
        Process process = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx320m",
                        "-XX:+UseSerialGC",
                        "-XX:TieredStopAtLevel=1",
                        "-cp",
                        "target/parkgrid.jar:target/lib/*",
                        "city.parkgrid.deploy.ParkGridMain",
                        "serve",
                        "--config",
                        config.toString(),
                        "--port",
                        Integer.toString(HTTP_PORTS[n]))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        dir.resolve("node" + (n + 1) + ".log").toFile()))
                .start();
        processes.add(process);
        return process;
    }

    private static String credential(String role, String id, String key) {
        return "  - role: " + role + "\n    id: " + id + "\n    sha256: " + ApiKeys.sha256(key) + "\n";
    }

    private static String driverKey(String driver) {
        return "pgk_" + driver + "-key-0123456789abcdefghijklmnopqrstuvwxyz";
    }

    private void awaitHealthy(int n, long millis) {
        long waited = within(millis, () -> {
            assertThat(nodes[n].isAlive())
                    .as("node%d is running; its log ends:%n%s", n + 1, tail(log(dir, n)))
                    .isTrue();
            try {
                HttpResponse<String> health = send("GET", "http://127.0.0.1:" + HTTP_PORTS[n] + "/health", null, null);
                return health.statusCode() == 200 && health.body().contains("\"UP\"");
            } catch (IOException e) {
                return false;
            }
        });
        assertThat(waited).as("node%d UP", n + 1).isNotNegative();
    }

    private boolean healthy(int n) {
        try {
            HttpResponse<String> health = send("GET", "http://127.0.0.1:" + HTTP_PORTS[n] + "/health", null, null);
            return health.statusCode() == 200 && health.body().contains("\"UP\"");
        } catch (IOException e) {
            return false;
        }
    }

    private String modeOn(int n) {
        try {
            return JSON.readTree(send(
                                    "GET",
                                    "http://127.0.0.1:" + HTTP_PORTS[n] + "/v1/zones/wujiaochang/control",
                                    null,
                                    null)
                            .body())
                    .path("mode")
                    .asText();
        } catch (IOException e) {
            return "unreachable";
        }
    }

    /** A load thread: {@code step} until the drill ends, every {@code pauseMillis}. */
    private Thread loop(String name, Step step, long pauseMillis) {
        Thread thread = new Thread(
                () -> {
                    int i = 0;
                    while (loading.get()) {
                        step.run(i++);
                        try {
                            Thread.sleep(pauseMillis);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                },
                "drill-" + name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private interface Step {
        void run(int i);
    }

    private final AtomicInteger eventNumber = new AtomicInteger();

    private void gateBatch(int i) {
        String lot = GATE_LOTS.get(i % GATE_LOTS.size());
        StringBuilder events = new StringBuilder("[");
        for (int e = 0; e < 2; e++) {
            int number = eventNumber.incrementAndGet();
            events.append(e == 0 ? "" : ",")
                    .append(String.format(
                            Locale.ROOT,
                            "{\"eventId\":\"drill-%d\",\"type\":\"ENTRY\",\"plate\":\"沪E%05d\",\"at\":\"%s\"}",
                            number,
                            number,
                            Instant.now()));
        }
        resend(
                "POST",
                "/v1/lots/" + lot + "/events",
                OPERATOR_KEY,
                events.append(']').toString());
        entriesSent.computeIfAbsent(lot, l -> new AtomicInteger()).addAndGet(2);
        gateEvents.incrementAndGet();
    }

    private void allocate(int i) {
        String driver = String.format(Locale.ROOT, "drill-%02d", i % DRIVERS);
        String plate = "沪F000" + driver.substring(driver.length() - 2);
        HttpResponse<String> reply = resend(
                "POST",
                "/v1/allocations",
                driverKey(driver),
                "{\"plate\":\"" + plate + "\",\"destination\":" + DESTINATION + "}");
        try {
            lastHoldByPlate.put(plate, JSON.readTree(reply.body()).path("id").asText());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        allocations.incrementAndGet();
    }

    private void guide(int i) {
        resend("POST", "/v1/guidance", null, "{\"destination\":" + DESTINATION + "}");
        guidances.incrementAndGet();
    }

    /** Sends until answered 2xx, as a client that retries does; every failure is recorded. */
    private HttpResponse<String> resend(String method, String path, String key, String body) {
        while (true) {
            attempts.incrementAndGet();
            long sentAt = System.currentTimeMillis();
            try {
                HttpResponse<String> reply = send(method, BALANCER + path, key, body);
                if (reply.statusCode() / 100 == 2) {
                    return reply;
                }
                assertThat(reply.statusCode())
                        .as("%s %s: %s", method, path, reply.body())
                        .isGreaterThanOrEqualTo(500);
                recordFailure(path, Integer.toString(reply.statusCode()), sentAt);
            } catch (IOException e) {
                recordFailure(path, e.getClass().getSimpleName(), sentAt); // the connection broke: resent below
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** A failed attempt, by when it was sent: one sent to a node just before it died may time out later. */
    private void recordFailure(String path, String how, long sentAt) {
        failedAt.add(sentAt);
        failedHow.add(path + " " + how + ", sent at " + Instant.ofEpochMilli(sentAt));
    }

    private HttpResponse<String> send(String method, String url, String key, String body) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(3))
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** One server's line of HAProxy's statistics (CSV), by its name in the backend. */
    private String[] statsOf(String server) {
        try {
            String[] lines = send("GET", STATS, null, null).body().split("\n");
            List<String> header = List.of(lines[0].substring(2).split(","));
            for (String line : lines) {
                String[] fields = line.split(",", -1);
                if (fields.length > 1 && fields[0].equals("nodes") && fields[1].equals(server)) {
                    return new String[] {fields[header.indexOf("status")], fields[header.indexOf("stot")]};
                }
            }
            return new String[] {"absent", "0"};
        } catch (IOException e) {
            return new String[] {"unreachable", "0"};
        }
    }

    private String statusOf(String server) {
        return statsOf(server)[0];
    }

    private long sessionsOf(String server) {
        return Long.parseLong(statsOf(server)[1]);
    }

    private static String log(Path dir, int n) {
        try {
            Path log = dir.resolve("node" + (n + 1) + ".log");
            String text = Files.exists(log) ? Files.readString(log) : "";
            int restart = text.lastIndexOf("--- restarted ---");
            return restart < 0 ? text : text.substring(restart);
        } catch (IOException e) {
            return "";
        }
    }

    private static String tail(String log) {
        return log.substring(Math.max(0, log.length() - 4_000));
    }

    /** Milliseconds until {@code condition} held, polled every 50 ms, or -1 after {@code millis}. */
    private static long within(long millis, BooleanSupplier condition) {
        long start = System.currentTimeMillis();
        while (System.currentTimeMillis() - start < millis) {
            if (condition.getAsBoolean()) {
                return System.currentTimeMillis() - start;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
        }
        return -1;
    }
}
