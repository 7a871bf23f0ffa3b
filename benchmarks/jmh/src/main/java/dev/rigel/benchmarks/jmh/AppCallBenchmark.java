package dev.rigel.benchmarks.jmh;

import dev.rigel.App;
import dev.rigel.Route;
import dev.rigel.Router;
import dev.rigel.annotation.Param;
import dev.rigel.di.Provide;
import dev.rigel.exceptions.NotAuthorizedException;
import dev.rigel.exceptions.NotFoundException;
import dev.rigel.middleware.Middleware;
import dev.rigel.protocol.Headers;
import dev.rigel.protocol.Message;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One full in-process request through {@link App#call}, no socket: routing, the auth middleware,
 * binding a path parameter, a query parameter and a header, resolving a router-level dependency and
 * a per-request provider that depends on it, calling the handler and encoding the JSON response.
 * Also the floor (a parameterless route returning a String) and a JSON body decoded into a DTO.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class AppCallBenchmark {

    /** The user store, provided once per app. */
    public static final class Users {
        private final Map<Long, BenchUser> byId = Map.of(
                1L, new BenchUser(1, "Ada Lovelace", "ada@example.com", "2026-01-01T00:00:00Z"),
                2L, new BenchUser(2, "Alan Turing", "alan@example.com", "2026-01-01T00:00:01Z"));

        BenchUser find(long id) {
            return byId.get(id);
        }
    }

    /** A per-request dependency built from another dependency, to exercise the provider graph. */
    public record Repo(Users users) {}

    /** The handlers; parameters are bound by name. */
    public static final class Handlers {
        public BenchUser get(long userId, Repo repo, String fields, @Param(header = "x-request-id") String requestId) {
            BenchUser user = repo.users().find(userId);
            if (user == null) {
                throw new NotFoundException("User " + userId + " not found");
            }
            return user;
        }

        public BenchUser create(UserCreate data) {
            return new BenchUser(3, data.name(), data.email(), "2026-01-01T00:00:02Z");
        }

        public static Repo repo(Users users) {
            return new Repo(users);
        }
    }

    App app;
    Headers userHeaders;
    Headers plainHeaders;
    Headers postHeaders;
    Exchanges.FixedReceive empty;
    Exchanges.FixedReceive createBody;
    Exchanges.RecordingSend send;

    @Setup
    public void setup() throws Exception {
        Handlers h = new Handlers();
        byte[] token = "Bearer dev-token".getBytes(StandardCharsets.UTF_8);
        Middleware auth = next -> (scope, receive, send) -> {
            String header = scope.headers().get("authorization");
            if (header == null
                    || !java.security.MessageDigest.isEqual(token, header.getBytes(StandardCharsets.UTF_8))) {
                throw new NotAuthorizedException("Invalid bearer token", Map.of(), null);
            }
            next.call(scope, receive, send);
        };
        Router api = Router.builder("/api/v1")
                .routeHandlers(Route.get("/users/{user_id:int}", h::get), Route.post("/users", h::create))
                .dependency("users", Provide.value(new Users()))
                .dependency("repo", Provide.of(Handlers::repo))
                .middleware(auth)
                .build();
        app = App.builder()
                .routeHandlers(Route.get("/plaintext", () -> "Hello, World!"), api)
                .build();
        app.startup();
        userHeaders = Headers.of(
                "host",
                "localhost",
                "authorization",
                "Bearer dev-token",
                "x-request-id",
                "abc-123",
                "accept",
                "application/json",
                "cookie",
                "session_id=5f2b8c1e9a7d4e3f; theme=dark");
        plainHeaders = Headers.of("host", "localhost");
        postHeaders = Headers.of(
                "host",
                "localhost",
                "authorization",
                "Bearer dev-token",
                "content-type",
                "application/json",
                "content-length",
                "70");
        empty = new Exchanges.FixedReceive(Message.EMPTY);
        createBody = new Exchanges.FixedReceive(
                "{\"name\":\"Grace Hopper\",\"email\":\"grace@example.com\",\"password\":\"compiler-first\"}"
                        .getBytes(StandardCharsets.UTF_8));
        send = new Exchanges.RecordingSend();
        Exchanges.expect(app, Exchanges.scope("GET", "/api/v1/users/1", "fields=name", userHeaders), empty, 200);
        Exchanges.expect(app, Exchanges.scope("GET", "/plaintext", "", plainHeaders), empty, 200);
        Exchanges.expect(app, Exchanges.scope("POST", "/api/v1/users", "", postHeaders), createBody, 201);
    }

    @Benchmark
    public byte[] userByIdWithBindingAndDi() throws Exception {
        app.call(Exchanges.scope("GET", "/api/v1/users/1", "fields=name", userHeaders), empty.reset(), send);
        return send.body;
    }

    @Benchmark
    public byte[] plaintextFloor() throws Exception {
        app.call(Exchanges.scope("GET", "/plaintext", "", plainHeaders), empty.reset(), send);
        return send.body;
    }

    @Benchmark
    public byte[] createWithJsonBody() throws Exception {
        app.call(Exchanges.scope("POST", "/api/v1/users", "", postHeaders), createBody.reset(), send);
        return send.body;
    }
}
