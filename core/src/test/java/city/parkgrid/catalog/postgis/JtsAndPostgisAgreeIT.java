package city.parkgrid.catalog.postgis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import city.parkgrid.catalog.GeoIndex;
import city.parkgrid.dataset.GeoJsonDataSetReader;
import city.parkgrid.geo.GeoPoint;
import city.parkgrid.lots.Lot;
import city.parkgrid.lots.NearbyLot;
import city.parkgrid.postgres.PostgresDatabase;
import city.parkgrid.regions.Region;
import city.parkgrid.testing.TestServices;
import city.parkgrid.zones.Zone;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;

/**
 * The two homes of the geometry give one answer: PostGIS (what the bureau's GIS tools see) and
 * the JTS index every node answers drivers from.
 */
class JtsAndPostgisAgreeIT {

    private static PostgresDatabase database;
    private static GeoIndex index;

    @BeforeAll
    static void importWujiaochangIntoAFreshSchema() {
        database = new PostgresDatabase(TestServices.postgres(TestServices.uniqueSchema()));
        assertThat(database.migrate())
                .as("migrations applied to an empty schema")
                .isPositive();
        PostgisGeographyStore store = new PostgisGeographyStore(database);
        store.importDataSet(GeoJsonDataSetReader.wujiaochang());
        index = GeoIndex.of(store.load());
    }

    @AfterAll
    static void dropSchema() {
        TestServices.dropSchema(database);
        database.close();
    }

    @Test
    void everyLotIsInTheSameZoneAndCommunity() throws Exception {
        try (Connection c = database.dataSource().getConnection()) {
            for (Lot lot : index.listLots()) {
                assertThat(SqlSpatialQueries.zoneAt(c, lot.entrance()))
                        .as("zone of %s", lot.id())
                        .isEqualTo(lot.zoneId());
                assertThat(SqlSpatialQueries.deepestRegionAt(c, lot.entrance()))
                        .as("community of %s", lot.id())
                        .isEqualTo(index.communityAt(lot.entrance())
                                .map(Region::id)
                                .orElse(null));
            }
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT count(*) FROM lot_zones WHERE zone_id IS NOT NULL")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(index.listLots().size());
            }
        }
    }

    @Test
    void tenThousandRandomPointsOverTheDataSetGetTheSameZoneAndRegion() throws Exception {
        Envelope all = new Envelope();
        index.dataSet().regions().forEach(r -> all.expandToInclude(r.area().getEnvelopeInternal()));
        Envelope yangpu = index.findRegion("yangpu").orElseThrow().area().getEnvelopeInternal();
        yangpu.expandBy(0.01);
        Random random = new Random(31_2995);
        List<GeoPoint> points = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            points.add(randomIn(all, random));
            points.add(randomIn(yangpu, random));
        }
        assertAgreement(points);
    }

    /** Vertices lie on boundaries, where the tie rule decides: the hardest points to agree on. */
    @Test
    void everyVertexOfEveryRegionAndZoneGetsTheSameAnswer() throws Exception {
        Set<GeoPoint> vertices = new LinkedHashSet<>();
        for (Region region : index.dataSet().regions()) {
            for (Coordinate c : region.area().getCoordinates()) {
                vertices.add(GeoPoint.of(c.y, c.x));
            }
        }
        for (Zone zone : index.listZones()) {
            for (Coordinate c : zone.area().getCoordinates()) {
                vertices.add(GeoPoint.of(c.y, c.x));
            }
        }
        assertAgreement(new ArrayList<>(vertices));
        try (Connection c = database.dataSource().getConnection()) {
            for (GeoPoint p : vertices) {
                assertThat(SqlSpatialQueries.locate(c, p))
                        .as("chain at %s", p)
                        .isEqualTo(index.locate(p).stream().map(Region::id).toList());
            }
        }
    }

    @Test
    void nearestLotsAndTheirDistancesAgree() throws Exception {
        Random random = new Random(121_514);
        Envelope yangpu = index.findRegion("yangpu").orElseThrow().area().getEnvelopeInternal();
        try (Connection c = database.dataSource().getConnection()) {
            for (int i = 0; i < 300; i++) {
                GeoPoint p = randomIn(yangpu, random);
                List<Object[]> sql = SqlSpatialQueries.nearest(c, p, 5);
                List<NearbyLot> jts = index.lotsNear(p, 20_000).subList(0, 5);
                for (int k = 0; k < 5; k++) {
                    assertThat(sql.get(k)[0])
                            .as("%d-th nearest to %s", k, p)
                            .isEqualTo(jts.get(k).lot().id());
                    assertThat((Double) sql.get(k)[1]).isCloseTo(jts.get(k).distanceMetres(), within(0.01));
                }
            }
        }
    }

    private static void assertAgreement(List<GeoPoint> points) throws Exception {
        List<String[]> sql = new ArrayList<>();
        try (Connection c = database.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TEMP TABLE probe (i int PRIMARY KEY, geom geometry(Point, 4326)) ON COMMIT DROP");
            }
            try (var insert =
                    c.prepareStatement("INSERT INTO probe VALUES (?, ST_SetSRID(ST_MakePoint(?, ?), 4326))")) {
                for (int i = 0; i < points.size(); i++) {
                    insert.setInt(1, i);
                    insert.setDouble(2, points.get(i).lon());
                    insert.setDouble(3, points.get(i).lat());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("""
                    SELECT p.i,
                      (SELECT z.id FROM zones z WHERE ST_Covers(z.geom, p.geom) ORDER BY z.id COLLATE "C" LIMIT 1),
                      (SELECT r.id FROM regions r WHERE ST_Covers(r.geom, p.geom)
                        ORDER BY r.depth DESC, r.id COLLATE "C" LIMIT 1)
                    FROM probe p ORDER BY p.i""")) {
                while (rs.next()) {
                    sql.add(new String[] {rs.getString(2), rs.getString(3)});
                }
            }
            c.commit();
        }
        assertThat(sql).hasSameSizeAs(points);
        for (int i = 0; i < points.size(); i++) {
            GeoPoint p = points.get(i);
            assertThat(sql.get(i)[0])
                    .as("zone at %s", p)
                    .isEqualTo(index.zoneAt(p).map(Zone::id).orElse(null));
            List<Region> chain = index.locate(p);
            Optional<String> deepest = chain.isEmpty()
                    ? Optional.empty()
                    : Optional.of(chain.get(chain.size() - 1).id());
            assertThat(sql.get(i)[1]).as("deepest region at %s", p).isEqualTo(deepest.orElse(null));
        }
    }

    private static GeoPoint randomIn(Envelope e, Random random) {
        return GeoPoint.of(
                e.getMinY() + random.nextDouble() * e.getHeight(), e.getMinX() + random.nextDouble() * e.getWidth());
    }
}
