package dev.rigel.benchmarks.common;

import dev.rigel.App;
import dev.rigel.Route;
import dev.rigel.Router;
import dev.rigel.di.Provide;
import dev.rigel.exceptions.NotAuthorizedException;
import dev.rigel.exceptions.NotFoundException;
import dev.rigel.middleware.Middleware;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;

/**
 * Rigel's benchmark app, in one place for the contenders that serve it ({@code rigel-vt},
 * {@code rigel-el}, {@code rigel-min}): {@code /plaintext}, {@code /json}, and {@code /api/v1/users}
 * plus {@code /api/v1/users/{user_id:int}} behind the seed's bearer-token middleware, with the user
 * store as a router-level {@code db} dependency. Only the Rigel contenders load it (rigel-core is an
 * optional dependency of this module).
 */
public final class RigelBenchApp {

    private static final Map<String, String> HELLO = Map.of("message", "Hello, World!");
    private static final Map<String, String> CHALLENGE = Map.of("WWW-Authenticate", "Bearer");

    private RigelBenchApp() {}

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

    /**
     * The seed's {@code AuthMiddleware}: constant-time bearer check, 401 otherwise. It waits on
     * nothing, and says so, so that the {@code rigel-el} contender's users routes stay on the event loop.
     */
    static Middleware auth(String expectedHeader) {
        byte[] expected = expectedHeader.getBytes(StandardCharsets.UTF_8);
        return Middleware.nonBlocking(next -> (scope, receive, send) -> {
            String header = scope.headers().get("authorization");
            if (header == null || !MessageDigest.isEqual(expected, header.trim().getBytes(StandardCharsets.UTF_8))) {
                throw new NotAuthorizedException("Invalid bearer token", CHALLENGE, null);
            }
            next.call(scope, receive, send);
        });
    }

    public static App create(boolean eventLoop) {
        Users users = new Users();
        Route list = Route.get("/users", users::list);
        Route get = Route.get("/users/{user_id:int}", users::get);
        Route plaintext = Route.get("/plaintext", () -> "Hello, World!");
        Route json = Route.get("/json", () -> HELLO);
        if (eventLoop) {
            list.nonBlocking();
            get.nonBlocking();
            plaintext.nonBlocking();
            json.nonBlocking();
        }
        Router api = Router.builder("/api/v1")
                .routeHandlers(list, get)
                .dependency("db", Provide.value(new BenchData()))
                .middleware(auth(BenchData.TOKEN))
                .build();
        return App.builder().routeHandlers(plaintext, json, api).build();
    }
}
