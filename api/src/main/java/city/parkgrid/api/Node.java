package city.parkgrid.api;

import city.parkgrid.access.Authenticator;
import city.parkgrid.api.ops.HealthCheck;
import city.parkgrid.api.zones.ControlNotices;
import city.parkgrid.app.UseCases;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ParkGrid node as the HTTP layer serves it: the use cases, who may call them, how the node
 * checks its backing services, and what to close at the end. Built by
 * {@link city.parkgrid.api.wiring.EmbeddedWiring} ({@code dev}, tests) or
 * {@link city.parkgrid.api.wiring.ServeWiring} ({@code serve}); the HTTP layer never learns which.
 * It carries no store: every request goes through a use case.
 */
public final class Node implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Node.class);

    private final String mode;
    private final UseCases useCases;
    private final Authenticator authenticator;
    private final List<HealthCheck> healthChecks;
    private final List<AutoCloseable> resources;
    private final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final ControlNotices controlNotices = new ControlNotices();
    private final String consoleTileUrl;

    /** @param resources closed in this order by {@link #close} */
    public Node(
            String mode,
            UseCases useCases,
            Authenticator authenticator,
            List<HealthCheck> healthChecks,
            List<AutoCloseable> resources) {
        this(mode, useCases, authenticator, healthChecks, resources, null);
    }

    /** @param consoleTileUrl the web console's base-map tile URL template, or null for none */
    public Node(
            String mode,
            UseCases useCases,
            Authenticator authenticator,
            List<HealthCheck> healthChecks,
            List<AutoCloseable> resources,
            String consoleTileUrl) {
        this.consoleTileUrl = consoleTileUrl;
        this.mode = mode;
        this.useCases = useCases;
        this.authenticator = authenticator;
        this.healthChecks = List.copyOf(healthChecks);
        this.resources = new ArrayList<>(resources);
    }

    public String mode() {
        return mode;
    }

    public UseCases useCases() {
        return useCases;
    }

    public Authenticator authenticator() {
        return authenticator;
    }

    public List<HealthCheck> healthChecks() {
        return healthChecks;
    }

    public PrometheusMeterRegistry metrics() {
        return metrics;
    }

    /** The web console's base-map tile URL template, or null: no base map, nothing fetched from outside. */
    public String consoleTileUrl() {
        return consoleTileUrl;
    }

    /** This node's notices of zone-control changes to the others. */
    public ControlNotices controlNotices() {
        return controlNotices;
    }

    @Override
    public void close() {
        resources.forEach(Node::closeQuietly);
        metrics.close();
    }

    /** Resources close in the reverse order of opening. */
    public static List<AutoCloseable> newestFirst(List<AutoCloseable> opened) {
        List<AutoCloseable> reversed = new ArrayList<>(opened);
        Collections.reverse(reversed);
        return reversed;
    }

    public static void closeQuietly(AutoCloseable resource) {
        try {
            resource.close();
        } catch (Exception e) {
            LOG.warn("failed to close {}", resource, e);
        }
    }
}
