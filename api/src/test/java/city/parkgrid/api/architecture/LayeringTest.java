package city.parkgrid.api.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The HTTP layer talks to use cases, never to storage: only the wiring (which builds a node from
 * its stores) and the configuration (which names them) may see an adapter or a store port; and
 * nothing here reaches the simulator, which sits beside this module, not below it.
 */
class LayeringTest {

    private static final JavaClasses API = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("city.parkgrid.api");

    @Test
    void onlyTheWiringSeesAdaptersOrStorageClients() {
        noClasses()
                .that()
                .resideInAPackage("city.parkgrid.api..")
                .and()
                .resideOutsideOfPackages("..api.wiring..", "..api.config..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "..redis..", "..postgres..", "..postgis..", "..memory..", "io.lettuce..", "java.sql..")
                .check(API);
    }

    @Test
    void handlersGoThroughUseCasesNotStorePorts() {
        noClasses()
                .that()
                .resideInAPackage("city.parkgrid.api..")
                .and()
                .resideOutsideOfPackages("..api.wiring..")
                .should()
                .dependOnClassesThat()
                .haveFullyQualifiedName("city.parkgrid.occupancy.OccupancyStore")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("city.parkgrid.accounts.AccountBook")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("city.parkgrid.zones.control.ZoneControlStore")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("city.parkgrid.catalog.GeographyStore")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("city.parkgrid.app.Stores")
                .check(API);
    }

    @Test
    void theHttpLayerDoesNotReachTheSimulator() {
        noClasses()
                .that()
                .resideInAPackage("city.parkgrid.api..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("city.parkgrid.sim..")
                .check(API);
    }
}
