package city.parkgrid.api.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a raw socket, byte for byte as the caller writes it, one request per connection:
 * for what java.net.http refuses to send (malformed percent-escapes, a body without a
 * Content-Type, request lines over 4 KiB). Thread-safe.
 */
public final class RawHttp {

    private RawHttp() {}

    /** A whole answer; {@code head} is the status line and headers. */
    public record Reply(int status, String head, String body) {

        /** The first value of a header, or "" when it is absent. */
        public String header(String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0
                        && line.substring(0, colon)
                                .trim()
                                .toLowerCase(Locale.ROOT)
                                .equals(name.toLowerCase(Locale.ROOT))) {
                    return line.substring(colon + 1).trim();
                }
            }
            return "";
        }

        @Override
        public String toString() {
            return status + " " + (body.length() > 400 ? body.substring(0, 400) + "…" : body);
        }
    }

    /** A request with a JSON body (when not null) and no other header. */
    public static Reply send(int port, String method, String target, String body) {
        return send(port, method, target, body == null ? Map.of() : Map.of("Content-Type", "application/json"), body);
    }

    /**
     * A request with these headers (Host, Connection and Content-Length are added) and body
     * (none when null); the connection is closed after the answer.
     */
    public static Reply send(int port, String method, String target, Map<String, String> headers, String body) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            StringBuilder head = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
            head.append("Connection: close\r\n");
            headers.forEach((name, value) ->
                    head.append(name).append(": ").append(value).append("\r\n"));
            if (body != null) {
                head.append("Content-Length: ").append(content.length).append("\r\n");
            }
            head.append("\r\n");
            out.write(head.toString().getBytes(StandardCharsets.UTF_8));
            out.write(content);
            out.flush();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    got.write(buffer, 0, n);
                }
            } catch (IOException reset) {
                // the server may close before reading the rest of a request it refused; keep what came
            }
            String text = got.toString(StandardCharsets.UTF_8);
            int split = text.indexOf("\r\n\r\n");
            assertThat(split)
                    .as("a complete answer to " + method + " " + cut(target) + ": " + cut(text))
                    .isPositive();
            String responseHead = text.substring(0, split);
            String responseBody = text.substring(split + 4);
            if (responseHead.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked")) {
                responseBody = dechunk(responseBody);
            }
            return new Reply(Integer.parseInt(responseHead.substring(9, 12)), responseHead, responseBody);
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + cut(target), e);
        }
    }

    private static String cut(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }

    private static String dechunk(String chunked) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (true) {
            int eol = chunked.indexOf("\r\n", at);
            int size = Integer.parseInt(chunked.substring(at, eol).trim(), 16);
            if (size == 0) {
                return out.toString();
            }
            out.append(chunked, eol + 2, eol + 2 + size);
            at = eol + 2 + size + 2;
        }
    }
}
