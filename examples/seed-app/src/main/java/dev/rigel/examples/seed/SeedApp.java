package dev.rigel.examples.seed;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.rigel.App;
import dev.rigel.Route;
import dev.rigel.Router;
import dev.rigel.di.Provide;
import dev.rigel.metrics.MetricsPlugin;
import dev.rigel.openapi.OpenAPIConfig;
import dev.rigel.openapi.OpenAPIPlugin;
import dev.rigel.middleware.cors.CORSConfig;
import dev.rigel.middleware.csrf.CSRFConfig;
import dev.rigel.staticfiles.StaticFiles;
import java.util.Map;

/**
 * The seed app: a health check and benchmark endpoints at the top, and the users/orders API under
 * {@code /api/v1}, behind bearer-token auth, with its own {@code db} dependency. Request and JVM
 * metrics are scraped at {@code /metrics} (rigel-metrics), and a small page is served from the
 * jar's {@code static/} resources at {@code /static/}.
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
                .routeHandlers(UserController.class, OrderController.class)
                .dependency("db", Provide.value(database))
                .middleware(new AuthMiddleware(settings.apiToken()))
                // tells the OpenAPI document that AuthMiddleware wants a bearer token here
                .opt("security", "bearer")
                .build();
        RequestTracingMiddleware tracing = new RequestTracingMiddleware();
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
                .plugins(MetricsPlugin.prometheus())
                // the API's OpenAPI 3.1 document at /schema/openapi.json and /schema/openapi.yaml
                .plugins(OpenAPIPlugin.of(openApiConfig()))
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

    /** What the seed's OpenAPI document says about the API as a whole. */
    static OpenAPIConfig openApiConfig() {
        return OpenAPIConfig.builder("Rigel seed app", "0.1.0")
                .description("Users and orders behind a bearer token, plus health and benchmark endpoints.")
                .server("http://localhost:8000", "local development")
                .license("Apache 2.0", "Apache-2.0")
                .tag("users", "Accounts of the shop")
                .tag("orders", "Orders placed by users")
                .securityScheme("bearer", Map.of("type", "http", "scheme", "bearer"))
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
        return CSRFConfig.builder(settings.csrfSecret()).exclude("^/api/", "^/plaintext$", "^/json$").build();
    }
}
