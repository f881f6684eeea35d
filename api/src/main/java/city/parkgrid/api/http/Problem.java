package city.parkgrid.api.http;

import io.vertx.core.json.JsonObject;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An RFC 9457 problem document. Immutable.
 *
 * @param slug names the kind of problem; the {@code type} URI is {@code /problems/<slug>}, each
 *     documented in openapi.yaml
 * @param field the request field at fault (e.g. {@code events[3].at}), or null
 * @param extensions further members for the client (RFC 9457 §3.2), or null
 */
public record Problem(int status, String slug, String title, String detail, String field, JsonObject extensions) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** The most of a client's value a detail repeats back; enough to recognise it, not to replay it. */
    static final int ECHO_LIMIT = 64;

    /** The longest detail; a longer one is cut (details name the problem, they are not a log). */
    static final int DETAIL_LIMIT = 240;

    /** The longest {@code instance}: the request path, which a client may make as long as the server accepts. */
    static final int INSTANCE_LIMIT = 200;

    /** A quoted value longer than the echo limit. */
    private static final Pattern LONG_QUOTED = Pattern.compile("'([^']{" + (ECHO_LIMIT + 1) + ",})'");

    /** An unquoted run of text longer than the echo limit: no word is, so it is something sent. */
    private static final Pattern LONG_WORD = Pattern.compile("[^\\s']{" + (ECHO_LIMIT + 1) + ",}");

    /**
     * A qualified class name ({@code com.fasterxml.jackson.core.JsonParseException}), or a bare one
     * that names a Java failure ({@code NumberFormatException:}): internals, never for a client.
     */
    private static final Pattern INTERNAL_CLASS = Pattern.compile(
            "\\b(?:[a-z][a-z0-9_]*\\.){2,}[A-Z][A-Za-z0-9_$]*\\b:?\\s*|\\b[A-Z][A-Za-z0-9_]*(?:Exception|Error)\\b:?\\s*");

    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}\\p{Cf}]");

    /**
     * Every detail goes out cleaned, whatever built it: control characters become spaces, a quoted
     * value and any unbroken run of text (a path segment, an id) are cut to {@link #ECHO_LIMIT}, internal class names are dropped, and the whole is cut to
     * {@link #DETAIL_LIMIT}. Handlers echo what was sent ("was '...'") and some details come from
     * library messages; the bound holds for all of them in one place.
     */
    public Problem {
        detail = clean(detail);
    }

    public Problem(int status, String slug, String title, String detail, String field) {
        this(status, slug, title, detail, field, null);
    }

    public Problem with(String member, Object value) {
        JsonObject more = extensions == null ? new JsonObject() : extensions.copy();
        return new Problem(status, slug, title, detail, field, more.put(member, value));
    }

    /** The detail as it may go to a client; see the canonical constructor. */
    static String clean(String detail) {
        if (detail == null) {
            return null;
        }
        String text = CONTROL.matcher(detail).replaceAll(" ");
        Matcher quoted = LONG_QUOTED.matcher(text);
        StringBuilder cut = new StringBuilder();
        while (quoted.find()) {
            quoted.appendReplacement(cut, Matcher.quoteReplacement("'" + echo(quoted.group(1)) + "'"));
        }
        quoted.appendTail(cut);
        Matcher word = LONG_WORD.matcher(cut);
        StringBuilder words = new StringBuilder();
        while (word.find()) {
            word.appendReplacement(words, Matcher.quoteReplacement(echo(word.group())));
        }
        word.appendTail(words);
        text = INTERNAL_CLASS.matcher(words).replaceAll("").trim();
        return shorten(text, DETAIL_LIMIT);
    }

    /** A client's value as a detail may repeat it: at most {@link #ECHO_LIMIT} characters. */
    public static String echo(String value) {
        return value == null ? null : shorten(CONTROL.matcher(value).replaceAll(" "), ECHO_LIMIT);
    }

    private static String shorten(String text, int limit) {
        if (text.length() <= limit) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(limit - 2)) ? limit - 2 : limit - 1;
        return text.substring(0, end) + "…";
    }

    public JsonObject toJson(String instance) {
        if (instance != null) {
            instance = shorten(instance, INSTANCE_LIMIT);
        }
        JsonObject json = new JsonObject()
                .put("type", "/problems/" + slug)
                .put("title", title)
                .put("status", status)
                .put("detail", detail);
        if (instance != null) {
            json.put("instance", instance);
        }
        if (field != null) {
            json.put("field", field);
        }
        if (extensions != null) {
            extensions.forEach(e -> json.put(e.getKey(), e.getValue()));
        }
        return json;
    }

    public static Problem invalidField(String field, String detail) {
        return new Problem(400, "invalid-field", "A request field is missing or invalid", field + ": " + detail, field);
    }

    public static Problem malformedJson(String detail) {
        return new Problem(400, "malformed-json", "The request body is not valid JSON", detail, null);
    }

    public static Problem unauthenticated(String detail) {
        return new Problem(401, "unauthenticated", "Authentication required", detail, null);
    }

    public static Problem forbidden(String detail) {
        return new Problem(403, "forbidden", "Not allowed for this caller", detail, null);
    }

    public static Problem notFound(String detail) {
        return new Problem(404, "not-found", "No such resource", detail, null);
    }

    public static Problem methodNotAllowed(String detail) {
        return new Problem(405, "method-not-allowed", "Method not allowed", detail, null);
    }

    public static Problem requestTimeout(String detail) {
        return new Problem(408, "request-timeout", "The request did not arrive in time", detail, null);
    }

    public static Problem tooLarge(String detail) {
        return new Problem(413, "payload-too-large", "The request is too large", detail, null);
    }

    public static Problem unsupportedMediaType(String detail) {
        return new Problem(
                415, "unsupported-media-type", "The request body's media type is not accepted", detail, null);
    }

    public static Problem unavailable(String detail) {
        return new Problem(503, "unavailable", "A backing service is unavailable", detail, null);
    }
}
