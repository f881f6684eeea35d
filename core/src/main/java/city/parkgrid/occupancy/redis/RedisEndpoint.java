package city.parkgrid.occupancy.redis;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.ReadFrom;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.codec.ByteArrayCodec;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * One Redis, standalone or a Redis Cluster, behind the command interfaces both kinds of Lettuce
 * connection share, so that every user of Redis has one code path for both. Thread-safe, as
 * Lettuce's connections are.
 *
 * <p>On a Cluster, commands go to the master of their key's slot, reads included
 * ({@link ReadFrom#UPSTREAM}): a reply never goes back in time behind a write the same node just
 * made (versions and ETags only grow), and replicas are kept for failover. The topology is read
 * again every {@link #TOPOLOGY_REFRESH} and at once on any sign that it changed (MOVED and ASK
 * redirections, a node reconnecting over and over), so a replica promoted after its master failed
 * takes the master's slots within seconds.
 */
public final class RedisEndpoint implements AutoCloseable {

    /** How often a Cluster's topology is read again when nothing suggests it changed. */
    public static final Duration TOPOLOGY_REFRESH = Duration.ofSeconds(10);

    /** The least time between two refreshes triggered by signs of a change. */
    private static final Duration ADAPTIVE_REFRESH_LIMIT = Duration.ofMillis(500);

    private final AbstractRedisClient client;
    private final StatefulConnection<String, String> connection;
    private final RedisClusterAsyncCommands<String, String> async;
    private final RedisClusterCommands<String, String> sync;
    private final Duration replicaAck;
    private final StatefulConnection<byte[], byte[]> bytesConnection;
    private final RedisClusterAsyncCommands<byte[], byte[]> bytes;

    private RedisEndpoint(
            AbstractRedisClient client,
            StatefulConnection<String, String> connection,
            RedisClusterAsyncCommands<String, String> async,
            RedisClusterCommands<String, String> sync,
            Duration replicaAck,
            StatefulConnection<byte[], byte[]> bytesConnection,
            RedisClusterAsyncCommands<byte[], byte[]> bytes) {
        this.client = client;
        this.connection = connection;
        this.bytesConnection = bytesConnection;
        this.bytes = bytes;
        this.async = async;
        this.sync = sync;
        this.replicaAck = replicaAck;
    }

    /**
     * A standalone Redis (or a replica set's master) at {@code uri}; commands fail at once while it
     * is out of reach instead of queueing, and any command not answered within {@code timeout}
     * fails.
     */
    public static RedisEndpoint standalone(String uri, Duration timeout) {
        RedisURI redisUri = RedisURI.create(uri);
        redisUri.setTimeout(timeout);
        RedisClient client = RedisClient.create(redisUri);
        client.setOptions(ClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(timeout))
                .build());
        try {
            StatefulRedisConnection<String, String> connection = client.connect();
            StatefulRedisConnection<byte[], byte[]> bytes = client.connect(ByteArrayCodec.INSTANCE);
            return new RedisEndpoint(
                    client, connection, connection.async(), connection.sync(), Duration.ZERO, bytes, bytes.async());
        } catch (RuntimeException e) {
            client.shutdown();
            throw e;
        }
    }

    /**
     * A Redis Cluster found through any of its {@code seeds} ({@code host:port}, or a
     * {@code redis://} URI when a password or TLS is needed); any command not answered within
     * {@code timeout} fails, one for a node that cannot be reached included.
     */
    public static RedisEndpoint cluster(List<String> seeds, Duration timeout) {
        return cluster(seeds, timeout, Duration.ZERO);
    }

    /**
     * The same, where {@link #acknowledged} writes wait up to {@code replicaAck} for a replica of
     * their master to confirm them ({@code WAIT 1}); {@link Duration#ZERO}: they do not wait.
     */
    public static RedisEndpoint cluster(List<String> seeds, Duration timeout, Duration replicaAck) {
        if (seeds.isEmpty()) {
            throw new IllegalArgumentException("a Redis Cluster needs at least one seed node");
        }
        List<RedisURI> uris = seeds.stream()
                .map(String::strip)
                .map(seed -> {
                    RedisURI uri = RedisURI.create(seed.contains("://") ? seed : "redis://" + seed);
                    uri.setTimeout(timeout);
                    return uri;
                })
                .toList();
        RedisClusterClient client = RedisClusterClient.create(uris);
        client.setOptions(ClusterClientOptions.builder()
                .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
                        .enablePeriodicRefresh(TOPOLOGY_REFRESH)
                        .enableAllAdaptiveRefreshTriggers()
                        .adaptiveRefreshTriggersTimeout(ADAPTIVE_REFRESH_LIMIT)
                        .refreshTriggersReconnectAttempts(2)
                        .build())
                // Node connections open lazily (and anew for a promoted replica): a command for a
                // node still connecting waits for it, at most the timeout, instead of failing.
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.ACCEPT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(timeout))
                .build());
        try {
            StatefulRedisClusterConnection<String, String> connection = client.connect();
            connection.setReadFrom(ReadFrom.UPSTREAM);
            StatefulRedisClusterConnection<byte[], byte[]> bytes = client.connect(ByteArrayCodec.INSTANCE);
            bytes.setReadFrom(ReadFrom.UPSTREAM);
            return new RedisEndpoint(
                    client, connection, connection.async(), connection.sync(), replicaAck, bytes, bytes.async());
        } catch (RuntimeException e) {
            client.shutdown();
            throw e;
        }
    }

    /** Commands, each routed to its key's node on a Cluster. */
    public RedisClusterAsyncCommands<String, String> async() {
        return async;
    }

    /**
     * A write whose reply counts as a promise: {@code write} runs on the master of {@code key}'s
     * slot and, where replica acknowledgement is on, is followed on the same connection by
     * {@code WAIT 1 <ms>}, so the reply comes once a replica holds the write (or the wait ran out:
     * the write stands, as unconfirmed as without the wait). WAIT blocks that node connection
     * meanwhile; the cost is measured in docs/PERFORMANCE.md.
     */
    public <T> CompletionStage<T> acknowledged(
            String key, Function<RedisClusterAsyncCommands<String, String>, CompletionStage<T>> write) {
        if (replicaAck.isZero() || !(connection instanceof StatefulRedisClusterConnection<String, String> cluster)) {
            return write.apply(async);
        }
        RedisClusterNode master = cluster.getPartitions().getMasterBySlot(SlotHash.getSlot(key));
        if (master == null) {
            return CompletableFuture.failedFuture(
                    new RedisException("CLUSTERDOWN no master serves the slot of " + key));
        }
        return cluster.getConnectionAsync(master.getNodeId()).thenCompose(node -> {
            RedisClusterAsyncCommands<String, String> commands = node.async();
            // after the write's reply, so that a script sent again in full (NOSCRIPT) is covered too
            return write.apply(commands)
                    .thenCompose(reply -> commands.waitForReplication(1, replicaAck.toMillis())
                            .thenApply(replicas -> reply));
        });
    }

    /** The same commands, blocking: for tools and tests, never on an event loop. */
    public RedisClusterCommands<String, String> sync() {
        return sync;
    }

    /**
     * Commands whose keys, values and replies are bytes, routed as {@link #async}'s: for what Redis
     * answers in binary (DUMP's serialisation), which the text connection would decode as UTF-8
     * and spoil. Opened with the endpoint, not on first use: opening a connection blocks, and the
     * first use is in a reply's callback on Lettuce's own event loop, which that wait deadlocks.
     */
    public RedisClusterAsyncCommands<byte[], byte[]> bytes() {
        return bytes;
    }

    @Override
    public void close() {
        bytesConnection.close();
        connection.close();
        client.shutdown();
    }
}
