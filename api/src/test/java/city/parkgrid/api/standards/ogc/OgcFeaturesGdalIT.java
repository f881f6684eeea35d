package city.parkgrid.api.standards.ogc;

import static org.assertj.core.api.Assertions.assertThat;

import city.parkgrid.api.testing.PlatformUnderTest;
import city.parkgrid.dataset.DataSet;
import city.parkgrid.dataset.GeoJsonDataSetReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * GDAL's OAPIF driver, the one QGIS opens "WFS / OGC API - Features" layers with, reads a running
 * node: {@code ogrinfo} (Debian's gdal-bin, which {@code ./parkgrid test} installs when missing)
 * lists the three collections and counts their features, and reads every lot through small pages
 * by following the {@code next} links.
 */
class OgcFeaturesGdalIT {

    private static final DataSet WUJIAOCHANG = GeoJsonDataSetReader.wujiaochang();

    private static PlatformUnderTest node;

    @BeforeAll
    static void start() {
        node = PlatformUnderTest.embedded();
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    private static String dataset() {
        return "OAPIF:" + node.baseUrl() + "/ogc";
    }

    @Test
    void ogrinfoListsTheThreeCollections() throws Exception {
        List<String> out = ogrinfo("-ro", "-so", dataset());
        assertThat(out).contains("1: regions (title: Regions) (Multi Polygon)");
        assertThat(out).anyMatch(l -> l.startsWith("2: zones (title: Parking units)"));
        assertThat(out).contains("3: lots (title: Parking lots) (Point)");
    }

    @Test
    void ogrinfoCountsEveryCollectionsFeatures() throws Exception {
        assertThat(WUJIAOCHANG.regions()).hasSize(23);
        assertThat(WUJIAOCHANG.zones()).hasSize(4);
        assertThat(WUJIAOCHANG.lots()).hasSize(40);
        assertThat(ogrinfo("-ro", "-so", dataset(), "regions")).contains("Feature Count: 23");
        assertThat(ogrinfo("-ro", "-so", dataset(), "zones")).contains("Feature Count: 4");
        List<String> lots = ogrinfo("-ro", "-so", dataset(), "lots");
        assertThat(lots).contains("Feature Count: 40", "Geometry: Point");
        assertThat(lots).contains("capacity: Integer (0.0)", "free: Integer (0.0)", "status: String (0.0)");
    }

    @Test
    void ogrinfoReadsEveryLotThroughPagesOfSeven() throws Exception {
        List<String> features = ogrinfo("-ro", "-al", "-q", "-oo", "PAGE_SIZE=7", dataset(), "lots").stream()
                .filter(l -> l.startsWith("OGRFeature(lots)"))
                .toList();
        assertThat(features).hasSize(40).doesNotHaveDuplicates();
        List<String> inBox = ogrinfo("-ro", "-so", "-spat", "121.51", "31.29", "121.52", "31.31", dataset(), "lots");
        long expected = WUJIAOCHANG.lots().stream()
                .filter(l -> l.entrance().lon() >= 121.51
                        && l.entrance().lon() <= 121.52
                        && l.entrance().lat() >= 31.29
                        && l.entrance().lat() <= 31.31)
                .count();
        assertThat(inBox).as("GDAL sends -spat as bbox").contains("Feature Count: " + expected);
    }

    /** Runs ogrinfo; its output lines, echoed for the log. Fails loudly when GDAL is not installed. */
    private static List<String> ogrinfo(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add("ogrinfo");
        command.addAll(List.of(args));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("ogrinfo is not installed (Debian gdal-bin; ./parkgrid test installs it)", e);
        }
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(120, TimeUnit.SECONDS))
                .as("ogrinfo finished")
                .isTrue();
        String text = new String(output, StandardCharsets.UTF_8);
        System.out.println("$ " + String.join(" ", command) + "\n" + summary(text));
        assertThat(process.exitValue())
                .as("ogrinfo exit status; output:\n" + text)
                .isZero();
        // GDAL goes on after some failures (an API definition it cannot read), but QGIS shows them
        assertThat(text.lines().filter(l -> l.startsWith("ERROR") || l.startsWith("Warning")))
                .as("GDAL's errors and warnings")
                .isEmpty();
        return text.lines().map(String::strip).toList();
    }

    private static String summary(String text) {
        return text.lines()
                .filter(l -> !l.startsWith(" ") && !l.startsWith("OGRFeature") || l.startsWith("  using"))
                .limit(40)
                .reduce("", (a, b) -> a + b + "\n");
    }
}
