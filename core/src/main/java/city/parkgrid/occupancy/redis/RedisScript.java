package city.parkgrid.occupancy.redis;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * A Lua script run by its SHA-1 (EVALSHA), sending the source only when Redis does not know it yet
 * (after a restart or on a new Cluster node). Immutable and thread-safe.
 */
final class RedisScript {

    private final String source;
    private final String sha;

    private RedisScript(String source) {
        this.source = source;
        this.sha = sha1(source);
    }

    static RedisScript fromResource(Class<?> owner, String name) {
        try (InputStream in = owner.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing script resource " + name);
            }
            return new RedisScript(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    CompletionStage<List<Object>> run(RedisClusterAsyncCommands<String, String> redis, String[] keys, String[] args) {
        return bySha(redis, keys, args);
    }

    /** The same, over a connection of bytes: keys, arguments and replies as Redis has them. */
    CompletionStage<List<Object>> run(RedisClusterAsyncCommands<byte[], byte[]> redis, byte[][] keys, byte[][] args) {
        return bySha(redis, keys, args);
    }

    private <K> CompletionStage<List<Object>> bySha(RedisClusterAsyncCommands<K, ?> redis, K[] keys, Object[] args) {
        @SuppressWarnings("unchecked")
        RedisClusterAsyncCommands<K, Object> commands = (RedisClusterAsyncCommands<K, Object>) redis;
        CompletionStage<List<Object>> bySha = commands.evalsha(sha, ScriptOutputType.MULTI, keys, args);
        return bySha.exceptionallyCompose(failure -> {
            Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
            if (cause instanceof RedisNoScriptException) {
                return commands.eval(source, ScriptOutputType.MULTI, keys, args);
            }
            return CompletableFuture.failedFuture(cause);
        });
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required of every JVM", e);
        }
    }
}
