package city.parkgrid.deploy;

import static city.parkgrid.api.testing.GateEvents.batch;
import static city.parkgrid.api.testing.GateEvents.entry;
import static city.parkgrid.api.testing.GateEvents.exit;
import static org.assertj.core.api.Assertions.assertThat;

import city.parkgrid.access.ApiKeys;
import city.parkgrid.access.Role;
import city.parkgrid.accounts.Ledger;
import city.parkgrid.accounts.PaymentMethod;
import city.parkgrid.accounts.SessionStatus;
import city.parkgrid.accounts.postgres.PostgresAccountBook;
import city.parkgrid.api.config.ParkGridConfig;
import city.parkgrid.api.testing.PlatformUnderTest;
import city.parkgrid.api.testing.ServeFixture;
import city.parkgrid.api.wiring.ServeWiring;
import city.parkgrid.money.Money;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A ParkGrid process killed between the payer charging and the ledger write loses nothing, and
 * the payment is recorded once after a restart: the session stays PENDING in PostgreSQL, the
 * retry asks the payer again with the same idempotency key, and the payer does not charge twice.
 */
class SettlementCrashIT {

    private static final String OPERATOR_KEY = "pgk_operator-crash-test-key-0123456789abcdefgh";
    private static final String DRIVER_KEY = "pgk_driver-crash-test-key-0123456789abcdefghij";

    private ServeFixture fixture;
    private ParkGridConfig config;

    @BeforeEach
    void start() {
        fixture = new ServeFixture(List.of(
                new ParkGridConfig.Credential(Role.OPERATOR, "op-wanda", ApiKeys.sha256(OPERATOR_KEY)),
                new ParkGridConfig.Credential(Role.DRIVER, "alice", ApiKeys.sha256(DRIVER_KEY))));
        ParkGridConfig.Accounts accounts = fixture.config().accounts();
        config = fixture.config()
                .withAccounts(new ParkGridConfig.Accounts(
                        accounts.commissionBasisPoints(), Duration.ofMillis(500), accounts.gateway()));
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void aProcessKilledBetweenChargeAndLedgerWriteChargesOnceAfterRestart(@TempDir Path dir) throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        try (PlatformUnderTest node = new PlatformUnderTest(ServeWiring.node(config, Clock.systemUTC()))) {
            assertThat(node.send(
                                    "PUT",
                                    "/v1/lots/wanda-plaza/tariff",
                                    OPERATOR_KEY,
                                    new JsonObject()
                                            .put("freeMinutes", 15)
                                            .put("dayRateFen", 1_000)
                                            .put("nightRateFen", 500)
                                            .put("dayStarts", "08:00")
                                            .put("nightStarts", "20:00")
                                            .put("dailyCapFen", 6_000)
                                            .encode())
                            .status())
                    .isEqualTo(200);
            assertThat(node.send(
                                    "POST",
                                    "/v1/accounts",
                                    DRIVER_KEY,
                                    new JsonObject()
                                            .put("plates", new JsonArray().add("沪A10001"))
                                            .put(
                                                    "paymentMethod",
                                                    new JsonObject()
                                                            .put("type", "LINKED")
                                                            .put("provider", "ALIPAY")
                                                            .put("reference", "2088-alice"))
                                            .encode())
                            .status())
                    .isEqualTo(201);
            node.send(
                    "POST",
                    "/v1/lots/wanda-plaza/events",
                    OPERATOR_KEY,
                    batch(entry("in-1", "沪A10001", now.minusSeconds(7200))));
        }

        Process crashing = startServeProcess(dir, true);
        try {
            int port = awaitPort(dir.resolve("serve.log"));
            HttpClient http =
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            try {
                http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/lots/wanda-plaza/events"))
                                .header("Authorization", "Bearer " + OPERATOR_KEY)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(batch(exit("out-1", "沪A10001", now))))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
            } catch (IOException connectionDroppedByTheCrash) {
                // expected when the process halts before answering
            }
            assertThat(crashing.waitFor(30, TimeUnit.SECONDS))
                    .as("the process halted")
                    .isTrue();
            assertThat(crashing.exitValue()).isEqualTo(137);
        } finally {
            crashing.destroyForcibly();
        }

