package city.parkgrid.api.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Supplier;

/**
 * Answers reads with a strong ETag over the exact body, and {@code 304 Not Modified} when the
 * client's {@code If-None-Match} already names it, so navigation apps polling lots every few
 * seconds download only what changed.
 */
public final class Etags {

    private Etags() {}

    public static void respond(RoutingContext ctx, JsonObject json) {
        Buffer body = json.toBuffer();
        respond(ctx, "\"" + digest(body) + "\"", () -> body);
    }

    /**
     * Answers with an ETag the caller derived (it must change whenever the body would), writing
     * the body only when the client does not have it.
     */
    public static void respond(RoutingContext ctx, String etag, Supplier<Buffer> body) {
        ctx.response().putHeader("ETag", etag).putHeader("Cache-Control", "no-cache");
        if (matches(ctx.request().getHeader("If-None-Match"), etag)) {
            ctx.response().setStatusCode(304).end();
            return;
        }
        ctx.response().putHeader("Content-Type", "application/json").end(body.get());
    }

    /** Whether an If-None-Match header names this ETag (or any, with {@code *}). */
    public static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.equals("*") || tag.equals(etag) || tag.equals("W/" + etag)) {
                return true;
            }
        }
        return false;
    }

    /** The first 12 bytes of the SHA-256 of {@code body}, in hex: an ETag's value. */
    public static String digest(Buffer body) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(body.getBytes());
            return HexFormat.of().formatHex(hash, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
