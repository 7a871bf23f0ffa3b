package dev.rigel.examples.seed;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.rigel.App;
import dev.rigel.Route;
import dev.rigel.Router;
import dev.rigel.di.Provide;
import java.util.Map;

/**
 * The seed app: a health check and benchmark endpoints at the top, and the users/orders API under
 * {@code /api/v1}, behind bearer-token auth, with its own {@code db} dependency.
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
                        api)
                .dependency("cache", Provide.of(UserCache.class).useCache())
                .json(mapper -> mapper.setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE))
                .build();
    }
}
