package city.parkgrid.api.history;

import city.parkgrid.access.Role;
import city.parkgrid.api.http.Authentication;
import city.parkgrid.api.http.Problem;
import city.parkgrid.api.http.ProblemException;
import city.parkgrid.history.ImportRowException;
import city.parkgrid.history.OccupancyHistory;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;

/**
 * {@code POST /v1/history} (bureau): imports a city's archive of past occupancy, CSV rows {@code
 * lotId,at,occupied[,capacity]}, all or nothing and idempotently. A refused row is a 400 naming
 * its {@code line} and {@code field}; nothing is imported then.
 */
public final class PostHistoryHandler implements Handler<RoutingContext> {

    /** The largest archive one request may carry (about 400,000 rows); larger files are sent in parts. */
    public static final long MAX_BODY_BYTES = 16L * 1024 * 1024;

    private final OccupancyHistory history;

    public PostHistoryHandler(OccupancyHistory history) {
        this.history = history;
    }

    @Override
    public void handle(RoutingContext ctx) {
        Authentication.requireRole(ctx, Role.BUREAU);
        String csv = ctx.body().buffer() == null ? "" : ctx.body().buffer().toString(StandardCharsets.UTF_8);
        ctx.vertx()
                .executeBlocking(() -> history.importCsv(csv), false)
                .onSuccess(result -> ctx.json(new JsonObject()
                        .put("rows", result.rows())
                        .put("inserted", result.inserted())
                        .put("unchanged", result.unchanged())))
                .onFailure(failure -> ctx.fail(
                        failure instanceof ImportRowException row
                                ? new ProblemException(Problem.invalidField(row.field(), row.getMessage())
                                        .with("line", row.line()))
                                : failure));
    }
}
