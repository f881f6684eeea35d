package city.parkgrid.api.http;

import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.http.HttpServerRequest;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Requests the HTTP decoder could not read (a request line or headers too long, a line that is
 * not HTTP) get a problem document like every other error, instead of Vert.x's bare status. No
 * router runs for them, and the connection is closed after the answer. The detail says what was
 * too long, never repeats it, and the {@code instance} is left out: the path is the fault.
 */
final class InvalidRequests {

    private InvalidRequests() {}

    static void answer(HttpServerRequest request) {
        DecoderResult result = request.decoderResult();
        Throwable cause = result == null ? null : result.cause();
        Problem problem;
        if (cause instanceof TooLongHttpLineException) {
            problem = new Problem(
                    414,
                    "uri-too-long",
                    "The request URI is too long",
                    "the request line exceeds " + HttpVerticle.MAX_INITIAL_LINE_BYTES
                            + " bytes; send long selections in a body",
                    null);
        } else if (cause instanceof TooLongHttpHeaderException) {
            problem = new Problem(
                    431,
                    "headers-too-large",
                    "The request headers are too large",
                    "the request headers exceed " + HttpVerticle.MAX_HEADER_BYTES + " bytes",
                    null);
        } else {
            problem = new Problem(
                    400,
                    "malformed-request",
                    "The request is not valid HTTP",
                    "the request could not be read as HTTP/1.1",
                    null);
        }
        request.response().putHeader("Connection", "close");
        ProblemFailureHandler.write(request, problem, null);
    }

    /**
     * Whether the path or the query has a percent-escape that does not decode: a {@code %} without
     * two hex digits after it, or escapes that do not spell UTF-8. Checked before the router runs:
     * Vert.x Web's router decodes the path before any handler of ours, and a bad escape there
     * escapes every failure handler (logged as an error, answered with a bare 400).
     */
    static boolean malformedEscapes(HttpServerRequest request) {
        return !decodes(request.path()) || !decodes(request.query());
    }

    static boolean decodes(String raw) {
        if (raw == null || raw.indexOf('%') < 0) {
            return true;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c != '%') {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
                continue;
            }
            if (i + 2 >= raw.length()) {
                return false;
            }
            int high = Character.digit(raw.charAt(i + 1), 16);
            int low = Character.digit(raw.charAt(i + 2), 16);
            if (high < 0 || low < 0) {
                return false;
            }
            bytes.write(high * 16 + low);
            i += 2;
        }
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
