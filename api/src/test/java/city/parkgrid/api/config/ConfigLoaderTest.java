package city.parkgrid.api.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import city.parkgrid.access.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    private static final Path EXAMPLE = Path.of("..", "deploy", "config-example.yaml");

    @Test
    void theShippedExampleLoadsAndStatesTheDefaults() {
        ParkGridConfig config = ConfigLoader.load(EXAMPLE, Map.of());
        assertThat(config).isEqualTo(ParkGridConfig.defaults());
    }

    @Test
    void environmentVariablesWinOverTheFile() {
        ParkGridConfig config = ConfigLoader.load(
                EXAMPLE,
                Map.of(
                        "PARKGRID_REDIS_URI", "redis://cache.internal:6380",
                        "PARKGRID_PORT", "9090",
                        "PARKGRID_REDIS_PREFIX", "yangpu",
                        "PARKGRID_PG_URL", "jdbc:postgresql://db.internal:5432/parkgrid",
                        "PARKGRID_PG_PASSWORD", "from-the-environment",
                        "PARKGRID_CLUSTER_HOST", "10.42.0.17"));
        assertThat(config.postgres().url()).isEqualTo("jdbc:postgresql://db.internal:5432/parkgrid");
        assertThat(config.postgres().password()).isEqualTo("from-the-environment");
        assertThat(config.postgres().toSettings().toString()).doesNotContain("from-the-environment");
        assertThat(config.redis().uri()).isEqualTo("redis://cache.internal:6380");
        assertThat(config.redis().keyPrefix()).isEqualTo("yangpu");
        assertThat(config.http().port()).isEqualTo(9090);
        assertThat(config.cluster().host()).isEqualTo("10.42.0.17");
    }

    @Test
    void aRedisClusterIsNamedBySeedNodesInTheFileOrTheEnvironment(@TempDir Path dir) throws Exception {
        assertThat(ConfigLoader.load(EXAMPLE, Map.of()).redis().clustered()).isFalse();
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, """
                redis:
                  cluster: [10.0.0.5:7001, 10.0.0.6:7001]
                """);
        ParkGridConfig fromFile = ConfigLoader.load(file, Map.of());
        assertThat(fromFile.redis().clustered()).isTrue();
        assertThat(fromFile.redis().cluster()).containsExactly("10.0.0.5:7001", "10.0.0.6:7001");
        ParkGridConfig fromEnv =
                ConfigLoader.load(file, Map.of("PARKGRID_REDIS_CLUSTER", " r1:7001, r2:7002 ,r3:7003"));
        assertThat(fromEnv.redis().cluster()).containsExactly("r1:7001", "r2:7002", "r3:7003");
    }

    @Test
    void readsDurationsAndCredentialsFromFileAndCredentialsFile(@TempDir Path dir) throws Exception {
        Path credentials = dir.resolve("credentials.yaml");
        Files.writeString(credentials, "- role: BUREAU\n  id: bureau\n  sha256: ab12\n");
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, """
                occupancy:
                  dedupeWindow: P3D
                credentials:
                  - role: OPERATOR
                    id: op-wanda
                    sha256: cd34
                """);
        ParkGridConfig config = ConfigLoader.load(file, Map.of("PARKGRID_CREDENTIALS_FILE", credentials.toString()));
        assertThat(config.occupancy().dedupeWindow()).isEqualTo(Duration.ofDays(3));
        assertThat(config.occupancy().presenceMemory()).isEqualTo(Duration.ofDays(31));
        assertThat(config.credentials())
                .extracting(ParkGridConfig.Credential::role)
                .containsExactly(Role.OPERATOR, Role.BUREAU);
    }

    @Test
    void readsTheHttpTimeoutsFromFileAndEnvironment(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, """
                http:
                  idleTimeout: PT2M
                  requestTimeout: 7
                """);
        ParkGridConfig fromFile = ConfigLoader.load(file, Map.of());
        assertThat(fromFile.http().idleTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(fromFile.http().requestTimeout()).isEqualTo(Duration.ofSeconds(7));

        ParkGridConfig fromEnv = ConfigLoader.load(
                file, Map.of("PARKGRID_HTTP_IDLE_TIMEOUT", "90", "PARKGRID_HTTP_REQUEST_TIMEOUT", "PT3.5S"));
        assertThat(fromEnv.http().timeouts().idle()).isEqualTo(Duration.ofSeconds(90));
        assertThat(fromEnv.http().timeouts().request()).isEqualTo(Duration.ofMillis(3_500));
    }

    @Test
    void theHttpTimeoutsDefaultToAMinuteIdleAndTenSecondsPerRequest() {
        ParkGridConfig config = ConfigLoader.load(null, Map.of());
        assertThat(config.http().idleTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.http().requestTimeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void aZeroTimeoutIsAnError() {
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("PARKGRID_HTTP_REQUEST_TIMEOUT", "0")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("requestTimeout");
    }

    @Test
    void aMistypedKeyIsAnErrorNotASilentDefault(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, "redis:\n  url: redis://elsewhere:6379\n");
        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("url");
    }
}