        PostgresAccountBook book = new PostgresAccountBook(fixture.database());
        var session = book.listSessions("alice").get(0);
        assertThat(session.status()).isEqualTo(SessionStatus.PENDING);
        assertThat(chargesAtThePayer(session.id())).isEqualTo(1);
        assertThat(book.ledgerBalance(Ledger.payer(PaymentMethod.Provider.ALIPAY)))
                .isEqualTo(Money.ZERO);

        try (PlatformUnderTest restarted = new PlatformUnderTest(ServeWiring.node(config, Clock.systemUTC()))) {
            long deadline = System.currentTimeMillis() + 15_000;
            while (book.findSession(session.id()).orElseThrow().status() == SessionStatus.PENDING
                    && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
            assertThat(book.findSession(session.id()).orElseThrow().status()).isEqualTo(SessionStatus.SETTLED);
            assertThat(chargesAtThePayer(session.id())).isEqualTo(1);
            assertThat(book.ledgerBalance(Ledger.payer(PaymentMethod.Provider.ALIPAY)))
                    .isEqualTo(Money.ZERO.minus(session.fee()));
            assertThat(book.trialBalance().balanced()).isTrue();
            assertThat(restarted
                            .send("GET", "/v1/accounts/alice/sessions", DRIVER_KEY, null)
                            .jsonArray("sessions")
                            .getJsonObject(0)
                            .getString("status"))
                    .isEqualTo("SETTLED");
        }
    }

    private int chargesAtThePayer(String key) throws Exception {
        try (Connection c = fixture.database().dataSource().getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT count(*) FROM simulated_payer_charges WHERE idempotency_key = '" + key + "'")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** A real serve process whose simulated payer halts the JVM right after charging. */
    private Process startServeProcess(Path dir, boolean haltAfterCharge) throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path credentials = dir.resolve("credentials.yaml");
        Files.writeString(
                credentials, "- role: OPERATOR\n  id: op-wanda\n  sha256: " + ApiKeys.sha256(OPERATOR_KEY) + "\n");
        Path yaml = dir.resolve("config.yaml");
        Files.writeString(
                yaml,
                String.join(
                        "\n",
                        "http:",
                        "  host: 127.0.0.1",
                        "  port: " + port,
                        "redis:",
                        "  uri: " + config.redis().uri(),
                        "  keyPrefix: " + config.redis().keyPrefix(),
                        "postgres:",
                        "  url: \"" + config.postgres().url() + "\"",
                        "  user: null",
                        "  schema: " + config.postgres().schema(),
                        "accounts:",
                        "  paymentRetry: PT0.5S",
                        "  gateway:",
                        "    latencyMillis: 0",
                        "    declineRate: 0.0",
                        "    timeoutRate: 0.0",
                        "    seed: 1",
                        "    haltAfterCharge: " + haltAfterCharge,
                        "credentialsFile: " + credentials,
                        ""));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        "city.parkgrid.deploy.ParkGridMain",
                        "serve",
                        "--config",
                        yaml.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("serve.log").toFile())
                .start();
    }

    private static int awaitPort(Path log) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            if (Files.exists(log)) {
                for (String line : Files.readAllLines(log)) {
                    int at = line.indexOf("ParkGrid serving on http://127.0.0.1:");
                    if (at >= 0) {
                        return Integer.parseInt(line.substring(at + "ParkGrid serving on http://127.0.0.1:".length())
                                .split(" ")[0]);
                    }
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("serve did not start:\n" + (Files.exists(log) ? Files.readString(log) : "(no log)"));
    }
}
