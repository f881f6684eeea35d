package city.parkgrid.catalog.postgis;

import city.parkgrid.geo.GeoPoint;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The hot-path questions asked of PostGIS instead of the JTS index, with the same rules (covers;
 * deepest level, then smallest id; distances on the sphere). Tests use it to show both homes of
 * the geometry agree; the benchmark uses it as the baseline the index is measured against.
 */
public final class SqlSpatialQueries {

    private static final String POINT = "ST_SetSRID(ST_MakePoint(?, ?), 4326)";
    static final String ZONE_AT =
            "SELECT id FROM zones WHERE ST_Covers(geom, " + POINT + ") ORDER BY id COLLATE \"C\" LIMIT 1";
    static final String DEEPEST_REGION_AT = "SELECT id FROM regions WHERE ST_Covers(geom, " + POINT + ")"
            + " ORDER BY depth DESC, id COLLATE \"C\" LIMIT 1";
    static final String LOCATE_CHAIN = """
            WITH RECURSIVE chain AS (
                (SELECT id, parent_id, depth FROM regions WHERE ST_Covers(geom, ST_SetSRID(ST_MakePoint(?, ?), 4326))
                 ORDER BY depth DESC, id COLLATE "C" LIMIT 1)
                UNION ALL
                SELECT r.id, r.parent_id, r.depth FROM regions r JOIN chain c ON r.id = c.parent_id)
            SELECT id FROM chain ORDER BY depth""";
    static final String NEAREST = "SELECT id, ST_Distance(entrance::geography, " + POINT
            + "::geography, false) FROM lots" + " ORDER BY entrance::geography <-> " + POINT + "::geography LIMIT ?";

    private SqlSpatialQueries() {}

    public static String zoneAt(Connection c, GeoPoint p) throws SQLException {
        return single(c, ZONE_AT, p);
    }

    public static String deepestRegionAt(Connection c, GeoPoint p) throws SQLException {
        return single(c, DEEPEST_REGION_AT, p);
    }

    public static List<String> locate(Connection c, GeoPoint p) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(LOCATE_CHAIN)) {
            s.setDouble(1, p.lon());
            s.setDouble(2, p.lat());
            List<String> chain = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    chain.add(rs.getString(1));
                }
            }
            return chain;
        }
    }

    /** The k nearest lots by KNN on the sphere: {@code [id, metres]} pairs, nearest first. */
    public static List<Object[]> nearest(Connection c, GeoPoint p, int k) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(NEAREST)) {
            s.setDouble(1, p.lon());
            s.setDouble(2, p.lat());
            s.setDouble(3, p.lon());
            s.setDouble(4, p.lat());
            s.setInt(5, k);
            List<Object[]> found = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    found.add(new Object[] {rs.getString(1), rs.getDouble(2)});
                }
            }
            return found;
        }
    }

    private static String single(Connection c, String sql, GeoPoint p) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setDouble(1, p.lon());
            s.setDouble(2, p.lat());
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
