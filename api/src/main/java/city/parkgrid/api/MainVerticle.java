package city.parkgrid.api;

import city.parkgrid.api.http.HttpVerticle;
import city.parkgrid.api.ops.PeriodicVerticle;
import city.parkgrid.api.regions.RegionQueries;
import city.parkgrid.api.regions.RegionsBusVerticle;
import city.parkgrid.api.zones.ControlNotices;
import city.parkgrid.app.UseCases;
import city.parkgrid.zones.control.ZoneControls;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.util.function.Consumer;

/**
 * Deploys the platform's verticles: one HTTP verticle per event loop, sharing one port, the
 * event-bus consumer of the region look-ups, the sweeper that expires unclaimed holds, and the
 * retrier of pending linked payments. Asked for port 0, the HTTP verticles share one random
 * port (Vert.x's negative-port convention), read back from the first.
 */
public final class MainVerticle extends VerticleBase {

    private final Node node;
    private final UseCases useCases;
    private final String host;
    private final int port;
    private final int httpInstances;
    private final HttpVerticle.Timeouts timeouts;
    private volatile int actualPort;

    public MainVerticle(Node node, String host, int port, int httpInstances) {
        this(node, host, port, httpInstances, HttpVerticle.Timeouts.DEFAULT);
    }

    public MainVerticle(Node node, String host, int port, int httpInstances, HttpVerticle.Timeouts timeouts) {
        this.timeouts = timeouts;
        this.node = node;
        this.useCases = node.useCases();
        this.host = host;
        this.port = port;
        this.httpInstances = httpInstances;
    }

    @Override
    public Future<?> start() {
        int bindPort = port == 0 ? -1 : port;
        HttpVerticle first = new HttpVerticle(node, host, bindPort, timeouts);
        Future<Void> all = vertx.deployVerticle(first).map(id -> {
            actualPort = first.actualPort();
            return null;
        });
        for (int i = 1; i < httpInstances; i++) {
            all = all.compose(v -> vertx.deployVerticle(new HttpVerticle(node, host, bindPort, timeouts))
                    .mapEmpty());
        }
        RegionQueries regions = new RegionQueries(useCases.geography(), useCases.regions());
        return all.compose(v -> vertx.deployVerticle(new RegionsBusVerticle(regions)))
                .compose(v -> vertx.deployVerticle(holdExpiry()))
                .compose(v -> vertx.deployVerticle(paymentRetry()))
                .compose(v -> vertx.deployVerticle(zoneControl()))
                .compose(v -> vertx.deployVerticle(historyRecording()))
                .compose(v -> vertx.deployVerticle(automaticPricing()))
                .compose(v -> vertx.deployVerticle(journalCompaction()))
                .compose(v -> vertx.eventBus()
                        .<String>consumer(ControlNotices.CHANGED, notice -> {
                            if (node.controlNotices().fromAnotherNode(notice)) {
                                onWorker(ZoneControls::refresh);
                            }
                        })
                        .completion());
    }

    /**
     * Keeps this node's zone controls in force: a tick every second (the control version compared,
     * schedules start and end, controls reach their {@code until}, triggers fire), which also
     * repairs a lost notice within that second, and a full refresh at once when another node
     * announces a change.
     */
    private PeriodicVerticle zoneControl() {
        return new PeriodicVerticle("zone control", 1_000, v -> onWorker(ZoneControls::tick));
    }

    /**
     * One tick or refresh on a worker, unless one is already waiting to start: it reads the
     * version after every change announced so far, so it will see this change too.
     */
    private Future<?> onWorker(Consumer<ZoneControls> work) {
        if (!useCases.controls().claimRefresh()) {
            return Future.succeededFuture();
        }
        return vertx.executeBlocking(
                () -> {
                    work.accept(useCases.controls());
                    return null;
                },
                false);
    }

    /**
     * Reviews and approves the rates of units whose pricing policy is AUTO, on a worker, on every
     * node, once a minute: the store lets one node per unit and local day insert the review and
     * approve it, so the job runs exactly once however many nodes run it.
     */
    private PeriodicVerticle automaticPricing() {
        return new PeriodicVerticle(
                "automatic pricing",
                60_000,
                v -> v.executeBlocking(
                        () -> {
                            useCases.pricing().runAutomatic();
                            return null;
                        },
                        false));
    }

    /**
     * Writes every lot's live state into history at each step boundary, and purges what is older
     * than the retention, on a worker, on every node. Every node attempts every step (the store
     * keeps the first write of each lot and step), so there is exactly one sample however many
     * nodes run and no gap while any one is up. Checked every few seconds, so a step is written
     * within seconds of its boundary, and at once by a node that starts mid-step.
     */
    private PeriodicVerticle historyRecording() {
        long period = Math.min(5_000, useCases.recorder().settings().step().toMillis() / 10);
        return new PeriodicVerticle(
                "history recording",
                period,
                v -> v.executeBlocking(
                        () -> {
                            useCases.recorder().recordDue();
                            useCases.recorder().purgeDue();
                            return null;
                        },
                        false));
    }

    /**
     * Frees the spaces of holds nobody came for, within a second of their expiry. Runs on every
     * node (ending a hold twice is harmless), and the expiries live in the store, not in this
     * process: after every node was down, the first run frees whatever expired meanwhile.
     */
    private PeriodicVerticle holdExpiry() {
        return new PeriodicVerticle(
                "hold expiry",
                250,
                v -> Future.fromCompletionStage(
                        useCases.allocations().expireDue(useCases.clock().instant(), 500), v.getOrCreateContext()));
    }

    /**
     * Keeps a restore of the live state short however long the platform runs: once a minute, on
     * every node, the lots whose journal has grown get a checkpoint and lose the changes it covers
     * (docs/DECISIONS.md, "Live state survives losing Redis"). Nodes that do it at once take the
     * same checkpoints; the journal keeps the latest. Nothing to do where no journal is kept (dev).
     */
    private PeriodicVerticle journalCompaction() {
        return new PeriodicVerticle(
                "live journal compaction",
                60_000,
                v -> Future.fromCompletionStage(
                        useCases.occupancy().compactJournal(useCases.clock().instant()), v.getOrCreateContext()));
    }

    /**
     * Asks linked payers again for PENDING payments, on a worker, on every node. A payment is
     * claimed only while due and the claim pushes its next attempt into the future, so nodes do not
     * ask twice at once (and the payer's idempotency makes a double ask harmless anyway). The
     * schedule is in the database, so nothing pending is forgotten across restarts.
     */
    private PeriodicVerticle paymentRetry() {
        return new PeriodicVerticle(
                "payment retry",
                1_000,
                v -> v.executeBlocking(
                        () -> useCases.settlement()
                                .retryDuePayments(useCases.clock().instant(), 100),
                        false));
    }

    public int actualPort() {
        return actualPort;
    }
}
