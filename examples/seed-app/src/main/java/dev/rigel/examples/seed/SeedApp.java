package dev.rigel.examples.seed;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.rigel.App;
import dev.rigel.Route;
import dev.rigel.Router;
import dev.rigel.channels.ChannelsBackend;
import dev.rigel.channels.ChannelsPlugin;
import dev.rigel.channels.MemoryChannelsBackend;
import dev.rigel.di.Provide;
import dev.rigel.health.HealthPlugin;
import dev.rigel.jdbc.TransactionMode;
import dev.rigel.jpa.JpaConfig;
import dev.rigel.jpa.JpaPlugin;
import dev.rigel.jpa.Repository;
import dev.rigel.jpa.SchemaAction;
import dev.rigel.metrics.MetricsPlugin;
import dev.rigel.middleware.cors.CORSConfig;
import dev.rigel.middleware.csrf.CSRFConfig;
import dev.rigel.openapi.OpenAPIConfig;
import dev.rigel.openapi.OpenAPIPlugin;
import dev.rigel.protocol.ScopeType;
import dev.rigel.redis.RedisChannelsPubSubBackend;
import dev.rigel.redis.RedisStore;
import dev.rigel.security.Guards;
import dev.rigel.security.jwt.JwtAuthentication;
import dev.rigel.staticfiles.StaticFiles;
import dev.rigel.stores.StoreRegistry;
import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The seed app: health checks ({@code /health}, {@code /health/live}, {@code /health/ready}) and
 * benchmark endpoints at the top, and the users/orders API under
 * {@code /api/v1}, behind bearer-token auth, whose {@code db} dependency is the request's JPA
 * session (H2 in memory by default, PostgreSQL with {@code DATABASE_URL}; committed on a 2xx) and
 * whose user cache is a store (memory, or Redis with {@code REDIS_URL}). Request and JVM
 * metrics are scraped at {@code /metrics} (rigel-metrics), and a small page is served from the
 * jar's {@code static/} resources at {@code /static/}. Notifications posted to
 * {@code /api/v1/notifications} are published to the channel {@code user:{user_id}}, which
 * WebSocket clients follow at {@code /ws/{channel_name}} (channels in memory, or through Redis
 * when {@code REDIS_URL} is set, so that several instances share them).
 */
