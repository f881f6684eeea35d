package city.parkgrid.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import city.parkgrid.NotFoundException;
import city.parkgrid.StorageUnavailableException;
import city.parkgrid.accounts.AccountService;
import city.parkgrid.accounts.PlateBoundException;
import city.parkgrid.postgres.PostgresDatabase;
import city.parkgrid.zones.control.ControlConflictException;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Which status each failure the domain (and its adapters' classification) names is answered with,
 * over real HTTP so that the headers are the ones a client sees.
 */
class ProblemFailureHandlerTest {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static Vertx vertx;
    private static Router router;
    private static int port;

    @BeforeAll
    static void serve() throws Exception {
        vertx = Vertx.vertx();
        router = Router.router(vertx);
        failing(
                "/pg-refused",
                () -> PostgresDatabase.failure(
                        "reading accounts", new SQLException("Connection to 127.0.0.1:5432 refused", "08001")));
        failing(
                "/pg-pool-timeout",
                () -> PostgresDatabase.failure(
                        "reading accounts",
                        new SQLTransientConnectionException(
                                "parkgrid-pg - Connection is not available, request timed out after 5000ms")));
        failing(
                "/pg-admin-shutdown",
                () -> PostgresDatabase.failure(
                        "reading accounts",
                        new SQLException("terminating connection due to administrator command", "57P01")));
        failing(
                "/pg-syntax-error",
                () -> PostgresDatabase.failure(
                        "reading accounts", new SQLException("syntax error at or near \"SELEC\"", "42601")));
        failing(
                "/pg-no-state",
                () -> PostgresDatabase.failure("reading accounts", new SQLException("Connection is closed")));
        failing(
                "/wrapped-unavailable",
                () -> new CompletionException(new ExecutionException(
                        new StorageUnavailableException("Redis", "Redis cannot be reached", null))));
        failing("/not-found", () -> new NotFoundException("account", "bob"));
        failing("/wrapped-not-found", () -> new CompletionException(new NotFoundException("account", "bob")));
        failing("/bare-no-such-element", NoSuchElementException::new);
        failing("/plate-bound", () -> new PlateBoundException("沪A10001"));
        failing("/account-exists", () -> new AccountService.AccountExistsException("alice"));
        failing("/control-conflict", () -> new ControlConflictException("lot 'wanda-plaza' is closed by the bureau"));
        router.route().failureHandler(new ProblemFailureHandler());
        HttpServer server = vertx.createHttpServer()
                .requestHandler(router)
                .listen(0, "127.0.0.1")
                .toCompletionStage()
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        port = server.actualPort();
    }

    private static void failing(String path, Supplier<Throwable> failure) {
        router.get(path).handler(ctx -> ctx.fail(failure.get()));
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void postgresOutOfReachIs503WithRetryAfter() throws Exception {
        for (String path :
                new String[] {"/pg-refused", "/pg-pool-timeout", "/pg-admin-shutdown", "/wrapped-unavailable"}) {
            HttpResponse<String> reply = get(path);
            assertThat(reply.statusCode()).as(path).isEqualTo(503);
            assertThat(reply.headers().firstValue("Content-Type")).as(path).hasValue(Problem.MEDIA_TYPE);
            assertThat(reply.headers().firstValue("Retry-After"))
                    .as(path)
                    .hasValue(Integer.toString(ProblemFailureHandler.RETRY_AFTER_SECONDS));
            assertThat(new JsonObject(reply.body()).getString("type")).as(path).isEqualTo("/problems/unavailable");
        }
    }

    @Test
    void aStatementPostgresRejectsIsABugAnswered500WithoutRetryAfter() throws Exception {
        for (String path : new String[] {"/pg-syntax-error", "/pg-no-state", "/bare-no-such-element"}) {
            HttpResponse<String> reply = get(path);
            assertThat(reply.statusCode()).as(path).isEqualTo(500);
            assertThat(reply.headers().firstValue("Retry-After")).as(path).isEmpty();
            assertThat(reply.body()).as(path).doesNotContain("SELEC");
        }
    }

    @Test
    void aLookupThatFoundNothingIs404NamingWhat() throws Exception {
        for (String path : new String[] {"/not-found", "/wrapped-not-found"}) {
            HttpResponse<String> reply = get(path);
            assertThat(reply.statusCode()).as(path).isEqualTo(404);
            assertThat(new JsonObject(reply.body()).getString("detail"))
                    .as(path)
                    .isEqualTo("no account 'bob'");
        }
    }

    @Test
    void everyConflictIs409WithItsOwnTypeAndField() throws Exception {
        JsonObject bound = new JsonObject(get("/plate-bound").body());
        assertThat(bound.getInteger("status")).isEqualTo(409);
        assertThat(bound.getString("type")).isEqualTo("/problems/plate-bound");
        assertThat(bound.getString("field")).isEqualTo("plates");
        JsonObject exists = new JsonObject(get("/account-exists").body());
        assertThat(exists.getInteger("status")).isEqualTo(409);
        assertThat(exists.getString("type")).isEqualTo("/problems/account-exists");
        assertThat(exists.containsKey("field")).isFalse();
        JsonObject control = new JsonObject(get("/control-conflict").body());
        assertThat(control.getInteger("status")).isEqualTo(409);
        assertThat(control.getString("type")).isEqualTo("/problems/control-conflict");
        assertThat(control.getString("detail")).contains("closed by the bureau");
    }
}
