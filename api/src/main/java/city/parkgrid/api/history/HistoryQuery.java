package city.parkgrid.api.history;

import city.parkgrid.InvalidInputException;
import city.parkgrid.api.http.QueryParams;
import city.parkgrid.history.HistoryRange;
import city.parkgrid.history.OccupancyHistory;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.format.DateTimeParseException;

/** The {@code from}, {@code to} and {@code step} of a history request, and whether CSV is asked for. */
final class HistoryQuery {

    static final String CSV = "text/csv";

    private HistoryQuery() {}

    /** The range asked for, defaults filled in by the use case; 400 naming the parameter otherwise. */
    static HistoryRange range(RoutingContext ctx, OccupancyHistory history) {
        return history.range(
                QueryParams.instant(ctx, "from"),
                QueryParams.instant(ctx, "to"),
                step(ctx.queryParams().get("step")));
    }

    /** Whether the client prefers CSV ({@code Accept: text/csv}); JSON otherwise. */
    static boolean wantsCsv(RoutingContext ctx) {
        String accept = ctx.request().getHeader("Accept");
        return accept != null && accept.toLowerCase(java.util.Locale.ROOT).contains(CSV);
    }

    private static Duration step(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return Duration.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(
                    "step", "must be an ISO-8601 duration such as PT15M or PT1H, was '" + value + "'");
        }
    }
}
