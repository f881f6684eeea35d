package city.parkgrid.api.http;

import city.parkgrid.InvalidInputException;
import city.parkgrid.Plates;
import city.parkgrid.Times;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.StreamReadException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.jackson.JacksonCodec;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Reads request JSON strictly, naming the field at fault in the problem it raises: a client that
 * sends {@code "occupied": "12"} learns that {@code occupied} must be an integer, not that
 * something went wrong. Thread-safe (stateless).
 */
public final class JsonInput {

    private JsonInput() {}

    /**
     * The body as Vert.x decodes it, except that a key given twice in one object is refused (a 400
     * naming it) rather than the last one silently winning: {@code {"plate": "沪A12345", "plate":
     * "沪B00000"}} may be read differently by a proxy, a log or a signature check in front of us.
     */
    public static Object parse(Buffer body) {
        if (body == null || body.length() == 0) {
            throw new ProblemException(Problem.malformedJson("the request body is empty"));
        }
        JsonParser parser = JacksonCodec.createParser(body);
        parser.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        try {
            return JacksonCodec.fromParser(parser, Object.class);
        } catch (DecodeException e) {
            if (e.getCause() instanceof StreamReadException cause
                    && String.valueOf(cause.getOriginalMessage()).startsWith("Duplicate field")) {
                String field = path(parser.getParsingContext());
                throw new ProblemException(Problem.invalidField(field, "is given more than once in the same object"));
            }
            throw new ProblemException(Problem.malformedJson(where(e, parser)));
        }
    }

    /**
     * What is wrong, and where, without Jackson's wording: its messages name its own classes, the
     * source object and an excerpt of the input (the token at fault, up to hundreds of characters).
     */
    private static String where(DecodeException e, JsonParser parser) {
        String what = e.getCause() instanceof StreamReadException cause ? kind(cause.getOriginalMessage()) : null;
        JsonLocation at = e.getCause() instanceof StreamReadException cause && cause.getLocation() != null
                ? cause.getLocation()
                : parser.currentLocation();
        String location = "malformed JSON at line " + at.getLineNr() + " column " + at.getColumnNr();
        return what == null ? location : location + ": " + what;
    }

    /** Jackson's reason in a few words of our own, or null when it is none of the usual ones. */
    private static String kind(String original) {
        String m = String.valueOf(original);
        if (m.startsWith("Unexpected end-of-input")) {
            return "the body ends before the JSON does";
        }
        if (m.startsWith("Unrecognized token")) {
            return "a word that is not JSON (strings need double quotes)";
        }
        if (m.startsWith("Unexpected character")) {
            return "an unexpected character";
        }
        if (m.startsWith("Illegal unquoted character")) {
            return "a control character inside a string";
        }
        if (m.startsWith("Unrecognized character escape")) {
            return "an invalid escape inside a string";
        }
        if (m.contains("Invalid UTF-8")) {
            return "bytes that are not UTF-8";
        }
        if (m.startsWith("Numeric value") || m.contains("out of range")) {
            return "a number out of range";
        }
        if (m.contains("exceeds the maximum")) {
            return "a value longer than the platform reads";
        }
        return null;
    }

