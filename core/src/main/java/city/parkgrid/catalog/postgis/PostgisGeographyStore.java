package city.parkgrid.catalog.postgis;

import city.parkgrid.catalog.GeographyStore;
import city.parkgrid.dataset.DataSet;
import city.parkgrid.geo.GeoJsonGeometries;
import city.parkgrid.geo.GeoPoint;
import city.parkgrid.lots.ExternalIdTakenException;
import city.parkgrid.lots.Lot;
import city.parkgrid.lots.LotKind;
import city.parkgrid.postgres.PostgresDatabase;
import city.parkgrid.regions.Region;
import city.parkgrid.regions.RegionLevel;
import city.parkgrid.zones.Zone;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.locationtech.jts.io.WKBWriter;

/**
 * The city's geometry in PostGIS, the durable source of truth in {@code serve} mode (the bureau's
 * GIS tools open the same tables). Geometry crosses JDBC as WKB and is read into JTS, so no
 * PostGIS-specific JDBC types are needed. Every write notifies the geography channel in its own
 * transaction, so every node reloads once it commits. Blocking; thread-safe.
 */
public final class PostgisGeographyStore implements GeographyStore {

    /** The NOTIFY topic every node listens on to reload its index. */
    public static final String TOPIC = "geography";

    private static final String UPSERT_REGION = """
            INSERT INTO regions (id, level, parent_id, name_zh, name_en, geom)
            VALUES (?, ?, ?, ?, ?, ST_Multi(ST_GeomFromWKB(?, 4326)))
            ON CONFLICT (id) DO UPDATE SET level = EXCLUDED.level, parent_id = EXCLUDED.parent_id,
                name_zh = EXCLUDED.name_zh, name_en = EXCLUDED.name_en, geom = EXCLUDED.geom
            WHERE (regions.level, regions.parent_id, regions.name_zh, regions.name_en, ST_AsEWKB(regions.geom))
                IS DISTINCT FROM (EXCLUDED.level, EXCLUDED.parent_id, EXCLUDED.name_zh, EXCLUDED.name_en,
                                  ST_AsEWKB(EXCLUDED.geom))
            RETURNING (xmax = 0) AS inserted
            """;
    private static final String UPSERT_ZONE = """
            INSERT INTO zones (id, name_zh, name_en, geom)
            VALUES (?, ?, ?, ST_Multi(ST_GeomFromWKB(?, 4326)))
            ON CONFLICT (id) DO UPDATE SET name_zh = EXCLUDED.name_zh, name_en = EXCLUDED.name_en,
                geom = EXCLUDED.geom, updated_at = now()
            WHERE (zones.name_zh, zones.name_en, ST_AsEWKB(zones.geom))
                IS DISTINCT FROM (EXCLUDED.name_zh, EXCLUDED.name_en, ST_AsEWKB(EXCLUDED.geom))
            RETURNING (xmax = 0) AS inserted
            """;
    private static final String UPSERT_LOT = """
            INSERT INTO lots (id, operator_id, name_zh, name_en, kind, capacity, entrance)
            VALUES (?, ?, ?, ?, ?, ?, ST_GeomFromWKB(?, 4326))
            ON CONFLICT (id) DO UPDATE SET operator_id = EXCLUDED.operator_id, name_zh = EXCLUDED.name_zh,
                name_en = EXCLUDED.name_en, kind = EXCLUDED.kind, capacity = EXCLUDED.capacity,
                entrance = EXCLUDED.entrance, updated_at = now()
            WHERE (lots.operator_id, lots.name_zh, lots.name_en, lots.kind, lots.capacity, ST_AsEWKB(lots.entrance))
                IS DISTINCT FROM (EXCLUDED.operator_id, EXCLUDED.name_zh, EXCLUDED.name_en, EXCLUDED.kind,
                                  EXCLUDED.capacity, ST_AsEWKB(EXCLUDED.entrance))
            RETURNING (xmax = 0) AS inserted
            """;

