package city.parkgrid.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import city.parkgrid.catalog.postgis.PostgisGeographyStore;
import city.parkgrid.postgres.PostgresDatabase;
import city.parkgrid.testing.TestServices;
import java.io.ByteArrayOutputStream;
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
        Path config = dir.resolve("config.yaml");
        Files.writeString(
                config,
                "postgres:\n  url: \"" + TestServices.postgresUrl() + "\"\n  user: null\n  schema: " + schema + "\n");
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
