package city.parkgrid.bench;

import city.parkgrid.catalog.GeoIndex;
import city.parkgrid.catalog.postgis.PostgisGeographyStore;
import city.parkgrid.catalog.postgis.SqlSpatialQueries;
import city.parkgrid.dataset.GeoJsonDataSetReader;
import city.parkgrid.geo.GeoPoint;
import city.parkgrid.postgres.PostgresDatabase;
import city.parkgrid.testing.TestServices;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The hot-path spatial questions — which regions contain a point (locate) and the five nearest
 * lots — answered by the in-memory JTS index and by PostGIS (one JDBC round trip on loopback,
 * GiST indexes, KNN {@code <->} on geography), on the Wujiaochang data set, at random points over
 * Yangpu. Run with {@code ./parkgrid bench SpatialQueryBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SpatialQueryBenchmark {

    @Param({"jts", "postgis"})
    public String engine;

    private PostgresDatabase database;
    private Connection connection;
    private GeoIndex index;
    private final GeoPoint[] points = new GeoPoint[1024];
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws SQLException {
        database = TestServices.migratedDatabase(TestServices.uniqueSchema());
        PostgisGeographyStore store = new PostgisGeographyStore(database);
        store.importDataSet(GeoJsonDataSetReader.wujiaochang());
        index = GeoIndex.of(store.load());
        connection = database.dataSource().getConnection();
        Random random = new Random(42);
        for (int i = 0; i < points.length; i++) {
            points[i] = GeoPoint.of(31.272 + random.nextDouble() * 0.073, 121.488 + random.nextDouble() * 0.060);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws SQLException {
        connection.close();
        TestServices.dropSchema(database);
        database.close();
    }

    private GeoPoint nextPoint() {
        return points[next++ & (points.length - 1)];
    }

    @Benchmark
    public Object locate() throws SQLException {
        GeoPoint p = nextPoint();
        return engine.equals("jts") ? index.locate(p) : SqlSpatialQueries.locate(connection, p);
    }

    @Benchmark
    public Object nearestFiveLots() throws SQLException {
        GeoPoint p = nextPoint();
        if (engine.equals("jts")) {
            List<?> near = index.lotsNear(p, 3_000);
            return near.subList(0, Math.min(5, near.size()));
        }
        return SqlSpatialQueries.nearest(connection, p, 5);
    }
}
