import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SSE soak (issue 18): CLIENTS Server-Sent-Event clients that never read, half on the lots
 * stream of a unit and half on the zones stream, every lot of the unit changed every second by
 * its operator's sensor count, and a reader timing GET /v1/lots/{id} every 50 ms. Clients the
 * node drops are replaced every 5 s (as a real one reconnects), so at least CLIENTS minus those
 * dropped in the last 5 s are connected throughout. Prints read latencies (p50, p99, max) per
 * 10 s and for the whole run, and the node's parkgrid_sse_dropped count. Run by sse-soak.sh with
 * java's single-file launcher: java SseSoak.java BASE_URL CLIENTS SECONDS.
 */
public final class SseSoak {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    public static void main(String[] args) throws Exception {
        URI base = URI.create(args[0]);
        int clients = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        String zone = "wujiaochang";
        String lots = get(base, "/v1/lots?zone=" + zone);
        List<String[]> lotOperators = new ArrayList<>();
        Matcher m = Pattern.compile("\"id\":\"([^\"]+)\",\"name\":\"[^\"]*\",\"nameEn\":\"[^\"]*\",\"operatorId\":\"([^\"]+)\"")
                .matcher(lots);
        while (m.find()) {
            lotOperators.add(new String[] {m.group(1), m.group(2)});
        }
        System.out.printf("soak: %d non-reading clients (half lots stream, half zones stream), %d lots changed every second, %d s%n",
                clients, lotOperators.size(), seconds);

        List<Socket> open = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < clients; i++) {
            open.add(nonReading(base, i % 2 == 0 ? "/v1/lots/stream?zone=" + zone : "/v1/zones/stream"));
        }
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        Random random = new Random(18);
        Thread changer = new Thread(() -> {
            while (System.nanoTime() < end) {
                long tick = System.nanoTime();
                for (String[] lot : lotOperators) {
                    String body = "{\"occupied\":" + random.nextInt(50) + ",\"at\":\"" + Instant.now() + "\"}";
                    try {
                        send(base, "PUT", "/v1/lots/" + lot[0] + "/occupancy", "dev-operator-" + lot[1], body);
                    } catch (Exception e) {
                        System.out.println("soak: a change failed: " + e);
                    }
                }
                sleepUntil(tick + 1_000_000_000L);
            }
        }, "changer");
        changer.start();
        Thread replacer = new Thread(() -> {
            while (System.nanoTime() < end) {
                sleepUntil(System.nanoTime() + 5_000_000_000L);
                synchronized (open) {
                    for (int i = 0; i < open.size(); i++) {
                        if (closedByPeer(open.get(i))) {
                            close(open.get(i));
                            try {
                                open.set(i, nonReading(base, i % 2 == 0 ? "/v1/lots/stream?zone=" + zone : "/v1/zones/stream"));
                            } catch (IOException e) {
                                System.out.println("soak: reconnect failed: " + e);
                            }
                        }
                    }
                }
            }
        }, "replacer");
        replacer.start();

        List<Long> all = new ArrayList<>();
        List<Long> window = new ArrayList<>();
        long windowStart = System.nanoTime();
        int errors = 0;
        while (System.nanoTime() < end) {
            long t = System.nanoTime();
            try {
                HttpResponse<String> r = HTTP.send(
                        HttpRequest.newBuilder(base.resolve("/v1/lots/wanda-plaza")).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200) {
                    errors++;
                }
            } catch (IOException e) {
                errors++;
            }
            long micros = (System.nanoTime() - t) / 1_000;
            all.add(micros);
            window.add(micros);
            if (System.nanoTime() - windowStart > 10_000_000_000L) {
                System.out.printf("soak: t=%3ds reads %s, sse dropped so far %s%n",
                        (int) ((System.nanoTime() - (end - seconds * 1_000_000_000L)) / 1_000_000_000L),
                        summary(window), dropped(base));
                window.clear();
                windowStart = System.nanoTime();
            }
            sleepUntil(t + 50_000_000L);
        }
        changer.join();
        replacer.join();
        open.forEach(SseSoak::close);
        System.out.printf("soak: whole run: %d reads, %d failed, %s; sse dropped %s%n",
                all.size(), errors, summary(all), dropped(base));
    }

    /** A stream request whose answer is never read; a small receive buffer so the node's queue fills soon. */
    private static Socket nonReading(URI base, String path) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5_000);
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + path + " HTTP/1.1\r\nHost: " + base.getHost() + "\r\nAccept: text/event-stream\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    /** Whether the node closed it: checked without reading any of the stream (a write meets the reset). */
    private static boolean closedByPeer(Socket socket) {
        try {
            socket.sendUrgentData(0);
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    private static String dropped(URI base) {
        try {
            String metrics = get(base, "/metrics");
            double total = 0;
            Matcher m = Pattern.compile("(?m)^parkgrid_sse_dropped_total\\{[^}]*\\} ([0-9.eE+]+)$").matcher(metrics);
            while (m.find()) {
                total += Double.parseDouble(m.group(1));
            }
            return String.valueOf((long) total);
        } catch (Exception e) {
            return "?";
        }
    }

    private static String summary(List<Long> micros) {
        List<Long> sorted = new ArrayList<>(micros);
        Collections.sort(sorted);
        if (sorted.isEmpty()) {
            return "none";
        }
        return String.format("p50 %.1f ms, p99 %.1f ms, max %.1f ms (n=%d)",
                sorted.get(sorted.size() / 2) / 1000.0,
                sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * 0.99) - 1)) / 1000.0,
                sorted.get(sorted.size() - 1) / 1000.0,
                sorted.size());
    }

    private static String get(URI base, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(base.resolve(path)).build(), HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private static void send(URI base, String method, String path, String token, String body)
            throws IOException, InterruptedException {
        HTTP.send(
                HttpRequest.newBuilder(base.resolve(path))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.discarding());
    }

    private static void sleepUntil(long nanos) {
        long left = nanos - System.nanoTime();
        if (left > 0) {
            try {
                Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing is all that is wanted
        }
    }
}
