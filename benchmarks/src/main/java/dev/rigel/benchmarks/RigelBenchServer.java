package dev.rigel.benchmarks;

import dev.rigel.App;
import dev.rigel.Route;
import dev.rigel.Router;
import dev.rigel.benchmarks.common.BenchData;
import dev.rigel.benchmarks.common.BenchUser;
import dev.rigel.di.Provide;
import dev.rigel.exceptions.NotAuthorizedException;
import dev.rigel.exceptions.NotFoundException;
import dev.rigel.middleware.Middleware;
import dev.rigel.netty.RigelServer;
import dev.rigel.netty.ServerConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;

/**
 * Rigel with the benchmark routes: {@code /plaintext}, {@code /json}, and {@code /api/v1/users}
 * plus {@code /api/v1/users/{user_id:int}} behind the seed's bearer-token middleware, with the
 * user store as a router-level {@code db} dependency.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.rigel.benchmarks.RigelBenchServer PORT vt|el} —
 * {@code vt} runs handlers on virtual threads (the default for Rigel handlers), {@code el} marks
 * every route {@code nonBlocking} so handlers run on the Netty event loop.
 */
public final class RigelBenchServer {

    private static final Map<String, String> HELLO = Map.of("message", "Hello, World!");
    private static final Map<String, String> CHALLENGE = Map.of("WWW-Authenticate", "Bearer");

    private RigelBenchServer() {}

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

    /** The seed's {@code AuthMiddleware}: constant-time bearer check, 401 otherwise. */
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

    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8080;
        boolean eventLoop = args.length > 1 && args[1].equals("el");
        RigelServer server = new RigelServer(
                create(eventLoop),
                ServerConfig.builder().host("127.0.0.1").port(port).build());
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "rigel-shutdown"));
        server.start();
        System.out.println(
                "rigel (" + (eventLoop ? "event loop" : "virtual threads") + ") listening on " + server.url());
        server.awaitShutdown();
    }
}
