package dev.rigel.pgclient;

import dev.rigel.App;
import dev.rigel.InitPlugin;
import dev.rigel.di.Provide;
import dev.rigel.exceptions.HttpException;
import dev.rigel.health.HealthCheck;
import dev.rigel.health.HealthContributor;
import dev.rigel.http.ExceptionHandler;
import dev.rigel.http.State;
import dev.rigel.pgclient.internal.PgErrors;
import dev.rigel.pgclient.internal.PgUrls;
import io.vertx.core.Vertx;
import io.vertx.core.VertxException;
import io.vertx.core.VertxOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.SqlClient;
import java.net.ConnectException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * PostgreSQL through the Vert.x reactive client, opened at startup and closed at shutdown, given
 * to handlers as two dependencies:
 *
 * <ul>
 *   <li>{@code pgClient}, an {@link SqlClient}: connections shared by every request, each carrying
 *       many statements in flight at once (pipelining). Use it for statements that stand alone.
 *   <li>{@code pgPool}, a {@link Pool}: a connection lent to one request at a time, for
 *       transactions ({@code pgPool.withTransaction(…)}). Its connections are opened only when a
 *       route uses it.
 * </ul>
 *
 * <p>Handlers run on virtual threads, so they wait for results with {@code Future.await()}; the
 * point of the client is that a handler can send several queries before waiting, and the shared
 * connection pipelines them, so N independent reads cost one wait instead of N round trips:
 *
 * <pre>{@code
 * App.builder()
 *         .plugins(new PgClientPlugin(PgClientConfig.builder().url(System.getenv("DATABASE_URL")).build()))
 *         .routeHandlers(Route.get("/users/{id:int}", (long id, SqlClient pgClient) ->
 *                 pgClient.preparedQuery("SELECT name FROM users WHERE id = $1").execute(Tuple.of(id))
 *                         .map(rows -> rows.iterator().next().getString(0))
 *                         .await()))
 * }</pre>
 *
 * <ul>
 *   <li>Startup fails, naming the database (password masked), when it cannot be reached.
 *   <li>Every connection caches its prepared statements, so a statement is parsed once per connection.
 *   <li>Errors (unless {@code translateErrors(false)}): a constraint violation is a 409 naming the
 *       constraint; no connection within {@code connectionTimeout}, a full wait queue, an
 *       unreachable database, a lost connection or a statement over {@code statementTimeout} is a
 *       503 with {@code Retry-After}; anything else stays a 500.
 *   <li>Readiness ({@code HealthPlugin}): {@code db} runs {@code SELECT 1} on the shared connections.
 * </ul>
 */
public final class PgClientPlugin implements InitPlugin, HealthContributor {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PgClientPlugin.class);

    /** How long startup and the readiness check wait for {@code SELECT 1}. */
    private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(10);

    private final PgClientConfig config;

    public PgClientPlugin(PgClientConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        PgUrls.options(config.url()); // a malformed URL fails where the app is built, not at startup
    }

    public PgClientConfig config() {
        return config;
    }

    @Override
    public void onAppInit(App.Builder app) {
        app.lifespan(this::start);
        app.dependency(config.clientKey(), Provide.of(this::provideClient));
        app.dependency(config.poolKey(), Provide.of(this::providePool));
        if (config.translateErrors()) {
            ExceptionHandler translate = (request, exception) -> {
                HttpException translated = PgErrors.translate(exception);
                if (translated != null) {
                    throw translated;
                }
                return null;
            };
            // the client's failures are VertxExceptions, except a refused connection and a Future's timeout
            app.exceptionHandler(VertxException.class, translate);
            app.exceptionHandler(ConnectException.class, translate);
            app.exceptionHandler(TimeoutException.class, translate);
        }
    }

    /** The running app's shared, pipelined connections. */
    public SqlClient client(App app) {
        return provideClient(app.state());
    }

    /** The running app's pool of connections lent to one request at a time. */
    public Pool pool(App app) {
        return providePool(app.state());
    }

    @Override
    public List<HealthCheck> healthChecks(App app) {
        return List.of(HealthCheck.of("db", () -> {
            selectOne(client(app));
            return HealthCheck.Result.up();
        }));
    }

    private AutoCloseable start(App app) {
        Vertx vertx = Vertx.vertx(
                new VertxOptions().setEventLoopPoolSize(config.eventLoops()).setPreferNativeTransport(true));
        PgConnectOptions connect = connectOptions();
        SqlClient client = PgBuilder.client()
                .with(poolOptions())
                .connectingTo(connect)
                .using(vertx)
                .build();
        Pool pool = PgBuilder.pool()
                .with(poolOptions())
                .connectingTo(connect)
                .using(vertx)
                .build();
        try {
            selectOne(client);
        } catch (Exception e) {
            close(client, pool, vertx);
            throw new IllegalStateException(
                    "Cannot connect to the database " + PgUrls.masked(config.url()) + ": " + e, e);
        }
        app.state().put(config.clientKey(), client);
        app.state().put(config.poolKey(), pool);
        return () -> {
            app.state().remove(config.clientKey());
            app.state().remove(config.poolKey());
            close(client, pool, vertx);
        };
    }

    private static void selectOne(SqlClient client) throws TimeoutException {
        client.query("SELECT 1").execute().await(CHECK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private PgConnectOptions connectOptions() {
        PgConnectOptions options = PgUrls.options(config.url())
                .setPipeliningLimit(config.pipeliningLimit())
                .setCachePreparedStatements(true);
        if (!config.statementTimeout().isZero()) {
            Map<String, String> properties = new HashMap<>(options.getProperties());
            properties.put(
                    "statement_timeout", Long.toString(config.statementTimeout().toMillis()));
            options.setProperties(properties);
        }
        return options;
    }

    private PoolOptions poolOptions() {
        return new PoolOptions()
                .setMaxSize(config.maxSize())
                .setMaxWaitQueueSize(config.maxWaitQueueSize())
                .setConnectionTimeout(
                        (int) Math.max(1, config.connectionTimeout().toMillis()))
                .setConnectionTimeoutUnit(TimeUnit.MILLISECONDS)
                // new connections go to the client's event loops in turn, not all to the first one
                .setEventLoopSize(config.eventLoops());
    }

    private static void close(SqlClient client, Pool pool, Vertx vertx) {
        for (SqlClient connections : List.of(client, pool)) {
            try {
                connections.close().await(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.warn("Closing the PostgreSQL connections failed", e);
            }
        }
        try {
            vertx.close().await(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("Stopping the PostgreSQL client's event loops failed", e);
        }
    }

    private SqlClient provideClient(State state) {
        return running(state, config.clientKey(), SqlClient.class);
    }

    private Pool providePool(State state) {
        return running(state, config.poolKey(), Pool.class);
    }

    private static <T> T running(State state, String key, Class<T> type) {
        return state.find(key, type)
                .orElseThrow(() -> new IllegalStateException("PgClientPlugin: nothing under app state '" + key
                        + "'; the app has not been started (serve it, or open a TestClient, which runs the startup)"));
    }
}
