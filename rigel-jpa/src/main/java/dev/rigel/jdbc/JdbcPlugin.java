package dev.rigel.jdbc;

import dev.rigel.App;
import dev.rigel.InitPlugin;
import dev.rigel.di.Outcome;
import dev.rigel.di.Provide;
import dev.rigel.di.Scoped;
import dev.rigel.health.HealthCheck;
import dev.rigel.health.HealthContributor;
import dev.rigel.http.State;
import dev.rigel.jdbc.internal.ConstraintNames;
import dev.rigel.jdbc.internal.DatabaseErrors;
import dev.rigel.jdbc.internal.LostConnections;
import dev.rigel.jdbc.internal.Pool;
import dev.rigel.jdbc.internal.PoolHealth;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;

/**
 * Plain JDBC on a HikariCP pool: the pooled {@link DataSource} for the app's lifetime, and a
 * {@link Connection} per request, taken from the pool only by routes that ask for it and returned
 * to it once the response is built.
 *
 * <pre>{@code
 * App.builder()
 *         .plugins(new JdbcPlugin(JdbcConfig.builder().url(System.getenv("DATABASE_URL")).build()))
 *         .routeHandlers(Route.get("/users/{id:int}", (long id, Connection dbConnection) -> …))
 * }</pre>
 *
 * <ul>
 *   <li>Dependencies: {@code dataSource} (the pool, also in app state under the same key) and
 *       {@code dbConnection}; both keys are configurable.
 *   <li>The pool opens at startup (failing it if the database cannot be reached) and closes at shutdown.
 *   <li>Without a {@link TransactionMode} connections are in JDBC auto-commit. With one, each
 *       request's work is committed or rolled back when it ends; a failed commit is answered like
 *       a handler's failure (a unique violation at commit is a 409).
 *   <li>Errors (unless {@code translateErrors(false)}): a {@link SQLException} that escapes a handler
 *       or provider becomes 409 for constraint violations (naming the constraint), 503 when no
 *       connection frees up within the pool's {@code connectionTimeout} or the database is
 *       unreachable; other SQL errors stay 500. The handler is registered on the app layer, so one
 *       registered for {@code SQLException} on a router or controller takes precedence.
 * </ul>
 */
public final class JdbcPlugin implements InitPlugin, HealthContributor {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(JdbcPlugin.class);

    private final JdbcConfig config;

    public JdbcPlugin(JdbcConfig config) {
        this.config = java.util.Objects.requireNonNull(config, "config");
    }

    public JdbcConfig config() {
        return config;
    }

    @Override
    public void onAppInit(App.Builder app) {
        app.lifespan(this::start);
        app.dependency(config.dataSourceKey(), Provide.of(this::provideDataSource));
        app.dependency(config.connectionKey(), Provide.of(this::openConnection));
        if (config.translateErrors()) {
            app.exceptionHandler(SQLException.class, DatabaseErrors.handler());
        }
    }

    /** The running app's pool. */
    public DataSource dataSource(App app) {
        return provideDataSource(app.state());
    }

    /**
     * Readiness ({@code HealthPlugin}): {@code db} borrows a connection from the running app's pool
     * and checks it is valid.
     */
    @Override
    public List<HealthCheck> healthChecks(App app) {
        return List.of(PoolHealth.check(() -> dataSource(app)));
    }

    private AutoCloseable start(App app) {
        Pool pool = openPool(config.dataSource(), config.transactionMode() == null);
        try (Connection connection = pool.dataSource().getConnection()) {
            ConstraintNames names = ConstraintNames.of(connection);
            if (names != null) {
                app.state().computeIfAbsent(DatabaseErrors.CONSTRAINT_NAMES_STATE_KEY, key -> names);
            }
        } catch (SQLException | RuntimeException e) {
            pool.close();
            throw new IllegalStateException("Cannot use the database " + pool.url() + ": " + e.getMessage(), e);
        }
        app.state().put(config.dataSourceKey(), pool.dataSource());
        return () -> {
            app.state().remove(config.dataSourceKey());
            pool.close();
        };
    }

    /** The pool {@code dataSource} describes; the JPA plugin's {@code Engine} opens its own the same way. */
    private static Pool openPool(DataSourceConfig dataSource, boolean autoCommit) {
        DatabaseUrl url = dataSource.url();
        return Pool.open(
                url == null ? null : url.jdbcUrl(),
                url == null ? null : url.user(),
                url == null ? null : url.password(),
                url == null ? null : url.toString(),
                dataSource.maxPoolSize(),
                dataSource.minIdle(),
                dataSource.connectionTimeout(),
                dataSource.poolName(),
                dataSource.hikari(),
                autoCommit,
                dataSource.fairWaiting());
    }

    private DataSource provideDataSource(State state) {
        return state.find(config.dataSourceKey(), DataSource.class)
                .orElseThrow(() -> new IllegalStateException("JdbcPlugin: no pool under app state '"
                        + config.dataSourceKey() + "'; the app has not been started"
                        + " (serve it, or open a TestClient, which runs the startup)"));
    }

    private Scoped<Connection> openConnection(State state) throws SQLException {
        // waits at most the pool's connectionTimeout; a timeout is translated to a 503
        Connection connection = provideDataSource(state).getConnection();
        return Scoped.of(connection, outcome -> finish(connection, outcome));
    }

    private void finish(Connection connection, Outcome outcome) throws SQLException {
        try (connection) {
            TransactionMode mode = config.transactionMode();
            if (mode != null) {
                if (mode.commits(outcome)) {
                    commit(connection);
                } else {
                    rollback(connection);
                }
            }
        }
    }

    /**
     * Rolls back; on a connection that is already gone there is nothing to undo (the server ended
     * the transaction with it), so that failure is no error of its own: the request's own failure,
     * usually the same lost connection, is what gets answered.
     */
    private static void rollback(Connection connection) throws SQLException {
        try {
            connection.rollback();
        } catch (SQLException e) {
            // HikariCP closes a connection it saw fail fatally and then says only "Connection is closed"
            if (!LostConnections.isLost(e) && !connection.isClosed()) {
                throw e;
            }
            LOG.debug("No rollback on a lost connection: {}", e.toString());
        }
    }

    private static void commit(Connection connection) throws SQLException {
        try {
            connection.commit();
        } catch (SQLException e) {
            try {
                connection.rollback();
            } catch (SQLException rollbackFailure) {
                e.addSuppressed(rollbackFailure);
            }
            throw e;
        }
    }
}
