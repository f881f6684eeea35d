package city.parkgrid.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * The domain is plain Java: Vert.x, Lettuce, JDBC and Hazelcast belong to the adapters at the edges
 * (packages named for what they adapt: {@code ..redis..}, {@code ..postgis..}), so that the rules
 * can be read, tested and run (e.g. by the simulator) without any of them.
 */
class DomainIsFrameworkFreeTest {

    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("city.parkgrid");

    @Test
    void domainPackagesUseNoFrameworkOrStorageClient() {
        ArchRule rule = noClasses()
                .that()
                .resideInAPackage("city.parkgrid..")
                .and()
                .resideOutsideOfPackages("..redis..", "..postgis..", "..postgres..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.vertx..",
                        "io.lettuce..",
                        "java.sql..",
                        "javax.sql..",
                        "org.postgresql..",
                        "net.postgis..",
                        "org.flywaydb..",
                        "com.hazelcast..",
                        "io.netty..");
        rule.check(CORE);
    }

    @Test
    void adaptersAreNotUsedByTheDomain() {
        ArchRule rule = noClasses()
                .that()
                .resideInAPackage("city.parkgrid..")
                .and()
                .resideOutsideOfPackages("..redis..", "..postgis..", "..postgres..", "..memory..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("..redis..", "..postgis..", "..postgres..", "..memory..");
        rule.check(CORE);
    }
}
