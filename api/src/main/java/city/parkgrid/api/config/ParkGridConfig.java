package city.parkgrid.api.config;

import city.parkgrid.access.Role;
import city.parkgrid.occupancy.OccupancySettings;
import java.time.Duration;
import java.util.List;

/**
 * What {@code serve} reads from its config file and environment; every field is documented in
 * {@code deploy/config-example.yaml}. Immutable.
 */
public record ParkGridConfig(
        Http http,
        Redis redis,
        Occupancy occupancy,
        String dataset,
        String credentialsFile,
        List<Credential> credentials) {

    public record Http(String host, int port) {
    }

    public record Redis(String uri, String keyPrefix, Duration timeout) {
    }

    public record Occupancy(Duration dedupeWindow, Duration presenceMemory, Duration maxClockSkew) {

        public OccupancySettings toSettings() {
            return new OccupancySettings(dedupeWindow, presenceMemory, maxClockSkew);
        }
    }

    /** An API key's SHA-256 (never the key itself) and whom it stands for. */
    public record Credential(Role role, String id, String sha256) {
    }

    public static ParkGridConfig defaults() {
        OccupancySettings o = OccupancySettings.DEFAULTS;
        return new ParkGridConfig(
                new Http("0.0.0.0", 8080),
                new Redis("redis://127.0.0.1:6379", "pg", Duration.ofSeconds(2)),
                new Occupancy(o.dedupeWindow(), o.presenceMemory(), o.maxClockSkew()),
                null, null, List.of());
    }
}
