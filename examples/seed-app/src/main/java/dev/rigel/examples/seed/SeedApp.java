package dev.rigel.examples.seed;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.rigel.App;
import dev.rigel.Route;
import dev.rigel.Router;
import dev.rigel.channels.ChannelsBackend;
import dev.rigel.channels.ChannelsPlugin;
import dev.rigel.channels.MemoryChannelsBackend;
import dev.rigel.di.Provide;
import dev.rigel.metrics.MetricsPlugin;
import dev.rigel.middleware.cors.CORSConfig;
import dev.rigel.middleware.csrf.CSRFConfig;
import dev.rigel.protocol.ScopeType;
import dev.rigel.redis.RedisChannelsPubSubBackend;
import dev.rigel.staticfiles.StaticFiles;
import java.util.Map;

/**
 * The seed app: a health check and benchmark endpoints at the top, and the users/orders API under
 * {@code /api/v1}, behind bearer-token auth, with its own {@code db} dependency. Request and JVM
 * metrics are scraped at {@code /metrics} (rigel-metrics), and a small page is served from the
 * jar's {@code static/} resources at {@code /static/}. Notifications posted to
 * {@code /api/v1/notifications} are published to the channel {@code user:{user_id}}, which
 * WebSocket clients follow at {@code /ws/{channel_name}} (channels in memory, or through Redis
 * when {@code REDIS_URL} is set, so that several instances share them).
 */
public final class SeedApp {

    private static final Map<String, String> OK = Map.of("status", "ok");
    private static final Map<String, String> HELLO = Map.of("message", "Hello, World!");

    private SeedApp() {
    }

    public static App create(SeedSettings settings) {
        return create(settings, Database.seeded());
    }

    public static App create(SeedSettings settings, Database database) {
        Router api = Router.builder("/api/v1")
                .routeHandlers(UserController.class, OrderController.class, NotificationController.class)
                .dependency("db", Provide.value(database))
                .middleware(new AuthMiddleware(settings.apiToken()))
                .build();
        RequestTracingMiddleware tracing = new RequestTracingMiddleware();
        // one log line per request; a WebSocket connection is not one (and its sends stay unwrapped)
        tracing.scopes(ScopeType.HTTP);
        // health checks, metrics scrapes and the benchmark endpoints are not traffic worth a log line each
        tracing.exclude("^/health$", "^/metrics$", "^/plaintext$", "^/json$");
        return App.builder()
                .middleware(tracing)
                .alsoForUnmatchedRoutes(tracing)
                .routeHandlers(
                        Route.get("/health", () -> OK).nonBlocking(),
                        Route.get("/plaintext", () -> "Hello, World!").nonBlocking(),
                        Route.get("/json", () -> HELLO).nonBlocking(),
                        api,
                        StaticFiles.builder("/static").classpath("static").htmlMode(true).build())
                // request counts and latencies by route, JVM metrics, GET /metrics for Prometheus
                .plugins(MetricsPlugin.prometheus(), channels(settings))
                .dependency("cache", Provide.of(UserCache.class).useCache())
                .listeners(new UserEvents())
                // the seed's front end lives on its own origin; browsers there may call the API
                .cors(CORSConfig.builder().allowOrigins("https://myapp.com").allowMethods("GET", "POST", "PUT", "DELETE")
                        .build())
                // health checks, metrics scrapes and the benchmark endpoints must never be throttled
                .rateLimit(settings.rateLimitConfig().exclude("^/health$", "^/metrics$", "^/plaintext$", "^/json$"))
                .csrf(csrfConfig(settings))
                .json(mapper -> mapper.setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE))
                .build();
    }

    /**
     * Channels on any name (e.g. {@code user:42}), each followed over a WebSocket at
     * {@code /ws/{channel_name}}. In memory by default; with a Redis URL through Redis Pub/Sub,
     * so a notification posted to one instance reaches clients connected to another.
     */
    static ChannelsPlugin channels(SeedSettings settings) {
        ChannelsBackend backend = settings.usesRedis()
                ? RedisChannelsPubSubBackend.builder(settings.redisUrl()).build()
                : new MemoryChannelsBackend();
        return ChannelsPlugin.builder(backend).arbitraryChannelsAllowed(true)
                .createWsRouteHandlers(true).wsHandlerBasePath("/ws").build();
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
        return CSRFConfig.builder(settings.csrfSecret()).exclude("^/api/", "^/plaintext$", "^/json$").build();
    }
}
