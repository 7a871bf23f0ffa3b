package dev.rigel.jdbc.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import dev.rigel.jdbc.DataSourceConfig;
import dev.rigel.jdbc.DatabaseUrl;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An open HikariCP pool for one app's lifetime. For the embedded default (H2 in memory) the
 * database is made with a fresh name at opening and shut down at closing, so two apps in one JVM,
 * or one app started twice, never see each other's rows.
 */
public final class Pool implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Pool.class);

    private final HikariDataSource dataSource;
    private final DatabaseUrl url;
    private final boolean ownsEmbeddedDatabase;

    private Pool(HikariDataSource dataSource, DatabaseUrl url, boolean ownsEmbeddedDatabase) {
        this.dataSource = dataSource;
        this.url = url;
        this.ownsEmbeddedDatabase = ownsEmbeddedDatabase;
    }

    /**
     * Opens the pool and its first connection, so an unreachable database fails startup with a
     * message naming it (password masked) instead of failing the first request.
     */
    public static Pool open(DataSourceConfig config, boolean autoCommit) {
        boolean embedded = config.embedded();
        DatabaseUrl url = embedded
                ? new DatabaseUrl("jdbc:h2:mem:rigel-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", null, null)
                : config.url();
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(url.jdbcUrl());
        if (url.user() != null) {
            hikari.setUsername(url.user());
        }
        if (url.password() != null) {
            hikari.setPassword(url.password());
        }
        hikari.setMaximumPoolSize(config.maxPoolSize());
        if (config.minIdle() != null) {
            hikari.setMinimumIdle(config.minIdle());
        }
        hikari.setConnectionTimeout(config.connectionTimeout().toMillis());
        hikari.setPoolName(config.poolName());
        hikari.setAutoCommit(autoCommit);
        if (config.hikari() != null) {
            config.hikari().accept(hikari);
        }
        try {
            return new Pool(new HikariDataSource(hikari), url, embedded);
        } catch (HikariPool.PoolInitializationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalStateException("Cannot connect to the database " + url + ": " + cause.getMessage(), e);
        }
    }

    public HikariDataSource dataSource() {
        return dataSource;
    }

    public DatabaseUrl url() {
        return url;
    }

    @Override
    public void close() {
        if (ownsEmbeddedDatabase && !dataSource.isClosed()) {
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
        dataSource.close();
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
