package city.parkgrid.api.console;

import city.parkgrid.access.ApiKeys;
import city.parkgrid.access.Role;
import city.parkgrid.api.config.ClusterManagers;
import city.parkgrid.api.config.ParkGridConfig;
import city.parkgrid.api.testing.PlatformUnderTest;
import city.parkgrid.api.testing.ServeFixture;
import city.parkgrid.api.wiring.ServeWiring;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * The console against two real serve nodes (one Vert.x cluster, one Redis, one PostGIS): the first
 * browser uses node A, the second node B.
 */
class ConsoleServeBrowserIT extends ConsoleBrowserContract {

    private static final String BUREAU_KEY = "pgk_bureau-console-key-0123456789abcdefghijklm";
    private static final String WANDA_KEY = "pgk_operator-wanda-console-key-0123456789abcdef";
    private static final String CAMPUS_KEY = "pgk_operator-campus-console-key-0123456789abcde";

    private ServeFixture fixture;
    private PlatformUnderTest a;
    private PlatformUnderTest b;

    @Override
    void startNodes() {
        fixture = new ServeFixture(List.of(
                new ParkGridConfig.Credential(Role.BUREAU, "bureau", ApiKeys.sha256(BUREAU_KEY)),
                new ParkGridConfig.Credential(Role.OPERATOR, "op-wanda", ApiKeys.sha256(WANDA_KEY)),
                new ParkGridConfig.Credential(Role.OPERATOR, "op-campus", ApiKeys.sha256(CAMPUS_KEY))));
        // a cluster of its own, so that no other test run on this machine joins it
        ParkGridConfig.Cluster cluster = new ParkGridConfig.Cluster(
                true, "parkgrid-console-it-" + UUID.randomUUID(), "127.0.0.1", 5_921, List.of("127.0.0.1"), null);
        a = new PlatformUnderTest(
                ServeWiring.node(fixture.config(), Clock.systemUTC()), ClusterManagers.hazelcast(cluster));
        b = new PlatformUnderTest(
                ServeWiring.node(fixture.config(), Clock.systemUTC()), ClusterManagers.hazelcast(cluster));
    }

    @Override
    void stopNodes() {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
        if (fixture != null) {
            fixture.close();
        }
    }

    @Override
    PlatformUnderTest primary() {
        return a;
    }

    @Override
    PlatformUnderTest secondary() {
        return b;
    }

    @Override
    String bureauKey() {
        return BUREAU_KEY;
    }

    @Override
    String operatorKey() {
        return WANDA_KEY;
    }

    @Override
    String tokenOf(String operatorId) {
        return operatorId.equals("op-wanda") ? WANDA_KEY : CAMPUS_KEY;
    }
}
