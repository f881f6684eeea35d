package city.parkgrid.api.http;

import io.vertx.core.json.JsonObject;

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

    public Problem(int status, String slug, String title, String detail, String field) {
        this(status, slug, title, detail, field, null);
    }

    public Problem with(String member, Object value) {
        JsonObject more = extensions == null ? new JsonObject() : extensions.copy();
        return new Problem(status, slug, title, detail, field, more.put(member, value));
    }

    public JsonObject toJson(String instance) {
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
