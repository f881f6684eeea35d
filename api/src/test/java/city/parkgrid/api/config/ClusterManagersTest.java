package city.parkgrid.api.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a node finds the others: a TCP/IP member list on one machine, the Kubernetes API in deploy/. */
class ClusterManagersTest {

    private static Config configOf(ParkGridConfig.Cluster cluster) {
        return ((HazelcastClusterManager) ClusterManagers.hazelcast(cluster)).getConfig();
    }

    @Test
    void aMemberListJoinsByTcpIpOnTheConfiguredInterfaceAndNeverByMulticast() {
        Config config = configOf(new ParkGridConfig.Cluster(
                true, "parkgrid-yangpu", "127.0.0.1", 5801, List.of("127.0.0.1", "127.0.0.2:5801"), null));
        JoinConfig join = config.getNetworkConfig().getJoin();
        assertThat(config.getClusterName()).isEqualTo("parkgrid-yangpu");
        assertThat(config.getNetworkConfig().getPort()).isEqualTo(5801);
        assertThat(config.getNetworkConfig().getInterfaces().getInterfaces()).containsExactly("127.0.0.1");
        assertThat(join.getTcpIpConfig().isEnabled()).isTrue();
        assertThat(join.getTcpIpConfig().getMembers()).containsExactly("127.0.0.1", "127.0.0.2:5801");
        assertThat(join.getMulticastConfig().isEnabled()).isFalse();
        assertThat(join.getKubernetesConfig().isEnabled()).isFalse();
    }

    @Test
    void aKubernetesServiceNameJoinsThroughTheKubernetesApi() {
        Config config = configOf(new ParkGridConfig.Cluster(
                true, "parkgrid-shanghai", "10.42.0.17", 5701, List.of(), "parkgrid-hazelcast"));
        JoinConfig join = config.getNetworkConfig().getJoin();
        assertThat(join.getKubernetesConfig().isEnabled()).isTrue();
        assertThat(join.getKubernetesConfig().getProperty("service-name")).isEqualTo("parkgrid-hazelcast");
        assertThat(join.getTcpIpConfig().isEnabled()).isFalse();
    }
}
