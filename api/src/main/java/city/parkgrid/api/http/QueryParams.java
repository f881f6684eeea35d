package city.parkgrid.api.http;

import city.parkgrid.InvalidInputException;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Query parameters that more than one capability reads, checked the same way everywhere.
 * openapi.yaml already refuses most bad values before a handler runs; these keep the handlers
 * right on their own.
 */
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

    /** The integer parameter, {@code fallback} when absent; a 400 naming it when not in [min, max]. */
    public static int integer(RoutingContext ctx, String name, int fallback, int minimum, int maximum) {
        String text = ctx.queryParams().get(name);
        if (text == null) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text.trim());
            if (value >= minimum && value <= maximum) {
                return value;
            }
        } catch (NumberFormatException e) {
            // falls through to the problem below
        }
        throw new ProblemException(Problem.invalidField(
                name,
                maximum == Integer.MAX_VALUE
                        ? "must be an integer of at least " + minimum
                        : "must be an integer from " + minimum + " to " + maximum));
    }

    /** The number parameter, or null when absent; a 400 naming it when not a finite number in [min, max]. */
    public static Double number(RoutingContext ctx, String name, double minimum, double maximum) {
        String text = ctx.queryParams().get(name);
        if (text == null) {
            return null;
        }
        try {
            double value = Double.parseDouble(text.trim());
            if (value >= minimum && value <= maximum) {
                return value;
            }
        } catch (NumberFormatException e) {
            // falls through to the problem below
        }
        throw new ProblemException(Problem.invalidField(
                name, "must be a number from " + minimum + " to " + maximum + ", was '" + text + "'"));
    }

    /** The members from {@code offset}, at most {@code limit} of them (empty past the end). */
    public static <T> List<T> page(List<T> all, int offset, int limit) {
        int from = Math.min(offset, all.size());
        return all.subList(from, (int) Math.min(all.size(), (long) from + limit));
    }
}
