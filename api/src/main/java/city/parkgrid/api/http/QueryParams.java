package city.parkgrid.api.http;

import city.parkgrid.InvalidInputException;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Query parameters that more than one capability reads, checked the same way everywhere. */
public final class QueryParams {

    private QueryParams() {}

    /**
     * An ISO-8601 time with an offset or Z, or null when the parameter is absent or empty; a local
     * time without an offset is ambiguous and refused (400 naming the parameter).
     */
    public static Instant instant(RoutingContext ctx, String name) {
        String value = ctx.queryParams().get(name);
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(
                    name,
                    "must be an ISO-8601 time with an offset or Z (2026-11-28T10:00:00+08:00), was '" + value + "'");
        }
    }

    /** The same, required. */
    public static Instant requiredInstant(RoutingContext ctx, String name) {
        Instant value = instant(ctx, name);
        if (value == null) {
            throw new InvalidInputException(name, "is required: an ISO-8601 time with an offset or Z");
        }
        return value;
    }
}
