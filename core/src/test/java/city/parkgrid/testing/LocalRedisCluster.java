package city.parkgrid.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway Redis Cluster (three masters, three replicas on loopback) that a test starts, breaks
 * and stops by itself, so that the shared test cluster of {@code ./parkgrid test} stays healthy.
 * Its redis-server processes are children of the test JVM, ended by {@link #close} (and by the JVM's
 * exit); their files live under {@code target/}. Not thread-safe.
 */
public final class LocalRedisCluster implements AutoCloseable {

    private final Map<Integer, Process> nodes = new LinkedHashMap<>();
    private final Path dir;

    /** Starts nodes on {@code firstPort} to {@code firstPort + 5} and joins them into a cluster. */
    public LocalRedisCluster(int firstPort, Duration nodeTimeout) {
        try {
            dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "redis-cluster-");
            for (int port = firstPort; port < firstPort + 6; port++) {
                // a node left running by an earlier, killed run would answer in place of ours and
                // refuse --cluster create as "not empty": say so instead of failing obscurely
                if (cli(port, "ping").strip().equals("PONG")) {
                    throw new IllegalStateException("port " + port + " already serves a Redis, not started by this"
                            + " test (left by an earlier run that was killed?); stop it and run again");
                }
                Path nodeDir = Files.createDirectories(dir.resolve(Integer.toString(port)));
                Process process = new ProcessBuilder(
                                "redis-server",
                                "--bind",
                                "127.0.0.1",
                                "--port",
                                Integer.toString(port),
                                "--cluster-enabled",
                                "yes",
                                "--cluster-config-file",
                                "nodes.conf",
                                "--cluster-node-timeout",
                                Long.toString(nodeTimeout.toMillis()),
                                "--save",
                                "",
                                "--appendonly",
                                "no",
                                "--dir",
                                nodeDir.toString(),
                                "--logfile",
                                nodeDir.resolve("redis.log").toString())
                        .redirectErrorStream(true)
                        .redirectOutput(nodeDir.resolve("stdout.log").toFile())
                        .start();
                nodes.put(port, process);
            }
            for (int port : nodes.keySet()) {
                await(() -> cli(port, "ping").strip().equals("PONG"), "node " + port + " up");
            }
            List<String> create = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
            nodes.keySet().forEach(port -> create.add("127.0.0.1:" + port));
            create.addAll(List.of("--cluster-replicas", "1", "--cluster-yes"));
            String created = run(create);
            if (!created.contains("All 16384 slots covered")) {
                throw new IllegalStateException("redis-cli --cluster create failed:\n" + created);
            }
            for (int port : nodes.keySet()) {
                await(
                        () -> {
                            String info = cli(port, "cluster", "info");
                            return info.contains("cluster_state:ok") && info.contains("cluster_known_nodes:6");
                        },
                        "cluster state ok at " + port);
                await(
                        () -> {
                            String replication = cli(port, "info", "replication");
                            return replication.contains("role:master") || replication.contains("master_link_status:up");
                        },
                        "replica at " + port + " in sync");
            }
        } catch (IOException e) {
            close();
            throw new UncheckedIOException("cannot start redis-server (./parkgrid test installs it)", e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    public List<String> seeds() {
        return nodes.keySet().stream().map(port -> "127.0.0.1:" + port).toList();
    }

    /** The port of the master serving {@code slot}, from a live node's CLUSTER NODES. */
    public int masterOf(int slot) {
        return findMasterOf(slot).orElseThrow(() -> new IllegalStateException("no master serves slot " + slot));
    }

    private java.util.OptionalInt findMasterOf(int slot) {
        for (String line : cli(liveNode(), "cluster", "nodes").split("\n")) {
            String[] f = line.strip().split(" ");
            if (f.length < 9 || !f[2].contains("master") || f[2].contains("fail")) {
                continue;
            }
            for (int i = 8; i < f.length; i++) {
                String[] bounds = f[i].split("-");
                if (!f[i].startsWith("[")
                        && slot >= Integer.parseInt(bounds[0])
                        && slot <= Integer.parseInt(bounds[bounds.length - 1])) {
                    return java.util.OptionalInt.of(
                            Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1, f[1].indexOf('@'))));
                }
            }
        }
        return java.util.OptionalInt.empty();
    }

    /** Kills the node on {@code port} at once (SIGKILL to the process this cluster started). */
    public void kill(int port) {
        Process process = nodes.get(port);
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits until every live node says the cluster is ok and another node serves {@code slot} than {@code killed}. */
    public void awaitFailover(int slot, int killed, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            boolean ok = nodes.entrySet().stream()
                    .filter(e -> e.getValue().isAlive())
                    .allMatch(e -> cli(e.getKey(), "cluster", "info").contains("cluster_state:ok"));
            java.util.OptionalInt master = findMasterOf(slot);
            if (ok && master.isPresent() && master.getAsInt() != killed) {
                return;
            }
            sleep(50);
        }
        throw new IllegalStateException("no replica took over slot " + slot + " within " + within);
    }

    /**
     * Waits until every live master's replicas have acknowledged its whole replication stream
     * (each {@code slaveN:...,offset=} equals {@code master_repl_offset}), so what was written
     * before this call survives any one master's death even without {@code WAIT}.
     */
    public void awaitReplicasCaughtUp() {
        for (Map.Entry<Integer, Process> node : nodes.entrySet()) {
            if (!node.getValue().isAlive()) {
                continue;
            }
            int port = node.getKey();
            await(() -> replicasCaughtUp(cli(port, "info", "replication")), "replicas of " + port + " caught up");
        }
    }

    private static boolean replicasCaughtUp(String replication) {
        if (!replication.contains("role:master")) {
            return true;
        }
        long masterOffset = -1;
        List<Long> replicaOffsets = new ArrayList<>();
        for (String line : replication.split("\r?\n")) {
            if (line.startsWith("master_repl_offset:")) {
                masterOffset =
                        Long.parseLong(line.substring(line.indexOf(':') + 1).strip());
            } else if (line.startsWith("slave") && line.contains("offset=")) {
                String offset = line.substring(line.indexOf("offset=") + "offset=".length());
                replicaOffsets.add(Long.parseLong(offset.split(",")[0].strip()));
            }
        }
        long expected = masterOffset;
        return !replicaOffsets.isEmpty() && replicaOffsets.stream().allMatch(offset -> offset == expected);
    }

    private int liveNode() {
        return nodes.entrySet().stream()
                .filter(e -> e.getValue().isAlive())
                .map(Map.Entry::getKey)
                .findFirst()
                .orElseThrow();
    }

    @Override
    public void close() {
        nodes.values().forEach(Process::destroyForcibly);
        for (Process process : nodes.values()) {
            try {
                process.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                // left under target/, which mvn clean removes
            }
        }
    }

    private static String cli(int port, String... args) {
        List<String> command = new ArrayList<>(List.of("redis-cli", "-h", "127.0.0.1", "-p", Integer.toString(port)));
        command.addAll(List.of(args));
        try {
            return run(command);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String run(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("timed out: " + String.join(" ", command));
            }
            return new String(process.getInputStream().readAllBytes());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void await(java.util.function.BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out waiting for " + what);
            }
            sleep(50);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
