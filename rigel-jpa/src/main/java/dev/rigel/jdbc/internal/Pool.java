package dev.rigel.jdbc.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An open HikariCP pool for one app's lifetime. For the embedded default (H2 in memory) the
 * database is made with a fresh name at opening and shut down at closing, so two apps in one JVM,
 * or one app started twice, never see each other's rows.
 */
public final class Pool implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Pool.class);

    private final HikariDataSource hikari;
    private final DataSource dataSource;
    private final String url;
    private final boolean ownsEmbeddedDatabase;

    private Pool(HikariDataSource hikari, DataSource dataSource, String url, boolean ownsEmbeddedDatabase) {
        this.hikari = hikari;
        this.dataSource = dataSource;
        this.url = url;
        this.ownsEmbeddedDatabase = ownsEmbeddedDatabase;
    }

    /**
     * Opens the pool and its first connection, so an unreachable database fails startup with a
     * message naming it (password masked) instead of failing the first request. The parameters
     * are the fields of a {@code DataSourceConfig} and its {@code DatabaseUrl}, which this package
     * does not see.
     *
     * @param jdbcUrl the database's JDBC URL, or null for a fresh embedded H2 database in memory
     * @param user the user given apart from the URL, or null
     * @param password the password given apart from the URL, or null
     * @param description the database as messages name it, password masked (ignored when embedded)
     * @param minIdle null leaves HikariCP's default
     * @param hikari adjusts the remaining HikariCP settings, last; may be null
     * @param fairWaiting whether waiting requests are served in order ({@link FairDataSource})
     */
    public static Pool open(
            String jdbcUrl,
            String user,
            String password,
            String description,
            int maxPoolSize,
            Integer minIdle,
            Duration connectionTimeout,
            String poolName,
            Consumer<HikariConfig> hikari,
            boolean autoCommit,
            boolean fairWaiting) {
        boolean embedded = jdbcUrl == null;
        String url = embedded ? "jdbc:h2:mem:rigel-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1" : jdbcUrl;
        String named = embedded ? url : description;
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        if (user != null) {
            config.setUsername(user);
        }
        if (password != null) {
            config.setPassword(password);
        }
        config.setMaximumPoolSize(maxPoolSize);
        if (minIdle != null) {
            config.setMinimumIdle(minIdle);
        }
        config.setConnectionTimeout(connectionTimeout.toMillis());
        config.setPoolName(poolName);
        config.setAutoCommit(autoCommit);
        if (hikari != null) {
            hikari.accept(config);
        }
        try {
            HikariDataSource hikariPool = new HikariDataSource(config);
            DataSource lent = fairWaiting ? new FairDataSource(hikariPool, maxPoolSize, connectionTimeout) : hikariPool;
            return new Pool(hikariPool, lent, named, embedded);
        } catch (HikariPool.PoolInitializationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalStateException("Cannot connect to the database " + named + ": " + cause.getMessage(), e);
        }
    }

    /**
     * The pool as apps and Hibernate use it: HikariCP, behind a first-come-first-served line unless
     * fair waiting is off ({@code unwrap(HikariDataSource.class)} reaches HikariCP either way).
     */
    public DataSource dataSource() {
        return dataSource;
    }

    /** The database as messages name it, password masked. */
    public String url() {
        return url;
    }

    @Override
    public void close() {
        if (ownsEmbeddedDatabase && !hikari.isClosed()) {
            // DB_CLOSE_DELAY=-1 keeps an in-memory database until it is shut down explicitly
            Connection connection = null;
            try {
                connection = dataSource.getConnection();
                try (Statement statement = connection.createStatement()) {
                    statement.execute("SHUTDOWN");
                }
            } catch (SQLException e) {
                LOG.warn("Could not shut down the embedded database {}", url, e);
            } finally {
                closeQuietly(connection);
            }
        }
        hikari.close();
    }

    /** Closing a connection to a database that was just shut down fails, and that is expected. */
    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException expected) {
                LOG.trace("Connection closed with its database", expected);
            }
        }
    }
}