    /** Where the parser stands, as the handlers name fields: {@code [1].plate}, {@code destination.lat}. */
    private static String path(JsonStreamContext context) {
        Deque<String> segments = new ArrayDeque<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                segments.push("[" + Math.max(0, c.getCurrentIndex()) + "]");
            } else if (c.getCurrentName() != null) {
                segments.push(c.getCurrentName());
            }
        }
        StringBuilder field = new StringBuilder();
        for (String segment : segments) {
            field.append(field.length() == 0 || segment.startsWith("[") ? "" : ".")
                    .append(segment);
        }
        return field.length() == 0 ? "(body)" : field.toString();
    }

    public static JsonObject object(Buffer body) {
        Object value = parse(body);
        if (value instanceof JsonObject object) {
            return object;
        }
        throw new ProblemException(Problem.invalidField("(body)", "must be a JSON object"));
    }

    public static JsonArray array(Buffer body) {
        Object value = parse(body);
        if (value instanceof JsonArray array) {
            return array;
        }
        throw new ProblemException(Problem.invalidField("(body)", "must be a JSON array"));
    }

    public static JsonObject object(Object value, String field) {
        if (value instanceof JsonObject object) {
            return object;
        }
        throw new ProblemException(Problem.invalidField(field, "must be a JSON object"));
    }

    public static String requiredString(JsonObject json, String name, String path) {
        Object value = json.getValue(name);
        if (value == null) {
            throw missing(path);
        }
        if (!(value instanceof String text) || text.isBlank()) {
            throw new ProblemException(Problem.invalidField(path, "must be a non-empty string"));
        }
        return text;
    }

    public static String optionalString(JsonObject json, String name, String path) {
        return json.getValue(name) == null ? null : requiredString(json, name, path);
    }

    public static int requiredInt(JsonObject json, String name, String path) {
        Object value = json.getValue(name);
        if (value == null) {
            throw missing(path);
        }
        if (value instanceof Number n
                && n.doubleValue() == Math.rint(n.doubleValue())
                && n.doubleValue() >= Integer.MIN_VALUE
                && n.doubleValue() <= Integer.MAX_VALUE) {
            return n.intValue();
        }
        throw new ProblemException(Problem.invalidField(path, "must be an integer"));
    }

    /** ISO-8601 with an offset or Z; a local time without offset is ambiguous and refused. */
    public static Instant requiredInstant(JsonObject json, String name, String path) {
        String text = requiredString(json, name, path);
        try {
            // every instant on the wire lies in the platform's range (openapi.yaml, Times)
            return Times.requireInRange(
                    path,
                    OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                            .toInstant());
        } catch (DateTimeParseException e) {
            throw new ProblemException(Problem.invalidField(
                    path, "must be an ISO-8601 timestamp with offset, e.g. 2026-11-29T10:15:30Z, was '" + text + "'"));
        }
    }

    public static <E extends Enum<E>> E requiredEnum(JsonObject json, String name, String path, Class<E> type) {
        String text = requiredString(json, name, path);
        try {
            return Enum.valueOf(type, text);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(Problem.invalidField(
                    path, "must be one of " + Arrays.toString(type.getEnumConstants()) + ", was '" + text + "'"));
        }
    }

    /** A local time HH:MM (Asia/Shanghai), as tariff bands and schedules are given. */
    public static LocalTime requiredLocalTime(JsonObject json, String name, String path) {
        String text = requiredString(json, name, path);
        try {
            return LocalTime.parse(text);
        } catch (DateTimeParseException e) {
            throw new ProblemException(
                    Problem.invalidField(path, "must be a local time HH:MM (Asia/Shanghai), was '" + text + "'"));
        }
    }

    /** A licence plate, normalised; the field at fault named when it is not one. */
    public static String plate(Object value, String path) {
        if (!(value instanceof String text)) {
            throw new ProblemException(Problem.invalidField(path, "must be a plate, e.g. 沪A12345"));
        }
        try {
            return Plates.normalise(text);
        } catch (InvalidInputException e) {
            throw new ProblemException(Problem.invalidField(path, e.getMessage()));
        }
    }

    /** {@code "plates"}: a non-empty array of plates, normalised, in the order sent. */
    public static Set<String> plates(JsonObject json) {
        Object value = json.getValue("plates");
        if (!(value instanceof JsonArray array) || array.isEmpty()) {
            throw new ProblemException(Problem.invalidField("plates", "must be a non-empty array of plates"));
        }
        Set<String> plates = new LinkedHashSet<>();
        for (int i = 0; i < array.size(); i++) {
            plates.add(plate(array.getValue(i), "plates[" + i + "]"));
        }
        return plates;
    }

    private static ProblemException missing(String path) {
        return new ProblemException(Problem.invalidField(path, "is required"));
    }
}
