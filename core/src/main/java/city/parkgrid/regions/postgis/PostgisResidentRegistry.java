package city.parkgrid.regions.postgis;

import city.parkgrid.postgres.PostgresDatabase;
import city.parkgrid.regions.PlateTakenException;
import city.parkgrid.regions.Resident;
import city.parkgrid.regions.ResidentRegistry;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Residents in PostgreSQL. A plate's uniqueness is the table's primary key, so two nodes
 * registering the same plate at once cannot both succeed. Blocking; thread-safe.
 */
public final class PostgisResidentRegistry implements ResidentRegistry {

    private static final String UNIQUE_VIOLATION = "23505";

    private final PostgresDatabase database;

    public PostgisResidentRegistry(PostgresDatabase database) {
        this.database = database;
    }

    @Override
    public Resident register(String communityId, Set<String> plates) {
        String id = UUID.randomUUID().toString();
        return database.inTransaction(
                c -> {
                    try (PreparedStatement s =
                            c.prepareStatement("INSERT INTO residents (id, community_id) VALUES (?, ?)")) {
                        s.setString(1, id);
                        s.setString(2, communityId);
                        s.executeUpdate();
                    }
                    try (PreparedStatement s =
                            c.prepareStatement("INSERT INTO resident_plates (plate, resident_id) VALUES (?, ?)")) {
                        for (String plate : plates) {
                            s.setString(1, plate);
                            s.setString(2, id);
                            try {
                                s.executeUpdate();
                            } catch (SQLException e) {
                                if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                                    throw new PlateTakenException(plate);
                                }
                                throw e;
                            }
                        }
                    }
                    return new Resident(id, communityId, plates);
                },
                "registering a resident");
    }

    @Override
    public Optional<Resident> findResident(String residentId) {
        return query(
                "SELECT r.id, r.community_id, array_remove(array_agg(p.plate), NULL) FROM residents r"
                        + " LEFT JOIN resident_plates p ON p.resident_id = r.id WHERE r.id = ? GROUP BY r.id",
                residentId);
    }

    @Override
    public Optional<Resident> findByPlate(String plate) {
        return query(
                "SELECT r.id, r.community_id, array_agg(p.plate) FROM residents r"
                        + " JOIN resident_plates p ON p.resident_id = r.id"
                        + " WHERE r.id = (SELECT resident_id FROM resident_plates WHERE plate = ?) GROUP BY r.id",
                plate);
    }

    @Override
    public long countInCommunities(Collection<String> communityIds) {
        try (Connection c = database.dataSource().getConnection();
                PreparedStatement s =
                        c.prepareStatement("SELECT count(*) FROM residents WHERE community_id = ANY (?)")) {
            s.setArray(1, c.createArrayOf("text", communityIds.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw PostgresDatabase.failure("counting residents", e);
        }
    }

    private Optional<Resident> query(String sql, String parameter) {
        try (Connection c = database.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, parameter);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Array plates = rs.getArray(3);
                Set<String> set = new HashSet<>();
                for (Object plate : (Object[]) plates.getArray()) {
                    set.add((String) plate);
                }
                return Optional.of(new Resident(rs.getString(1), rs.getString(2), set));
            }
        } catch (SQLException e) {
            throw PostgresDatabase.failure("reading residents", e);
        }
    }
}
