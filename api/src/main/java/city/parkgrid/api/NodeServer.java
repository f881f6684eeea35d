package city.parkgrid.api;

import city.parkgrid.api.http.HttpVerticle;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.core.spi.cluster.ClusterManager;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;

/** Starts a {@link Node} on Vert.x and returns once it serves; used by the launcher and by tests. */
public final class NodeServer {

    private NodeServer() {}

    /** A running node: Vert.x, the deployed verticles and the port they serve on. */
    public record Running(Vertx vertx, Node node, int port) implements AutoCloseable {

        @Override
        public void close() {
            vertx.close().toCompletionStage().toCompletableFuture().join();
            node.close();
        }
    }

    public static Running start(Node node, String host, int port) {
        return start(node, host, port, null);
    }

    /** The same, joining a Vert.x cluster when a cluster manager is given. */
    public static Running start(Node node, String host, int port, ClusterManager cluster) {
        return start(node, host, port, cluster, HttpVerticle.Timeouts.DEFAULT);
    }

    /** The same, with the HTTP timeouts of the configuration. */
    public static Running start(
            Node node, String host, int port, ClusterManager cluster, HttpVerticle.Timeouts timeouts) {
        node.useCases().catalog().registerLotsAtStart().toCompletableFuture().join();
        VertxBuilder builder = Vertx.builder()
                .with(new VertxOptions()
                        .setMetricsOptions(new MicrometerMetricsOptions()
                                .setEnabled(true)
                                // per-address event-bus gauges: our few public addresses, never the per-reply ones
                                .addLabels(Label.EB_ADDRESS)
                                .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true))))
                .withMetrics(new MicrometerMetricsFactory(node.metrics()));
        Vertx vertx = cluster == null
                ? builder.build()
                : builder.withClusterManager(cluster)
                        .buildClustered()
                        .toCompletionStage()
                        .toCompletableFuture()
                        .join();
        MainVerticle main =
                new MainVerticle(node, host, port, Runtime.getRuntime().availableProcessors(), timeouts);
        try {
            vertx.deployVerticle(main).toCompletionStage().toCompletableFuture().join();
        } catch (RuntimeException e) {
            vertx.close();
            throw e;
        }
        return new Running(vertx, node, main.actualPort());
    }
}
