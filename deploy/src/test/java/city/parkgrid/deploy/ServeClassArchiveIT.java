package city.parkgrid.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The class-data-sharing archive the launcher makes for {@code serve} (docs/DECISIONS.md, "Start-up
 * from a class-data-sharing archive"): the committed class list still names the platform's classes,
 * and an archive made from it the way the launcher makes it is mapped and serves them.
 */
class ServeClassArchiveIT {

    private static final Path CLASS_LIST = Path.of("cds", "serve.classlist");
    private static final String CLASS_PATH = "target/parkgrid.jar:target/lib/*";

    /** Platform classes the list names that the built jars still hold, out of those it names. */
    @Test
    void theClassListStillNamesThePlatformsClasses() throws IOException {
        List<String> listed = Files.readAllLines(CLASS_LIST, StandardCharsets.UTF_8).stream()
                .filter(line -> line.startsWith("city/parkgrid/"))
                .map(line -> line.split(" ")[0])
                .toList();
        Set<String> built = new java.util.HashSet<>();
        List<Path> jars = new ArrayList<>(List.of(Path.of("target", "parkgrid.jar")));
        try (var lib = Files.list(Path.of("target", "lib"))) {
            jars.addAll(lib.filter(p -> p.getFileName().toString().startsWith("parkgrid-"))
                    .toList());
        }
        for (Path jar : jars) {
            try (JarFile file = new JarFile(jar.toFile())) {
                built.addAll(file.stream()
                        .map(e -> e.getName())
                        .filter(n -> n.endsWith(".class"))
                        .map(n -> n.substring(0, n.length() - ".class".length()))
                        .collect(Collectors.toSet()));
            }
        }
        long present = listed.stream().filter(built::contains).count();
        assertThat(listed)
                .as("serve's start-up loads a few hundred platform classes")
                .hasSizeGreaterThan(150);
        assertThat(present)
                .as(
                        "make the list again when the code moved (command in docs/PERFORMANCE.md): %s",
                        listed.stream()
                                .filter(c -> !built.contains(c))
                                .limit(10)
                                .toList())
                .isGreaterThanOrEqualTo(Math.round(listed.size() * 0.9));
    }

    @Test
    void anArchiveMadeFromTheListIsMappedAndServesThePlatformsClasses(@TempDir Path dir) throws Exception {
        Path archive = dir.resolve("serve.jsa");
        Run dump = java(
                "-Xshare:dump",
                "-XX:SharedClassListFile=" + CLASS_LIST,
                "-XX:SharedArchiveFile=" + archive,
                "-cp",
                CLASS_PATH);
        assertThat(dump.exit()).as(dump.output()).isZero();
        assertThat(archive).isNotEmptyFile();

        // -Xshare:on: a JVM that cannot map the archive refuses to start instead of starting without it
        Run help = java(
                "-XX:SharedArchiveFile=" + archive,
                "-Xshare:on",
                "-Xlog:class+load=info",
                "-cp",
                CLASS_PATH,
                "city.parkgrid.deploy.ParkGridMain",
                "--help");
        assertThat(help.exit()).as(help.output()).isZero();
        assertThat(help.output())
                .contains("city.parkgrid.deploy.ParkGridMain source: shared objects file")
                .contains("picocli.CommandLine source: shared objects file");
    }

    private record Run(int exit, String output) {}

    private static Run java(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
