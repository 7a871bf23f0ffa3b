package dev.rigel.benchmarks.minimal;

import dev.rigel.App;
import dev.rigel.Route;
import dev.rigel.Router;
import dev.rigel.benchmarks.common.BenchData;
import dev.rigel.benchmarks.common.BenchUser;
import dev.rigel.cli.Rigel;
import dev.rigel.di.Provide;
import dev.rigel.exceptions.NotAuthorizedException;
import dev.rigel.exceptions.NotFoundException;
import dev.rigel.middleware.Middleware;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;

/**
 * A minimal Rigel app as one ships: four routes ({@code /plaintext}, {@code /json},
 * {@code /api/v1/users} and {@code /api/v1/users/{user_id:int}} behind a bearer token, users from
 * memory), no SQL, and the {@code rigel} command line as its main, so {@code java -jar
 * benchmarks-minimal.jar --port 8000} serves it and {@code train} is its AOT cache's training run.
 * The load harness measures its startup and memory as {@code rigel-min} (see benchmarks/README.md).
 */
public final class MinimalApp {

    private static final Map<String, String> HELLO = Map.of("message", "Hello, World!");
    private static final Map<String, String> CHALLENGE = Map.of("WWW-Authenticate", "Bearer");

    private MinimalApp() {}

    /** The users handlers; parameters are bound by name ({@code user_id} → {@code userId}, {@code db}). */
    public static final class Users {
        public List<BenchUser> list(BenchData db) {
            return db.users();
        }

        public BenchUser get(long userId, BenchData db) {
            BenchUser user = db.user(userId);
            if (user == null) {
                throw new NotFoundException("User " + userId + " not found");
            }
            return user;
        }
    }

    /** A constant-time bearer-token check, 401 otherwise. */
    static Middleware auth(String expectedHeader) {
        byte[] expected = expectedHeader.getBytes(StandardCharsets.UTF_8);
        return next -> (scope, receive, send) -> {
            String header = scope.headers().get("authorization");
            if (header == null || !MessageDigest.isEqual(expected, header.trim().getBytes(StandardCharsets.UTF_8))) {
                throw new NotAuthorizedException("Invalid bearer token", CHALLENGE, null);
            }
            next.call(scope, receive, send);
        };
    }

    public static App create() {
        Users users = new Users();
        Router api = Router.builder("/api/v1")
                .routeHandlers(Route.get("/users", users::list), Route.get("/users/{user_id:int}", users::get))
                .dependency("db", Provide.value(new BenchData()))
                .middleware(auth(BenchData.TOKEN))
                .build();
        return App.builder()
                .routeHandlers(Route.get("/plaintext", () -> "Hello, World!"), Route.get("/json", () -> HELLO), api)
                .build();
    }

    public static void main(String[] args) {
        Rigel.cli(MinimalApp::create, args);
    }
}