    private static final String UNIQUE_VIOLATION = "23505";

    private final PostgresDatabase database;

    public PostgisGeographyStore(PostgresDatabase database) {
        this.database = database;
    }

    @Override
    public DataSet load() {
        try (Connection c = database.dataSource().getConnection()) {
            c.setReadOnly(true);
            c.setAutoCommit(false);
            // one snapshot of all three tables
            try (PreparedStatement iso = c.prepareStatement("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")) {
                iso.execute();
            }
            List<Region> regions = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(
                            "SELECT id, level, parent_id, name_zh, name_en, ST_AsBinary(geom) FROM regions ORDER BY depth, id");
                    ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    regions.add(new Region(
                            rs.getString(1),
                            RegionLevel.valueOf(rs.getString(2)),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getString(5),
                            geometry(rs.getBytes(6))));
                }
            }
            List<Zone> zones = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(
                            "SELECT id, name_zh, name_en, ST_AsBinary(geom) FROM zones ORDER BY id");
                    ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    zones.add(new Zone(rs.getString(1), rs.getString(2), rs.getString(3), geometry(rs.getBytes(4))));
                }
            }
            Map<String, Map<String, String>> externalIds = new HashMap<>();
            try (PreparedStatement s = c.prepareStatement("SELECT lot_id, scheme, external_id FROM lot_external_ids");
                    ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    externalIds
                            .computeIfAbsent(rs.getString(1), k -> new HashMap<>())
                            .put(rs.getString(2), rs.getString(3));
                }
            }
            List<Lot> lots = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(
                            "SELECT id, name_zh, name_en, operator_id, kind, capacity, ST_Y(entrance), ST_X(entrance)"
                                    + " FROM lots ORDER BY id");
                    ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    lots.add(new Lot(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getString(4),
                            null,
                            LotKind.valueOf(rs.getString(5)),
                            GeoPoint.of(rs.getDouble(7), rs.getDouble(8)),
                            rs.getInt(6),
                            externalIds.getOrDefault(rs.getString(1), Map.of())));
                }
            }
            c.commit();
            return new DataSet(regions, zones, lots);
        } catch (SQLException e) {
            throw PostgresDatabase.failure("loading the geography", e);
        }
    }

    @Override
    public boolean putZone(Zone zone) {
        return inTransaction(c -> {
            Boolean inserted = upsertZone(c, zone);
            notifyChange(c, "zone:" + zone.id());
            return Boolean.TRUE.equals(inserted);
        });
    }

    @Override
    public boolean putLot(Lot lot) {
        return inTransaction(c -> {
            Boolean inserted = upsertLot(c, lot);
            notifyChange(c, "lot:" + lot.id());
            return Boolean.TRUE.equals(inserted);
        });
    }

    @Override
    public ImportResult importDataSet(DataSet data) {
        return database.inImportTransaction(
                c -> {
                    int[] counts = new int[3];
                    for (Region region : data.regions()) {
                        count(counts, upsertRegion(c, region));
                    }
                    for (Zone zone : data.zones()) {
                        count(counts, upsertZone(c, zone));
                    }
                    for (Lot lot : data.lots()) {
                        count(counts, upsertLot(c, lot));
                    }
                    if (counts[0] + counts[1] > 0) {
                        notifyChange(c, "import");
                    }
                    return new ImportResult(counts[0], counts[1], counts[2]);
                },
                "importing the geography");
    }

    private static void count(int[] counts, Boolean inserted) {
        counts[inserted == null ? 2 : inserted ? 0 : 1]++;
    }

    /** @return true if inserted, false if updated, null if unchanged */
    private static Boolean upsertRegion(Connection c, Region r) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(UPSERT_REGION)) {
            s.setString(1, r.id());
            s.setString(2, r.level().name());
            s.setString(3, r.parentId());
            s.setString(4, r.nameZh());
            s.setString(5, r.nameEn());
            s.setBytes(6, wkb(r.area()));
            return upsertOutcome(s);
        }
    }

    private static Boolean upsertZone(Connection c, Zone z) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(UPSERT_ZONE)) {
            s.setString(1, z.id());
            s.setString(2, z.nameZh());
            s.setString(3, z.nameEn());
            s.setBytes(4, wkb(z.area()));
            return upsertOutcome(s);
        }
    }

    private static Boolean upsertLot(Connection c, Lot l) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(UPSERT_LOT)) {
            s.setString(1, l.id());
            s.setString(2, l.operatorId());
            s.setString(3, l.nameZh());
            s.setString(4, l.nameEn());
            s.setString(5, l.kind().name());
            s.setInt(6, l.capacity());
            s.setBytes(7, wkb(GeoJsonGeometries.toPoint(l.entrance())));
            Boolean outcome = upsertOutcome(s);
            return putExternalIds(c, l) && outcome == null ? Boolean.FALSE : outcome;
        }
    }

    /**
     * Makes the lot's external ids those stored; true when that changed them. An id another lot
     * holds is refused by name; one taken concurrently by the unique (scheme, external_id).
     */
    private static boolean putExternalIds(Connection c, Lot l) throws SQLException {
        Map<String, String> stored = new HashMap<>();
        try (PreparedStatement s =
                c.prepareStatement("SELECT scheme, external_id FROM lot_external_ids WHERE lot_id = ?")) {
            s.setString(1, l.id());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    stored.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        if (stored.equals(l.externalIds())) {
            return false;
        }
        for (Map.Entry<String, String> id : l.externalIds().entrySet()) {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT lot_id FROM lot_external_ids WHERE scheme = ? AND external_id = ? AND lot_id <> ?")) {
                s.setString(1, id.getKey());
                s.setString(2, id.getValue());
                s.setString(3, l.id());
                try (ResultSet rs = s.executeQuery()) {
                    if (rs.next()) {
                        throw new ExternalIdTakenException(id.getKey(), id.getValue(), rs.getString(1));
                    }
                }
            }
        }
        try (PreparedStatement s = c.prepareStatement("DELETE FROM lot_external_ids WHERE lot_id = ?")) {
            s.setString(1, l.id());
            s.executeUpdate();
        }
        for (Map.Entry<String, String> id : l.externalIds().entrySet()) {
            try (PreparedStatement s =
                    c.prepareStatement("INSERT INTO lot_external_ids (lot_id, scheme, external_id) VALUES (?, ?, ?)")) {
                s.setString(1, l.id());
                s.setString(2, id.getKey());
                s.setString(3, id.getValue());
                s.executeUpdate();
            } catch (SQLException e) {
                if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw new ExternalIdTakenException(id.getKey(), id.getValue(), null);
                }
                throw e;
            }
        }
        return true;
    }

    private static Boolean upsertOutcome(PreparedStatement s) throws SQLException {
        try (ResultSet rs = s.executeQuery()) {
            return rs.next() ? rs.getBoolean(1) : null;
        }
    }

    private void notifyChange(Connection c, String what) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT pg_notify(?, ?)")) {
            s.setString(1, database.channel(TOPIC));
            s.setString(2, what);
            s.execute();
        }
    }

    private <T> T inTransaction(PostgresDatabase.Work<T> work) {
        return database.inTransaction(work, "writing the geography");
    }

    private static byte[] wkb(Geometry geometry) {
        if (!(geometry instanceof Point || geometry instanceof Polygon || geometry instanceof MultiPolygon)) {
            throw new IllegalArgumentException("cannot store a " + geometry.getGeometryType());
        }
        return new WKBWriter().write(geometry);
    }

    private static Geometry geometry(byte[] wkb) {
        try {
            return new WKBReader(GeoJsonGeometries.FACTORY).read(wkb);
        } catch (ParseException e) {
            throw new IllegalStateException("PostGIS returned unreadable WKB", e);
        }
    }
}
