package dev.rigel.jpa.support;

import dev.rigel.testing.support.Transport;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The databases every SQL test runs against: an H2 database in memory, and the machine's
 * PostgreSQL (database {@code test}, user {@code postgres}, trust authentication). Each
 * {@link #create()} is a fresh, empty database of its own (a new in-memory H2 database, or a new
 * PostgreSQL schema made the connection's current one), removed on close, so tests never see each
 * other's rows.
 */
public enum TestDatabase {
    H2,
    POSTGRES;

    public static final String POSTGRES_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    public static final String POSTGRES_USER = "postgres";

    /** A scratch database; its URL carries everything a connection needs. */
    public record Scratch(TestDatabase kind, String url, Runnable dropper) implements AutoCloseable {
        @Override
        public void close() {
            dropper.run();
        }
    }

    public Scratch create() {
        String name = "rigel_" + UUID.randomUUID().toString().replace("-", "");
        return switch (this) {
            case H2 -> {
                String url = "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1";
                yield new Scratch(this, url, () -> execute(url, null, "SHUTDOWN"));
            }
            case POSTGRES -> {
                execute(POSTGRES_URL, POSTGRES_USER, "CREATE SCHEMA " + name);
                yield new Scratch(
                        this,
                        POSTGRES_URL + "?user=" + POSTGRES_USER + "&currentSchema=" + name,
                        () -> execute(POSTGRES_URL, POSTGRES_USER, "DROP SCHEMA " + name + " CASCADE"));
            }
        };
    }

    public static void execute(String url, String user, String sql) {
        try (Connection connection = DriverManager.getConnection(url, user, null);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot run " + sql + " on " + url, e);
        }
    }

    /** Every database with every transport: the arguments of a {@code @MethodSource}. */
    public static Stream<Arguments> withTransports() {
        return Arrays.stream(values())
                .flatMap(database ->
                        Arrays.stream(Transport.values()).map(transport -> Arguments.of(database, transport)));
    }
}