public final class SeedApp {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SeedApp.class);

    /** The sample users' passwords (documented in the README) and their PBKDF2 hashes. */
    private static final Map<String, String> SAMPLE_HASHES = Map.of(
            "analytical-engine",
            "pbkdf2-sha256$600000$dff34ef7be94127b588cb4f2c734cbdf$"
                    + "93b86f65d66cca008e6cb001ab767905d1c91cad01cb1e9d8e286d870389fefd",
            "enigma-machine",
            "pbkdf2-sha256$600000$9222976659c96259b22df3d9a0dbda1a$"
                    + "9137bb3e927dcdf73cda2ce4e18ec334772db31750dd74d202b18b5312b9a26c",
            "compiler-first",
            "pbkdf2-sha256$600000$b77fc8b02ec3715cb5a48a7333212d9a$"
                    + "34eda7f332c87f45d94c9522f5ac901685c64fdc03cfb7fd93cac8a62c5215cc");

    private static final Map<String, String> HELLO = Map.of("message", "Hello, World!");

    private SeedApp() {}

    /**
     * The app on {@code DATABASE_URL} (else H2 in memory), with its user cache and channels in Redis
     * when the settings name one ({@code --redis-url} / {@code REDIS_URL}), else in memory.
     */
    public static App create(SeedSettings settings) {
        return create(settings, null, settings.usesRedis() ? settings.redisUrl() : null);
    }

    /**
     * The app on {@code databaseUrl} (a JDBC or {@code postgresql://} URL; null: {@code DATABASE_URL},
     * else an H2 database in memory), caching users and carrying channels through Redis at
     * {@code redisUrl} (null: in memory).
     * Tables are created when missing, and the sample users are stored when there are none.
     */
    public static App create(SeedSettings settings, String databaseUrl, String redisUrl) {
        return create(settings, databaseUrl, redisUrl, "seed:users");
    }

    /** As {@link #create(SeedSettings, String, String)}, with the Redis cache's keys under {@code redisNamespace}. */
    static App create(SeedSettings settings, String databaseUrl, String redisUrl, String redisNamespace) {
        JpaConfig.Builder database = JpaConfig.builder()
                .entities(User.class, Order.class)
                .schemaAction(SchemaAction.CREATE_ALL)
                .transactionMode(TransactionMode.AUTOCOMMIT)
                .sessionKey("db");
        if (databaseUrl != null) {
            database.url(databaseUrl);
        }
        JpaPlugin jpa = new JpaPlugin(database.build());
        StoreRegistry stores = new StoreRegistry();
        if (redisUrl != null && !redisUrl.isBlank()) {
            // the connected store owns the connection, so the app closes it at shutdown
            stores.register("users", RedisStore.connect(redisUrl, redisNamespace));
        }
        UserCache cache = new UserCache(stores.get("users"));
        if (settings.usesDevelopmentJwtSecret()) {
            LOG.warn("JWT_SECRET is not set: access tokens are signed with the development secret, which anyone"
                    + " can read in the source and use to sign tokens for any user. Set JWT_SECRET (or --jwt-secret)"
                    + " to 32 or more random bytes outside development.");
        }
        JwtAuthentication auth = SeedAuth.create(settings);
        Router api = Router.builder("/api/v1")
                .routeHandlers(
                        AuthController.class, UserController.class, OrderController.class, NotificationController.class)
                // every route needs a token (the JWT a login gives, or the static API_TOKEN), but the login
                .middleware(auth)
                .build();
        RequestTracingMiddleware tracing = new RequestTracingMiddleware();
        // one log line per request; a WebSocket connection is not one (and its sends stay unwrapped)
        tracing.scopes(ScopeType.HTTP);
        // health checks, metrics scrapes and the benchmark endpoints are not traffic worth a log line each
        tracing.exclude("^/health(/|$)", "^/metrics$", "^/plaintext$", "^/json$");
        return App.builder()
                .middleware(tracing)
                .alsoForUnmatchedRoutes(tracing)
                .routeHandlers(
                        Route.get("/plaintext", () -> "Hello, World!").nonBlocking(),
                        Route.get("/json", () -> HELLO).nonBlocking(),
                        api,
                        StaticFiles.builder("/static")
                                .classpath("static")
                                .htmlMode(true)
                                .build())
                // request counts and latencies by route, JVM metrics, GET /metrics for Prometheus
                .plugins(MetricsPlugin.prometheus(), jpa, channels(redisUrl, auth))
                // /health, /health/live, /health/ready: the database, Redis and the channels backend
                .plugins(HealthPlugin.create())
                // the API's OpenAPI 3.1 document at /schema/openapi.json and /schema/openapi.yaml
                .plugins(OpenAPIPlugin.of(openApiConfig()))
                .stores(stores)
                .onStartup(app -> addSampleData(jpa, app))
                .dependency("cache", Provide.value(cache))
                .dependency("jwt", Provide.value(auth))
                .listeners(new UserEvents())
                // the seed's front end lives on its own origin; browsers there may call the API
                .cors(CORSConfig.builder()
                        .allowOrigins("https://myapp.com")
                        .allowMethods("GET", "POST", "PUT", "DELETE")
                        .build())
                // health checks, metrics scrapes and the benchmark endpoints must never be throttled
                .rateLimit(settings.rateLimitConfig().exclude("^/health(/|$)", "^/metrics$", "^/plaintext$", "^/json$"))
                .csrf(csrfConfig(settings))
                .json(mapper -> mapper.setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE))
                .build();
    }

    /** The seed's sample users and their first order, stored once: a database that has users keeps them. */
    static void addSampleData(JpaPlugin jpa, App app) {
        EntityManager session = jpa.engine(app).createEntityManager();
        try {
            session.getTransaction().begin();
            Repository<User, Long> users = Repository.of(session, User.class);
            if (users.count() == 0) {
                // hashed once, ahead of time: three PBKDF2 hashes would add a second to every start
                List<User> sample = users.addAll(List.of(
                        new User("Ada Lovelace", "ada@example.com", SAMPLE_HASHES.get("analytical-engine")),
                        new User("Alan Turing", "alan@example.com", SAMPLE_HASHES.get("enigma-machine")),
                        new User("Grace Hopper", "grace@example.com", SAMPLE_HASHES.get("compiler-first"))));
                Repository.of(session, Order.class)
                        .add(new Order(sample.get(0).id(), "Difference Engine manual", 1, new BigDecimal("42.00")));
            }
            session.getTransaction().commit();
        } finally {
            if (session.getTransaction().isActive()) {
                session.getTransaction().rollback();
            }
            session.close();
        }
    }

    /** What the seed's OpenAPI document says about the API as a whole. */
    static OpenAPIConfig openApiConfig() {
        return OpenAPIConfig.builder("Rigel seed app", "0.1.0")
                .description("Users and orders behind a bearer token (a JWT from /api/v1/auth/login, or the static API"
                        + " token), plus health and benchmark endpoints.")
                .server("http://localhost:8000", "local development")
                .license("Apache 2.0", "Apache-2.0")
                .tag("users", "Accounts of the shop")
                .tag("orders", "Orders placed by users")
                .tag("auth", "Logging in, and who the token belongs to")
                // an example for every parameter and JSON body that has none of its own
                .generateExamples(true)
                .build();
    }

    /**
     * Channels on any name (e.g. {@code user:42}), each followed over a WebSocket at
     * {@code /ws/{channel_name}}. In memory by default; with a Redis URL through Redis Pub/Sub,
     * so a notification posted to one instance reaches clients connected to another.
     */
    static ChannelsPlugin channels(String redisUrl, JwtAuthentication auth) {
        ChannelsBackend backend = redisUrl != null && !redisUrl.isBlank()
                ? RedisChannelsPubSubBackend.builder(redisUrl).build()
                : new MemoryChannelsBackend();
        return ChannelsPlugin.builder(backend)
                .arbitraryChannelsAllowed(true)
                .createWsRouteHandlers(true)
                .wsHandlerBasePath("/ws")
                // private channels: a handshake needs a token, and user:{id} admits only that user (or the admin)
                .wsMiddleware(auth)
                .wsGuards(Guards.of((Caller user, String channel_name) ->
                                channel_name.equals("user:" + user.userId()) || user.admin())
                        .message("This channel belongs to another user"))
                .build();
    }

    /**
     * CSRF protection as the seed configures it. The API under {@code /api/} is left out: it is
     * authenticated by a bearer token that a client must attach on purpose, never by a cookie a
     * browser attaches on its own, so a cross-site page cannot forge an authenticated call (which
     * is all CSRF protects against), and API clients need no CSRF cookie dance. The benchmark
     * endpoints are left out so they answer exactly as the peer frameworks they are measured
     * against, without a Set-Cookie. Everything else (browser-facing, cookie-carrying routes) is
     * checked.
     */
    static CSRFConfig csrfConfig(SeedSettings settings) {
        return CSRFConfig.builder(settings.csrfSecret())
                .exclude("^/api/", "^/plaintext$", "^/json$")
                .build();
    }
}
