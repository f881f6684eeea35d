package city.parkgrid.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import city.parkgrid.StorageUnavailableException;
import city.parkgrid.testing.TcpProxy;
import city.parkgrid.testing.TestServices;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A PostgreSQL that accepts connections and then never answers (the proxy stops forwarding, no
 * reset) fails a request's statement after the query timeout and an import's after the import
 * timeout, each as a class-08 failure (503), instead of holding the thread until TCP gives up.
 * On connections already borrowed and checked, so the statement itself meets the silence.
 */
class PostgresUnansweringIT {

    private static final Duration QUERY_TIMEOUT = Duration.ofMillis(700);
    private static final Duration IMPORT_TIMEOUT = Duration.ofMillis(2_500);

    private TcpProxy proxy;
    private PostgresDatabase database;

    @BeforeEach
    void start() {
        PostgresSettings shared = TestServices.postgres("public");
        URI target = URI.create(shared.jdbcUrl().substring("jdbc:".length()));
        proxy = new TcpProxy(target.getHost(), target.getPort() < 0 ? 5432 : target.getPort());
        String proxied = shared.jdbcUrl().replace(target.getAuthority(), "127.0.0.1:" + proxy.port());
        database = new PostgresDatabase(new PostgresSettings(
                proxied, shared.user(), shared.password(), "public", 2, null, null, QUERY_TIMEOUT, IMPORT_TIMEOUT));
    }

    @AfterEach
    void stop() {
        database.close();
        proxy.close();
    }

    @Test
    void aStatementThatIsNeverAnsweredFailsAsUnreachableAfterTheQueryTimeout() throws SQLException {
        try (Connection c = database.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement("SELECT 1")) {
            assertThat(s.execute()).isTrue();
            proxy.stall();
            long started = System.nanoTime();
            assertThatThrownBy(s::execute)
                    .isInstanceOfSatisfying(
                            SQLException.class,
                            e -> assertThat(PostgresDatabase.unreachable(e)).isTrue());
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertThat(millis).isBetween(QUERY_TIMEOUT.toMillis() - 50, QUERY_TIMEOUT.toMillis() + 1_000);
        }
    }

    @Test
    void anImportWaitsLongerButNotForever() {
        int one = database.inImportTransaction(c -> 1, "warming the pool");
        assertThat(one).isEqualTo(1);
        long started = System.nanoTime();
        assertThatThrownBy(() -> database.inImportTransaction(
                        c -> {
                            proxy.stall(); // the connection is borrowed and checked: the import's statement meets it
                            try (PreparedStatement s = c.prepareStatement("SELECT 1")) {
                                return s.execute();
                            }
                        },
                        "importing"))
                .isInstanceOf(StorageUnavailableException.class);
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertThat(millis)
                .as("the import's own limit, not the request's")
                .isBetween(IMPORT_TIMEOUT.toMillis() - 50, IMPORT_TIMEOUT.toMillis() + 1_500);
    }
}
