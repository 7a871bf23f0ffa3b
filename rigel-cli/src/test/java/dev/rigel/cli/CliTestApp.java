package dev.rigel.cli;

import dev.rigel.App;
import dev.rigel.Route;
import dev.rigel.Router;
import dev.rigel.config.Default;
import dev.rigel.config.Description;
import dev.rigel.middleware.Middleware;
import dev.rigel.middleware.cors.CORSConfig;
import dev.rigel.protocol.Application;
import dev.rigel.redis.RedisStore;
import dev.rigel.security.Guards;
import dev.rigel.security.SecretString;
import dev.rigel.stores.StoreRegistry;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A small app with settings, for the command line's tests (and a main a subprocess runs). */
public final class CliTestApp {

    private CliTestApp() {}

    public record Settings(
            @Description("what / answers") @Default("hello") @NotBlank
            String greeting,

            @Description("admin token") @Default("dev-admin-token") @Size(min = 8)
            SecretString adminToken,

            @Description("sessions in this Redis when set") String redisUrl) {}

    /** A route middleware, named in {@code routes}. */
    static final class AuditMiddleware implements Middleware {
        @Override
        public Application wrap(Application next) {
            return next;
        }
    }

    public static App create(Settings settings) {
        App.Builder app = App.builder()
                .routeHandlers(
                        Route.get("/", () -> settings.greeting()).nonBlocking(),
                        Router.builder("/admin")
                                .guards(Guards.roles("admin"))
                                .middleware(new AuditMiddleware())
                                .routeHandlers(Route.get("/stats", () -> "ok"))
                                .build())
                .cors(CORSConfig.builder().allowOrigins("https://example.com").build());
        if (settings.redisUrl() != null) {
            app.stores(StoreRegistry.withDefaultFactory(
                    name -> RedisStore.connect(settings.redisUrl(), "cli-test:" + name)));
        }
        return app.build();
    }

    public static void main(String[] args) {
        Rigel.cli(Settings.class, CliTestApp::create, args);
    }
}
