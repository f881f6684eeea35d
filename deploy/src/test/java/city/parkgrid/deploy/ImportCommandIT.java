package city.parkgrid.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import city.parkgrid.catalog.GeoIndex;
import city.parkgrid.catalog.postgis.PostgisGeographyStore;
import city.parkgrid.dataset.DataSet;
import city.parkgrid.dataset.SyntheticCity;
import city.parkgrid.lots.Lot;
import city.parkgrid.postgres.PostgresDatabase;
import city.parkgrid.testing.TestServices;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ./parkgrid migrate} and {@code ./parkgrid import FILE}, as an operator of the platform runs them. */
class ImportCommandIT {

    @Test
    void importingTheWujiaochangDataSetTwiceChangesNothingTheSecondTime(@TempDir Path dir) throws Exception {
        String schema = TestServices.uniqueSchema();
        Path config = config(dir, schema);
        Path data = Path.of("..", "core", "src", "main", "resources", "datasets", "wujiaochang", "wujiaochang.geojson");
        try {
            assertThat(run("migrate", "--config", config.toString())).contains("schema " + schema);
            String first = run("import", data.toString(), "--config", config.toString());
            assertThat(first).contains("67 inserted, 0 updated, 0 unchanged");
            String second = run("import", data.toString(), "--config", config.toString());
            assertThat(second).contains("0 inserted, 0 updated, 67 unchanged");
            try (PostgresDatabase database = new PostgresDatabase(TestServices.postgres(schema))) {
                assertThat(new PostgisGeographyStore(database).load().lots()).hasSize(40);
            }
        } finally {
            try (PostgresDatabase database = new PostgresDatabase(TestServices.postgres(schema))) {
                TestServices.dropSchema(database);
            }
        }
    }

    @Test
    void aGeneratedShanghaiOf4500LotsImportsWhole(@TempDir Path dir) throws Exception {
        String schema = TestServices.uniqueSchema();
        Path config = config(dir, schema);
        Path city = dir.resolve("shanghai.geojson");
        try {
            assertThat(run("generate-city", "--lots", "4500", "--seed", "7", "--out", city.toString()))
                    .contains("337 regions, 64 parking units, 4500 lots");
            assertThat(run("import", city.toString(), "--config", config.toString()))
                    .contains("4901 inserted, 0 updated, 0 unchanged");
            try (PostgresDatabase database = new PostgresDatabase(TestServices.postgres(schema))) {
                DataSet stored = new PostgisGeographyStore(database).load();
                assertThat(stored.lots()).hasSize(4_500);
                assertThat(GeoIndex.of(stored).listLots())
                        .allSatisfy(lot -> assertThat(lot.zoneId()).isNotNull());
                assertThat(stored.lots().stream().mapToInt(Lot::capacity).sum())
                        .isEqualTo(SyntheticCity.generate(4_500, 7).lots().stream()
                                .mapToInt(Lot::capacity)
                                .sum());
            }
        } finally {
            try (PostgresDatabase database = new PostgresDatabase(TestServices.postgres(schema))) {
                TestServices.dropSchema(database);
            }
        }
    }

    /** A configuration naming only the test's PostgreSQL and schema. */
    private static Path config(Path dir, String schema) throws IOException {
        return Files.writeString(
                dir.resolve("config.yaml"),
                "postgres:\n  url: \"" + TestServices.postgresUrl() + "\"\n  user: null\n  schema: " + schema + "\n");
    }

    private static String run(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            int exit = new CommandLine(new ParkGridMain()).execute(args);
            assertThat(exit).as("exit code of %s", String.join(" ", args)).isZero();
        } finally {
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
