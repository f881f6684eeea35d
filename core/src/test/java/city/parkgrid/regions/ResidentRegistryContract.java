package city.parkgrid.regions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link ResidentRegistry} must do; run in memory and against real PostgreSQL. */
public abstract class ResidentRegistryContract {

    protected ResidentRegistry registry;

    /** A registry whose communities include those of the Wujiaochang data set. */
    protected abstract ResidentRegistry newRegistry();

    @BeforeEach
    void createRegistry() {
        registry = newRegistry();
    }

    @Test
    void registersAndFindsByIdAndByPlate() {
        Resident resident = registry.register("wjc-sub-square", Set.of("沪A10001", "沪A10002"));
        assertThat(registry.findResident(resident.id())).contains(resident);
        assertThat(registry.findResident(resident.id()).orElseThrow().plates())
                .containsExactlyInAnyOrder("沪A10001", "沪A10002");
        assertThat(registry.findByPlate("沪A10002").orElseThrow().id()).isEqualTo(resident.id());
        assertThat(registry.findByPlate("沪Z99999")).isEmpty();
        assertThat(registry.findResident("nobody")).isEmpty();
    }

    @Test
    void aPlateBelongsToAtMostOneResidentAndARefusedRegistrationStoresNothing() {
        registry.register("wjc-sub-square", Set.of("沪B20001"));
        assertThatThrownBy(() -> registry.register("sp-tongji", Set.of("沪B20002", "沪B20001")))
                .isInstanceOf(PlateTakenException.class)
                .hasMessageContaining("沪B20001");
        assertThat(registry.findByPlate("沪B20002")).isEmpty();
        assertThat(registry.countInCommunities(List.of("sp-tongji"))).isZero();
    }

    @Test
    void countsResidentsOfCommunities() {
        registry.register("sp-tongji", Set.of("沪C30001"));
        registry.register("sp-tongji", Set.of("沪C30002"));
        registry.register("sp-anshan", Set.of("沪C30003"));
        assertThat(registry.countInCommunities(List.of("sp-tongji"))).isEqualTo(2);
        assertThat(registry.countInCommunities(List.of("sp-tongji", "sp-anshan", "sp-guokang")))
                .isEqualTo(3);
        assertThat(registry.countInCommunities(List.of())).isZero();
    }
}
