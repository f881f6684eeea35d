package city.parkgrid.loadtests;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The HTTP stack's floor for issue 17's side-by-side benchmark: a bare Vert.x 5 HTTP server that
 * answers each request (method and path with its query, as ParkGrid was asked) with the very
 * bytes ParkGrid answered it, read once at start; everything else is a 404. It reads a request's
 * whole body before answering, as ParkGrid does, and does nothing else: what ParkGrid costs above
 * it is ParkGrid's.
 *
 * <p>{@code java -cp … city.parkgrid.loadtests.FloorServer PORT METHOD PATH FILE [METHOD PATH FILE …]}
 */
public final class FloorServer {

    private FloorServer() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 4 || (args.length - 1) % 3 != 0) {
            System.err.println("usage: FloorServer PORT METHOD PATH FILE [METHOD PATH FILE ...]");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        Map<String, Buffer> answers = new HashMap<>();
        for (int i = 1; i < args.length; i += 3) {
            answers.put(args[i] + " " + args[i + 1], Buffer.buffer(Files.readAllBytes(Path.of(args[i + 2]))));
        }
        Buffer notFound = Buffer.buffer("{\"status\":404}");
        Vertx vertx = Vertx.vertx();
        vertx.createHttpServer()
                .requestHandler(request -> request.body().onSuccess(body -> {
                    Buffer answer = answers.get(request.method().name() + " " + request.uri());
                    request.response()
                            .setStatusCode(answer == null ? 404 : 200)
                            .putHeader("Content-Type", "application/json")
                            .end(answer == null ? notFound : answer);
                }))
                .listen(port, "127.0.0.1")
                .await();
        System.out.println("floor server on 127.0.0.1:" + port + " with " + answers.size() + " answers");
    }
}
