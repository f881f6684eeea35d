package city.parkgrid.api.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.micrometer.backends.BackendRegistries;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Server-Sent Events of the state of a set of items (the lots of a unit, every unit's control and
 * totals), the one implementation every stream uses. Each client polls a snapshot of the items on
 * its request's context and is sent the items whose version differs from the one it has.
 *
 * <p><b>Resume.</b> The id of every event is the version vector of what this client has now been
 * sent: {@code key.version} for every item, joined by {@code ~} (keys escaped, see {@link #encode}),
 * e.g. {@code wanda-plaza.12~hopson-one.7}. A client reconnecting with that id as
 * {@code Last-Event-ID} starts from it: it is sent the items whose current version differs and
 * nothing else, on any node and after a restart, because the versions come from the shared state
 * and not from this connection. Items missing from the id are sent; an absent or unparsable id is
 * a full opening snapshot. We chose a vector over a sequence number because the platform has no
 * stream log to replay from, only current state, and sending current state is also what closes a
 * gap. The price is an id that grows with the number of items (about 20 characters each; tens of
 * lots per unit, a handful of units here); an id longer than {@link #MAX_ID_CHARS} would not fit
 * comfortably in a request header, so such events carry an empty id and the client simply gets a
 * full opening next time.
 *
 * <p><b>Slow clients.</b> A client that does not read fills its write queue; rather than buffer
 * without limit, the node drops it (connection closed, logged, counted in
 * {@code parkgrid.sse.dropped}) once more than {@link Settings#maxQueuedBytes} are waiting. The
 * client reconnects with its last id and is whole again.
 */
public final class EventStream {

    /** One item of a stream: sent as an event whenever its version differs from the client's. */
    public record Item(String key, String version, String event, JsonObject data) {

        public Item {
            if (key == null || key.isEmpty()) {
                throw new IllegalArgumentException("an item needs a key");
            }
            if (!VERSION.matcher(version).matches()) {
                throw new IllegalArgumentException(
                        "version '" + version + "' of item '" + key + "' is not [A-Za-z0-9_:-]+");
            }
        }
    }

    /**
     * @param pollMillis how often a client's snapshot is read (and keep-alive considered)
     * @param keepAliveMillis silence after which a {@code : keep-alive} comment keeps idle proxies open
     * @param retryMillis the reconnection delay suggested to clients
     * @param maxQueuedBytes unsent bytes per client beyond which the client is dropped
     */
    public record Settings(long pollMillis, long keepAliveMillis, long retryMillis, int maxQueuedBytes) {

        /**
         * A stream's opening is a few tens of KiB (every event carries the vector so far); 256 KiB
         * on top of the kernel's socket buffers is many seconds of changes for a client that merely
         * stalls, while a few hundred stuck clients cannot exhaust a node's memory.
         */
        public static final Settings DEFAULT = new Settings(1_000, 15_000, 2_000, 256 * 1024);
    }

    /** Longest event id written; the whole request header section a client sends back is limited to 8 KiB. */
    static final int MAX_ID_CHARS = 4_096;

    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9_:-]+");
    private static final Logger LOG = LoggerFactory.getLogger(EventStream.class);

    private final String name;
    private final Settings settings;
    private final AtomicLong dropped = new AtomicLong();

    /** @param name the stream's name in logs and metrics ({@code lots}, {@code zones}) */
    public EventStream(String name) {
        this(name, Settings.DEFAULT);
    }

    public EventStream(String name, Settings settings) {
        this.name = name;
        this.settings = settings;
    }

    /** Slow clients this stream has dropped. */
    public long droppedClients() {
        return dropped.get();
    }

    /**
     * Answers the request with the stream. {@code read} starts an asynchronous read of the state
     * (it must not block); {@code items} turns what it read into the stream's items, in the order
     * they are sent, and runs on the request's context.
     */
    public <S> void open(
            RoutingContext ctx, Supplier<? extends CompletionStage<S>> read, Function<S, List<Item>> items) {
        HttpServerResponse response = ctx.response()
                .setChunked(true)
                .putHeader("Content-Type", "text/event-stream; charset=utf-8")
                .putHeader("Cache-Control", "no-cache")
                .putHeader("X-Accel-Buffering", "no");
        response.setWriteQueueMaxSize(settings.maxQueuedBytes());
        Map<String, String> has =
                parse(ctx.request().getHeader("Last-Event-ID")).orElseGet(HashMap::new);
        new Client<>(
                        ctx.vertx().getOrCreateContext(),
                        response,
                        String.valueOf(ctx.request().remoteAddress()),
                        read,
                        items,
                        has)
                .start();
    }

    /** One connection: touched only on its context. */
    private final class Client<S> {

        private final Context context;
        private final HttpServerResponse response;
        private final String remote;
        private final Supplier<? extends CompletionStage<S>> read;
        private final Function<S, List<Item>> items;
        /** The version of every item this client has, by key. */
        private final Map<String, String> has;

        private long timer;
        private long lastWrite;
        private boolean reading;
        private boolean gone;

        Client(
                Context context,
                HttpServerResponse response,
                String remote,
                Supplier<? extends CompletionStage<S>> read,
                Function<S, List<Item>> items,
                Map<String, String> has) {
            this.context = context;
            this.response = response;
            this.remote = remote;
            this.read = read;
            this.items = items;
            this.has = has;
        }

        void start() {
            response.closeHandler(closed -> stop());
            response.exceptionHandler(e -> LOG.debug("{} stream client failed", name, e));
            write("retry: " + settings.retryMillis() + "\n\n");
            poll();
            timer = context.owner().setPeriodic(settings.pollMillis(), id -> tick());
        }

        private void stop() {
            gone = true;
            context.owner().cancelTimer(timer);
        }

        private void tick() {
            if (gone) {
                return;
            }
            if (System.currentTimeMillis() - lastWrite >= settings.keepAliveMillis()) {
                if (fullQueue()) {
                    return;
                }
                write(": keep-alive\n\n");
            }
            poll();
        }

        private void poll() {
            // a read slower than the period is not overtaken by the next one: no pile-up on a slow store
            if (reading || gone) {
                return;
            }
            reading = true;
            CompletionStage<S> started;
            try {
                started = read.get();
            } catch (RuntimeException e) {
                reading = false;
                LOG.debug("{} stream read failed; trying again next period", name, e);
                return;
            }
            Future.fromCompletionStage(started, context).onComplete(done -> {
                reading = false;
                if (done.failed()) {
                    // every client of a node would say so every period while the store is away; health reports it once
                    LOG.debug("{} stream read failed; trying again next period", name, done.cause());
                } else if (!gone) {
                    send(items.apply(done.result()));
                }
            });
        }

        private void send(List<Item> snapshot) {
            Map<String, Item> current = new LinkedHashMap<>();
            snapshot.forEach(item -> current.put(item.key(), item));
            // an item that left the stream (a lot moved out of the unit) is sent afresh if it returns
            has.keySet().retainAll(current.keySet());
            for (Item item : current.values()) {
                if (item.version().equals(has.get(item.key()))) {
                    continue;
                }
                if (fullQueue()) {
                    return;
                }
                has.put(item.key(), item.version());
                String id = encode(current.keySet(), has);
                write("id: " + (id.length() > MAX_ID_CHARS ? "" : id) + "\nevent: " + item.event() + "\ndata: "
                        + item.data().encode() + "\n\n");
            }
        }

        private void write(String frame) {
            response.write(frame);
            lastWrite = System.currentTimeMillis();
        }

        /** Drops the client if its queue is over the bound; true if it did. */
        private boolean fullQueue() {
            if (!response.writeQueueFull()) {
                return false;
            }
            stop();
            long total = dropped.incrementAndGet();
            LOG.warn(
                    "dropped a slow {} stream client at {}: more than {} bytes unsent ({} dropped by this stream)",
                    name,
                    remote,
                    settings.maxQueuedBytes(),
                    total);
            MeterRegistry metrics = BackendRegistries.getDefaultNow();
            if (metrics != null) {
                metrics.counter("parkgrid.sse.dropped", "stream", name).increment();
            }
            response.reset();
            return true;
        }
    }

    /**
     * The id for a client that has the {@code has} version of each of {@code keys} (in that order;
     * keys it does not have are left out). Keys are percent-escaped except for
     * {@code [A-Za-z0-9_-/:]}, so the separators {@code .} and {@code ~} never occur in them.
     */
    static String encode(Iterable<String> keys, Map<String, String> has) {
        StringBuilder id = new StringBuilder();
        for (String key : keys) {
            String version = has.get(key);
            if (version != null) {
                if (!id.isEmpty()) {
                    id.append('~');
                }
                escape(key, id);
                id.append('.').append(version);
            }
        }
        return id.toString();
    }

    /** The versions a client says it has; empty (a full opening) if there is no id or it is not one of ours. */
    static Optional<Map<String, String>> parse(String lastEventId) {
        if (lastEventId == null || lastEventId.isBlank() || lastEventId.length() > 2 * MAX_ID_CHARS) {
            return Optional.empty();
        }
        Map<String, String> has = new HashMap<>();
        for (String entry : lastEventId.trim().split("~", -1)) {
            int dot = entry.lastIndexOf('.');
            if (dot <= 0) {
                return Optional.empty();
            }
            String version = entry.substring(dot + 1);
            Optional<String> key = unescape(entry.substring(0, dot));
            if (key.isEmpty() || !VERSION.matcher(version).matches()) {
                return Optional.empty();
            }
            has.put(key.get(), version);
        }
        return Optional.of(has);
    }

    private static void escape(String key, StringBuilder out) {
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z'
                    || c >= 'A' && c <= 'Z'
                    || c >= '0' && c <= '9'
                    || c == '-'
                    || c == '_'
                    || c == '/'
                    || c == ':') {
                out.append((char) c);
            } else {
                out.append('%')
                        .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
    }

    private static Optional<String> unescape(String escaped) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(escaped.length());
        for (int i = 0; i < escaped.length(); i++) {
            char c = escaped.charAt(i);
            if (c == '%') {
                if (i + 2 >= escaped.length()) {
                    return Optional.empty();
                }
                int hi = Character.digit(escaped.charAt(i + 1), 16);
                int lo = Character.digit(escaped.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return Optional.empty();
                }
                bytes.write(hi << 4 | lo);
                i += 2;
            } else if (c < 0x80) {
                bytes.write(c);
            } else {
                return Optional.empty();
            }
        }
        return Optional.of(bytes.toString(StandardCharsets.UTF_8));
    }

    /**
     * A stable 64-bit fingerprint (FNV-1a of the UTF-8 bytes) as a short version token, for items
     * whose state has no version of its own. Stable across nodes and restarts, unlike
     * {@code hashCode} of records holding enums.
     */
    public static String fingerprint(CharSequence canonical) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : canonical.toString().getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
        return Long.toUnsignedString(hash, 36);
    }
}
