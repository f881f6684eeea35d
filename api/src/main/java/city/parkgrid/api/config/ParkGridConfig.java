package city.parkgrid.api.config;

import city.parkgrid.access.Role;
import city.parkgrid.accounts.simulated.SimulatedPaymentGateway;
import city.parkgrid.allocation.AllocationSettings;
import city.parkgrid.allocation.RankingWeights;
import city.parkgrid.api.http.HttpVerticle;
import city.parkgrid.history.HistorySettings;
import city.parkgrid.occupancy.OccupancySettings;
import city.parkgrid.postgres.PostgresSettings;
import java.time.Duration;
import java.util.List;

/**
 * What {@code serve} reads from its config file and environment; every field is documented in
 * {@code deploy/config-example.yaml}. Immutable.
 */
public record ParkGridConfig(
        Http http,
        Redis redis,
        Postgres postgres,
        Occupancy occupancy,
        Allocation allocation,
        Accounts accounts,
        Cluster cluster,
        History history,
        String credentialsFile,
        List<Credential> credentials,
        NgsiLd ngsiLd) {

    /**
     * Where to listen, and how long a connection may be silent or a request take to arrive.
     *
     * @param consoleTileUrl the web console's base map ({@code https://tiles.example/{z}/{x}/{y}.png}),
     *     or null: the console then draws the city's own regions only and fetches nothing outside
     */
    public record Http(String host, int port, Duration idleTimeout, Duration requestTimeout, String consoleTileUrl) {

        public Http {
            timeouts(idleTimeout, requestTimeout); // a zero or negative timeout is a configuration error
        }

        private static HttpVerticle.Timeouts timeouts(Duration idle, Duration request) {
            return new HttpVerticle.Timeouts(idle, request);
        }

        public HttpVerticle.Timeouts timeouts() {
            return timeouts(idleTimeout, requestTimeout);
        }
    }

    /**
     * @param uri a standalone Redis, used while {@code cluster} is empty
     * @param cluster seed nodes of a Redis Cluster ({@code host:port}, or {@code redis://} URIs
     *     with a password); when given, the Cluster is used and {@code uri} is not
     * @param replicaAck on a Cluster, how long a granted hold waits for a replica to confirm it
     *     ({@code WAIT 1}) before the driver is told; zero: not at all
     */
    public record Redis(String uri, List<String> cluster, String keyPrefix, Duration timeout, Duration replicaAck) {

        public static final Duration DEFAULT_REPLICA_ACK = Duration.ofMillis(100);

        public Redis {
            cluster = cluster == null ? List.of() : List.copyOf(cluster);
            replicaAck = replicaAck == null ? DEFAULT_REPLICA_ACK : replicaAck;
        }

        public boolean clustered() {
            return !cluster.isEmpty();
        }

        public Redis withUri(String changed) {
            return new Redis(changed, cluster, keyPrefix, timeout, replicaAck);
        }
    }

    /**
     * The password is read from PARKGRID_PG_PASSWORD (or the URL), never written in this file.
     *
     * @param connectionTimeout how long a request waits for a pooled connection before it is
     *     answered 503 (at least 250 ms); null: {@link PostgresSettings#DEFAULT_CONNECTION_TIMEOUT}
     * @param breakerOpenFor after an outage is seen, how long requests are refused at once before
     *     PostgreSQL is tried again; null: {@link PostgresSettings#DEFAULT_BREAKER_OPEN_FOR}
     * @param queryTimeout how long a request's statement may wait for PostgreSQL's answer before it
     *     is answered 503; null: {@link PostgresSettings#DEFAULT_QUERY_TIMEOUT}
     * @param importTimeout the same for archive and data-set imports; null: {@link
     *     PostgresSettings#DEFAULT_IMPORT_TIMEOUT}
     */
    public record Postgres(
            String url,
            String user,
            String password,
            String schema,
            int poolSize,
            Duration connectionTimeout,
            Duration breakerOpenFor,
            Duration queryTimeout,
            Duration importTimeout) {

        /** With the default query and import timeouts. */
        public Postgres(
                String url,
                String user,
                String password,
                String schema,
                int poolSize,
                Duration connectionTimeout,
                Duration breakerOpenFor) {
            this(url, user, password, schema, poolSize, connectionTimeout, breakerOpenFor, null, null);
        }

        public PostgresSettings toSettings() {
            return new PostgresSettings(
                    url,
                    user,
                    password,
                    schema,
                    poolSize,
                    connectionTimeout,
                    breakerOpenFor,
                    queryTimeout,
                    importTimeout);
        }

        public Postgres withUrl(String changed) {
            return new Postgres(
                    changed,
                    user,
                    password,
                    schema,
                    poolSize,
                    connectionTimeout,
                    breakerOpenFor,
                    queryTimeout,
                    importTimeout);
        }

        /** With these query and import timeouts. */
        public Postgres withTimeouts(Duration query, Duration imports) {
            return new Postgres(
                    url, user, password, schema, poolSize, connectionTimeout, breakerOpenFor, query, imports);
        }
    }

    public record Occupancy(Duration dedupeWindow, Duration presenceMemory, Duration maxClockSkew) {

        public OccupancySettings toSettings() {
            return new OccupancySettings(dedupeWindow, presenceMemory, maxClockSkew);
        }
    }

    public ParkGridConfig withCredentials(List<Credential> all) {
        return new ParkGridConfig(
                http, redis, postgres, occupancy, allocation, accounts, cluster, history, credentialsFile, all, ngsiLd);
    }

    public ParkGridConfig withAccounts(Accounts changed) {
        return new ParkGridConfig(
                http,
                redis,
                postgres,
                occupancy,
                allocation,
                changed,
                cluster,
                history,
                credentialsFile,
                credentials,
                ngsiLd);
    }

    /** How spaces are held and lots ranked; the weights are explained in RankingWeights. */
    public record Allocation(
            Duration maxHold,
            int maxPlatesPerDriver,
            int maxAllocationsPerMinute,
            double walkPerMetre,
            double drivePerMetre,
            double perFen,
            double fullnessMetres,
            double detourFactor,
            double fullAtArrivalMetres,
            double driveMetresPerMinute) {

        public static Allocation defaults() {
            RankingWeights w = RankingWeights.DEFAULTS;
            return new Allocation(
                    AllocationSettings.DEFAULTS.maxHold(),
                    AllocationSettings.DEFAULTS.maxPlatesPerDriver(),
                    AllocationSettings.DEFAULTS.maxAllocationsPerMinute(),
                    w.walkPerMetre(),
                    w.drivePerMetre(),
                    w.perFen(),
                    w.fullnessMetres(),
                    w.detourFactor(),
                    w.fullAtArrivalMetres(),
                    w.driveMetresPerMinute());
        }

        public RankingWeights weights() {
            return new RankingWeights(
                    walkPerMetre,
                    drivePerMetre,
                    perFen,
                    fullnessMetres,
                    detourFactor,
                    fullAtArrivalMetres,
                    driveMetresPerMinute);
        }

        public AllocationSettings settings() {
            return new AllocationSettings(
                    maxHold,
                    AllocationSettings.DEFAULTS.candidatesTried(),
                    maxPlatesPerDriver,
                    maxAllocationsPerMinute);
        }
    }

    /**
     * Unified accounts and settlement.
     *
     * @param commissionBasisPoints the platform's share of each fee (100 = 1%), rounded down to the fen
     * @param paymentRetry the first wait before a PENDING linked payment is asked again; doubles up to 64×
     * @param gateway the simulated payer (the only one shipped; real payers are adapters of PaymentGateway)
     */
    public record Accounts(int commissionBasisPoints, Duration paymentRetry, SimulatedPaymentGateway.Settings gateway) {

        public static Accounts defaults() {
            return new Accounts(
                    100, Duration.ofSeconds(5), new SimulatedPaymentGateway.Settings(20, 0.0, 0.0, 1, false));
        }
    }

    /**
     * The Vert.x cluster of ParkGrid nodes (Hazelcast), over which zone-control changes are
     * announced. Members find each other by a TCP/IP member list (one machine, or fixed hosts) or,
     * with {@code kubernetesServiceName}, by Kubernetes discovery.
     *
     * @param port the first Hazelcast port to try on this node (the next ones if taken)
     */
    public record Cluster(
            boolean enabled, String name, String host, int port, List<String> members, String kubernetesServiceName) {

        public static Cluster defaults() {
            return new Cluster(false, "parkgrid", "127.0.0.1", 5701, List.of("127.0.0.1"), null);
        }
    }

    /**
     * Occupancy history in PostgreSQL.
     *
     * @param step one sample per lot at every multiple of it (UTC): PT1M to PT1H, dividing a day
     * @param retention how long samples and changes are kept
     */
    public record History(Duration step, Duration retention) {

        public History {
            toSettings(step, retention); // a step or retention out of bounds is a configuration error
        }

        public static History defaults() {
            return new History(HistorySettings.DEFAULTS.step(), HistorySettings.DEFAULTS.retention());
        }

        private static HistorySettings toSettings(Duration step, Duration retention) {
            return new HistorySettings(step, retention);
        }

        public HistorySettings toSettings() {
            return toSettings(step, retention);
        }
    }

    /**
     * The optional push of lots and units to an NGSI-LD context broker (off while {@code brokerUrl}
     * is null); see {@link city.parkgrid.api.standards.ngsild.NgsiLdPush}.
     */
    public record NgsiLd(String brokerUrl, Duration period, int batchSize, Duration maxBackoff) {

        public static NgsiLd defaults() {
            return new NgsiLd(null, Duration.ofSeconds(5), 100, Duration.ofMinutes(5));
        }

        public boolean enabled() {
            return brokerUrl != null && !brokerUrl.isBlank();
        }
    }

    /** An API key's SHA-256 (never the key itself) and whom it stands for. */
    public record Credential(Role role, String id, String sha256) {}

    public static ParkGridConfig defaults() {
        OccupancySettings o = OccupancySettings.DEFAULTS;
        return new ParkGridConfig(
                new Http(
                        "0.0.0.0",
                        8080,
                        HttpVerticle.Timeouts.DEFAULT.idle(),
                        HttpVerticle.Timeouts.DEFAULT.request(),
                        null),
                new Redis("redis://127.0.0.1:6379", List.of(), "pg", Duration.ofSeconds(2), Redis.DEFAULT_REPLICA_ACK),
                new Postgres(
                        "jdbc:postgresql://127.0.0.1:5432/parkgrid",
                        "parkgrid",
                        null,
                        "parkgrid",
                        8,
                        PostgresSettings.DEFAULT_CONNECTION_TIMEOUT,
                        PostgresSettings.DEFAULT_BREAKER_OPEN_FOR,
                        PostgresSettings.DEFAULT_QUERY_TIMEOUT,
                        PostgresSettings.DEFAULT_IMPORT_TIMEOUT),
                new Occupancy(o.dedupeWindow(), o.presenceMemory(), o.maxClockSkew()),
                Allocation.defaults(),
                Accounts.defaults(),
                Cluster.defaults(),
                History.defaults(),
                null,
                List.of(),
                NgsiLd.defaults());
    }
}
