package city.parkgrid.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import city.parkgrid.api.Node;
import city.parkgrid.api.testing.RawHttp;
import city.parkgrid.api.testing.RawHttp.Reply;
import city.parkgrid.api.wiring.EmbeddedWiring;
import city.parkgrid.dataset.GeoJsonDataSetReader;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 18, defect 9: every error is an RFC 9457 problem document, those the HTTP decoder and the
 * URI decoder raise included (414, malformed percent-escapes), and no detail echoes the whole
 * input or names the parser's classes. Over raw sockets, since java.net.URI refuses to send what
 * these clients send.
 */
class ProblemDocumentsForEveryErrorTest {

    private static Vertx vertx;
    private static Node node;
    private static int port;

    @BeforeAll
    static void serve() {
        vertx = Vertx.vertx();
        node = EmbeddedWiring.node(GeoJsonDataSetReader.wujiaochang(), Clock.systemUTC());
        node.useCases().catalog().registerLots().toCompletableFuture().join();
        HttpVerticle verticle = new HttpVerticle(
                node, "127.0.0.1", 0, new HttpVerticle.Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(10)));
        vertx.deployVerticle(verticle).toCompletionStage().toCompletableFuture().join();
        port = verticle.actualPort();
    }

    @AfterAll
    static void stop() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
        node.close();
    }

    @Test
    void aRequestLineTooLongIsA414ProblemThatDoesNotEchoIt() {
        Reply reply = send("GET", "/v1/lots?near=" + "9".repeat(10_000), null);
        assertThat(reply.status()).isEqualTo(414);
        assertProblem(reply, 414);
    }

    @Test
    void aMalformedEscapeInThePathIsA400Problem() {
        Reply reply = send("GET", "/v1/lots/%zz", null);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
        assertProblem(reply, 400);
    }

    @Test
    void aTruncatedEscapeInThePathIsA400Problem() {
        Reply reply = send("GET", "/v1/lots/wanda%E0%A4%A", null);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
        assertProblem(reply, 400);
    }

    @Test
    void aMalformedEscapeInTheQueryIsA400Problem() {
        Reply reply = send("GET", "/v1/lots?near=%E0%A4%A", null);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
        assertProblem(reply, 400);
        Reply other = send("GET", "/v1/lots?near=31.3%zz", null);
        assertThat(other.status()).as(other.toString()).isEqualTo(400);
        assertProblem(other, 400);
    }

    @Test
    void malformedJsonWithAHugeStringIsNamedByLineAndColumnWithoutEchoingItOrNamingClasses() {
        String huge = "x".repeat(10_000);
        for (String body : new String[] {
            "{\"destination\": \"" + huge, // a string that never ends
            "{\"destination\": " + huge + "}", // a token that is not JSON
            "{\"destination\": {\"lat\": 31.3, \"lon\": 121.5}, \"" + huge + "\" 1}" // a key without colon
        }) {
            Reply reply = send("POST", "/v1/guidance", body);
            assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
            JsonObject problem = assertProblem(reply, 400);
            assertThat(problem.getString("detail")).as(reply.toString()).containsPattern("line \\d+ column \\d+");
        }
    }

    @Test
    void anEchoedValueIsCutShort() {
        Reply reply = send("GET", "/v1/regions/locate?lat=" + "1".repeat(2_000) + "x&lon=121.5", null);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
        assertProblem(reply, 400);
    }

    @Test
    void everyDetailIsBoundedWhateverBuiltIt() {
        String huge = "沪".repeat(5_000);
        Problem problem = Problem.invalidField(
                "mode",
                "com.fasterxml.jackson.core.JsonParseException: must be one of [NORMAL], was '" + huge
                        + "'\u0000 (NumberFormatException: For input string)");
        assertThat(problem.detail())
                .hasSizeLessThan(Problem.DETAIL_LIMIT + 1)
                .startsWith("mode: must be one of [NORMAL], was '沪沪")
                .doesNotContain("com.fasterxml", "Exception", "\u0000");
        assertThat(problem.detail()).containsOnlyOnce("…");
        assertThat(Problem.echo(huge)).hasSize(Problem.ECHO_LIMIT);
        assertThat(problem.toJson("/v1/lots/" + huge).getString("instance"))
                .hasSizeLessThan(Problem.INSTANCE_LIMIT + 1);
        assertThat(Problem.invalidField("plate", "must be a plate, was '沪A12345'")
                        .detail())
                .as("a short detail is left as it is")
                .isEqualTo("plate: must be a plate, was '沪A12345'");
    }

    /** A problem document of that status, whose detail and instance stay short and name no internal class. */
    private static JsonObject assertProblem(Reply reply, int status) {
        assertThat(reply.header("content-type")).as(reply.toString()).startsWith(Problem.MEDIA_TYPE);
        JsonObject problem = new JsonObject(reply.body());
        assertThat(problem.getInteger("status")).isEqualTo(status);
        assertThat(problem.getString("title")).isNotBlank();
        String detail = problem.getString("detail");
        assertThat(detail).isNotBlank().hasSizeLessThan(300);
        for (String leak : new String[] {"com.fasterxml", "io.vertx", "io.netty", "java.", "Exception"}) {
            assertThat(detail).as("detail names no internal class: " + detail).doesNotContain(leak);
        }
        assertThat(reply.body()).as("the whole answer stays short").hasSizeLessThan(800);
        return problem;
    }

    private static Reply send(String method, String target, String body) {
        return RawHttp.send(port, method, target, body);
    }
}
