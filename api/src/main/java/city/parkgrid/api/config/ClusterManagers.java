package city.parkgrid.api.config;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import io.vertx.core.spi.cluster.ClusterManager;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;

/** Builds the Hazelcast cluster manager of a serve node from its configuration. */
public final class ClusterManagers {

    private ClusterManagers() {}

    public static ClusterManager hazelcast(ParkGridConfig.Cluster cluster) {
        Config config = ConfigUtil.loadConfig();
        config.setClusterName(cluster.name());
        config.setProperty("hazelcast.logging.type", "slf4j");
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.getNetworkConfig().setPort(cluster.port()).setPortAutoIncrement(true);
        config.getNetworkConfig().getInterfaces().setEnabled(true).addInterface(cluster.host());
        JoinConfig join = config.getNetworkConfig().getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        if (cluster.kubernetesServiceName() != null) {
            join.getKubernetesConfig().setEnabled(true).setProperty("service-name", cluster.kubernetesServiceName());
        } else {
            join.getTcpIpConfig().setEnabled(true).setMembers(cluster.members());
        }
        return new HazelcastClusterManager(config);
    }
}
