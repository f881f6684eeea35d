package city.parkgrid.bench;

import city.parkgrid.catalog.Geography;
import city.parkgrid.dataset.DataSet;
import city.parkgrid.dataset.GeoJsonDataSetReader;
import city.parkgrid.datex2.Datex2Publications;
import city.parkgrid.datex2.Datex2Publications.StatusSnapshot;
import city.parkgrid.geo.GeoPoint;
import city.parkgrid.lots.Lot;
import city.parkgrid.lots.LotKind;
import city.parkgrid.occupancy.OccupancyService;
import city.parkgrid.occupancy.OccupancySettings;
import city.parkgrid.occupancy.memory.InMemoryOccupancyStore;
import city.parkgrid.tariffs.memory.InMemoryTariffStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The DATEX II v3.7 status publication of a city's lots (4,500, Shanghai's order of magnitude of
 * public car parks), on the in-memory occupancy store so that only the export is measured: the
 * read of every lot's state and its version ({@code snapshot}), the XML written from a snapshot
 * ({@code write}), and both ({@code snapshotAndWrite}, what a poller without a matching ETag costs).
 * The publication's size, plain and gzipped, is printed at set-up. Run with {@code ./parkgrid
 * bench Datex2StatusExportBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class Datex2StatusExportBenchmark {

    @Param({"4500"})
    public int lots;

    private Datex2Publications publications;
    private StatusSnapshot snapshot;
    private final Instant now = Instant.parse("2026-11-28T07:00:00Z");

    @Setup(Level.Trial)
    public void setUp() {
        DataSet wujiaochang = GeoJsonDataSetReader.wujiaochang();
        Random random = new Random(13);
        List<Lot> city = new ArrayList<>();
        LotKind[] kinds = LotKind.values();
        for (int i = 0; i < lots; i++) {
            city.add(new Lot(
                    "lot-" + i,
                    "停车场 " + i,
                    "Car park " + i,
                    "op-" + (i % 60),
                    null,
                    kinds[i % kinds.length],
                    // the Wujiaochang area, so that lots fall in its units and the unit totals are written too
                    GeoPoint.of(31.275 + random.nextDouble() * 0.07, 121.495 + random.nextDouble() * 0.045),
                    20 + random.nextInt(1_500),
                    i % 3 == 0 ? Map.of(Lot.DATEX2, "CN-310000_" + i) : Map.of()));
        }
        Geography geography = new Geography(new DataSet(wujiaochang.regions(), wujiaochang.zones(), city));
        InMemoryOccupancyStore store = new InMemoryOccupancyStore(OccupancySettings.DEFAULTS);
        OccupancyService occupancy = new OccupancyService(store, OccupancySettings.DEFAULTS);
        occupancy.registerLots(geography.listLots(), now).toCompletableFuture().join();
        for (Lot lot : geography.listLots()) {
            store.applySnapshot(
                            lot.id(), random.nextInt(lot.capacity() + 1), now.minusSeconds(random.nextInt(600)), now)
                    .toCompletableFuture()
                    .join();
        }
        publications = new Datex2Publications(
                geography, geography, occupancy, new InMemoryTariffStore(), Datex2Publications.Publisher.PARKGRID);
        snapshot = snapshot();
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        publications.writeStatus(snapshot, now, plain);
        ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(gzipped)) {
            gzip.write(plain.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.printf(
                "DATEX II status publication of %d lots: %,d bytes, %,d gzipped%n", lots, plain.size(), gzipped.size());
    }

    private StatusSnapshot snapshot() {
        return publications.statusSnapshot(null).toCompletableFuture().join();
    }

    @Benchmark
    public String snapshotOnly() {
        return snapshot().version();
    }

    @Benchmark
    public void write(Blackhole hole) {
        publications.writeStatus(snapshot, now, new Discard(hole));
    }

    @Benchmark
    public void snapshotAndWrite(Blackhole hole) {
        publications.writeStatus(snapshot(), now, new Discard(hole));
    }

    /** Counts what is written into the black hole, so that nothing is buffered or elided. */
    private static final class Discard extends OutputStream {
        private final Blackhole hole;

        Discard(Blackhole hole) {
            this.hole = hole;
        }

        @Override
        public void write(int b) {
            hole.consume(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            hole.consume(b);
            hole.consume(len);
        }
    }
}
