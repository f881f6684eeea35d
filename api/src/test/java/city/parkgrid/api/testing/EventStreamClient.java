package city.parkgrid.api.testing;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Reads a Server-Sent Events stream as a browser's EventSource would, over real HTTP. */
public final class EventStreamClient implements AutoCloseable {

    /** A dispatched event; {@code id} is the last event id after it, as EventSource keeps it. */
    public record Event(String id, String type, JsonObject data) {}

    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final HttpResponse<Stream<String>> response;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final List<String> comments = new java.util.concurrent.CopyOnWriteArrayList<>();

    private EventStreamClient(HttpResponse<Stream<String>> response) {
        this.response = response;
        Thread reader = new Thread(this::read, "sse-test-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** Opens {@code url}, sending {@code lastEventId} as {@code Last-Event-ID} unless null. */
    public static EventStreamClient open(String url, String lastEventId) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        return new EventStreamClient(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofLines()));
    }

    public HttpResponse<Stream<String>> response() {
        return response;
    }

    private void read() {
        String lastId = "";
        String type = "message";
        StringBuilder data = null;
        try {
            Iterator<String> lines = response.body().iterator();
            while (lines.hasNext()) {
                String line = lines.next();
                if (line.isEmpty()) {
                    if (data != null) {
                        events.add(new Event(lastId, type, new JsonObject(data.toString())));
                    }
                    type = "message";
                    data = null;
                } else if (line.startsWith(":")) {
                    comments.add(line);
                } else if (line.startsWith("id:")) {
                    lastId = line.substring(3).stripLeading();
                } else if (line.startsWith("event:")) {
                    type = line.substring(6).stripLeading();
                } else if (line.startsWith("data:")) {
                    data = data == null ? new StringBuilder() : data.append('\n');
                    data.append(line.substring(5).stripLeading());
                }
            }
        } catch (RuntimeException closed) {
            // the test closed the stream
        }
    }

    /** The next event within {@code millis}, or null. */
    public Event next(long millis) throws InterruptedException {
        return events.poll(millis, TimeUnit.MILLISECONDS);
    }

    /** Every event that arrives within {@code millis}. */
    public List<Event> during(long millis) throws InterruptedException {
        List<Event> got = new ArrayList<>();
        long deadline = System.currentTimeMillis() + millis;
        long left;
        while ((left = deadline - System.currentTimeMillis()) > 0) {
            Event event = events.poll(left, TimeUnit.MILLISECONDS);
            if (event != null) {
                got.add(event);
            }
        }
        return got;
    }

    /** The first {@code count} events, failing if they take longer than {@code millis} each. */
    public List<Event> take(int count, long millis) throws InterruptedException {
        List<Event> got = new ArrayList<>();
        while (got.size() < count) {
            Event event = next(millis);
            if (event == null) {
                throw new AssertionError(
                        "only " + got.size() + " of " + count + " events within " + millis + " ms each: " + got);
            }
            got.add(event);
        }
        return got;
    }

    public List<String> comments() {
        return comments;
    }

    @Override
    public void close() {
        response.body().close();
    }
}
