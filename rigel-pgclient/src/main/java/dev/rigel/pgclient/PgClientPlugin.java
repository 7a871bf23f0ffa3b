package dev.rigel.pgclient;

import dev.rigel.App;
import dev.rigel.InitPlugin;
import dev.rigel.di.Provide;
import dev.rigel.exceptions.HttpException;
import dev.rigel.health.HealthCheck;
import dev.rigel.health.HealthContributor;
import dev.rigel.http.ExceptionHandler;
import dev.rigel.http.State;
import dev.rigel.pgclient.internal.LoopClients;
import dev.rigel.pgclient.internal.LoopDispatch;
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
import java.io.IOException;
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
 * <p>The client's answers are futures, so the fastest handler is asynchronous: a {@code nonBlocking}
 * route returns the client's {@code Future} (the plugin registers it as an asynchronous result, as
 * a {@code CompletionStage} is), its request runs on the server's event loop, and the answer goes
 * out when the rows are there, with no thread waiting for them. On a
 * server each event loop has its own connections (the configured {@code maxSize} shared out among
 * the loops, at least one each), so the query is sent, answered and completed on the loop that
 * serves the request, as in a Vert.x application:
 *
 * <pre>{@code
 * App.builder()
 *         .plugins(new PgClientPlugin(PgClientConfig.builder().url(System.getenv("DATABASE_URL")).build()))
 *         .routeHandlers(Route.get("/users/{id:int}", (long id, SqlClient pgClient) ->
 *                 pgClient.preparedQuery("SELECT name FROM users WHERE id = $1").execute(Tuple.of(id))
 *                         .map(rows -> rows.iterator().next().getString(0)))
 *                 .nonBlocking())
 * }</pre>
 *
 * <p>A handler on a virtual thread (any route not declared {@code nonBlocking}) may instead wait
 * with {@code Future.await()}, or return the stage too, and uses connections on the client's own
 * event loops. Either way a handler should send every query it can before it waits: the shared
 * connections pipeline them, so N independent reads cost one wait instead of N round trips.
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
        LoopClients loops = new LoopClients(loopPoolOptions());
        app.lifespan(started -> start(started, loops));
        // handlers may return the client's futures as they are: an asynchronous answer, as a stage is
        app.asyncResult(io.vertx.core.Future.class, io.vertx.core.Future::toCompletionStage);
        // a request on a server event loop runs inside that loop's Vert.x context: see LoopClients
        app.middleware(new LoopDispatch(loops));
        app.dependency(config.clientKey(), Provide.of((State state) -> {
            SqlClient onThisLoop = loops.client();
            return onThisLoop != null ? onThisLoop : provideClient(state);
        }));
        app.dependency(config.poolKey(), Provide.of(this::providePool));
        if (config.translateErrors()) {
            ExceptionHandler translate = (request, exception) -> {
                HttpException translated = PgErrors.translate(exception);
                if (translated != null) {
                    throw translated;
                }
                return null;
            };
            // the client's failures are VertxExceptions, except a refused connection, a connection
            // reset (Netty's IOException) and a Future's timeout
            app.exceptionHandler(VertxException.class, translate);
            app.exceptionHandler(ConnectException.class, translate);
            app.exceptionHandler(IOException.class, translate);
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

    private AutoCloseable start(App app, LoopClients loops) {
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
        loops.open(vertx, connect);
        return () -> {
            app.state().remove(config.clientKey());
            app.state().remove(config.poolKey());
            for (Exception failure : loops.close()) {
                LOG.warn("Closing an event loop's PostgreSQL connections failed", failure);
            }
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

    /** The shared client's and the pool's connections: new ones go to the client's event loops in turn. */
    private PoolOptions poolOptions() {
        return poolOptions(config.maxSize()).setEventLoopSize(config.eventLoops());
    }

    /**
     * Each server event loop's own client: the configured connections shared out among the
     * loops (at least one each), opened on the loop whose request needs one (no event loops of its own).
     */
    private PoolOptions loopPoolOptions() {
        int perLoop = Math.max(1, (config.maxSize() + config.eventLoops() - 1) / config.eventLoops());
        return poolOptions(perLoop).setEventLoopSize(0);
    }

    /** {@code connections} at the most, with the configured wait queue and timeout. */
    private PoolOptions poolOptions(int connections) {
        return new PoolOptions()
                .setMaxSize(connections)
                .setMaxWaitQueueSize(config.maxWaitQueueSize())
                .setConnectionTimeout(
                        (int) Math.max(1, config.connectionTimeout().toMillis()))
                .setConnectionTimeoutUnit(TimeUnit.MILLISECONDS);
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
