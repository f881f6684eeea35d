package city.parkgrid.api.console;

import city.parkgrid.api.http.Problem;
import city.parkgrid.api.http.ProblemException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * The web console: its two pages and their files. The console is a client of the public API like
 * any other; these handlers only hand out static files.
 */
public final class ConsoleHandlers {

    private ConsoleHandlers() {}

    /** {@code GET /} and {@code GET /wall}: a page, built once for this node. */
    public static final class Page implements Handler<RoutingContext> {

        private final ConsoleAssets.Asset page;

        public Page(ConsoleAssets assets, String which, String mode, String tileUrl) {
            this.page = assets.page(which, mode, tileUrl);
        }

        @Override
        public void handle(RoutingContext ctx) {
            send(ctx, page);
        }
    }

    /** {@code GET /console/{asset}}: one of the console's files. */
    public static final class Asset implements Handler<RoutingContext> {

        private final ConsoleAssets assets;

        public Asset(ConsoleAssets assets) {
            this.assets = assets;
        }

        @Override
        public void handle(RoutingContext ctx) {
            String name = ctx.pathParam("asset");
            ConsoleAssets.Asset asset = assets.asset(name);
            if (asset == null) {
                throw new ProblemException(Problem.notFound("the console has no file " + name));
            }
            send(ctx, asset);
        }
    }

    /**
     * Revalidated on every load ({@code no-cache}) so that a new release is seen at once, yet a
     * reload costs only 304s; gzipped when the browser accepts it (every browser does).
     */
    static void send(RoutingContext ctx, ConsoleAssets.Asset asset) {
        HttpServerResponse response = ctx.response()
                .putHeader("Content-Type", asset.contentType())
                .putHeader("ETag", asset.etag())
                .putHeader("Cache-Control", "no-cache")
                .putHeader("Vary", "Accept-Encoding")
                .putHeader("X-Content-Type-Options", "nosniff");
        if (asset.etag().equals(ctx.request().getHeader("If-None-Match"))) {
            response.setStatusCode(304).end();
            return;
        }
        String accepted = ctx.request().getHeader("Accept-Encoding");
        if (accepted != null && accepted.contains("gzip")) {
            response.putHeader("Content-Encoding", "gzip").end(asset.gzipped());
        } else {
            response.end(asset.body());
        }
    }
}
