package dev.rigel.middleware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.rigel.App;
import dev.rigel.Controller;
import dev.rigel.Route;
import dev.rigel.Router;
import dev.rigel.annotation.Get;
import dev.rigel.exceptions.ImproperlyConfiguredException;
import dev.rigel.exceptions.NotAuthorizedException;
import dev.rigel.http.AuthenticationResult;
import dev.rigel.http.HandlerInfo;
import dev.rigel.http.HttpConnection;
import dev.rigel.middleware.compression.CompressionConfig;
import dev.rigel.middleware.logging.LoggingConfig;
import dev.rigel.middleware.ratelimit.RateLimitConfig;
import dev.rigel.middleware.ratelimit.RateLimitConfig.Unit;
import dev.rigel.middleware.ratelimit.RateLimitMiddleware;
import dev.rigel.security.AbstractAuthenticationMiddleware;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.TestResponse;
import dev.rigel.testing.support.Clients;
import dev.rigel.testing.support.Transport;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;

/**
 * Rate limiting, compression and logging as ordinary middleware on any layer: a closer layer's
 * replaces the app's, differently named limits stack and the tightest is reported, and limits key
 * by address, header or authenticated user.
 */
class LayeredBuiltInMiddlewareTest {

    /** 15 s into a minute, so no window ends while a test runs. */
    static final InstantSource FIXED = InstantSource.fixed(Instant.parse("2026-03-01T10:20:15Z"));

    static RateLimitConfig perMinute(int limit) {
        return RateLimitConfig.of(Unit.MINUTE, limit).clock(FIXED);
    }

    /** A controller with its own, looser limit than the app's. */
    public static final class BulkController extends Controller {
        public BulkController() {
            super("/bulk");
            layer().middleware(perMinute(5).middleware());
        }

        @Get("/items")
        public String items() {
            return "items";
        }
    }

    static App appWithControllerOverride() {
        return App.builder()
                .routeHandlers(Route.get("/hello", () -> "hi"), BulkController.class)
                .rateLimit(perMinute(2))
                .build();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aControllersLimitReplacesTheAppsForItsRoutes(Transport transport) {
        try (TestClient client = Clients.open(appWithControllerOverride(), transport)) {
            for (int i = 1; i <= 5; i++) {
                TestResponse response = client.get("/bulk/items");
                assertThat(response.status()).isEqualTo(200);
                assertThat(response.header("RateLimit-Policy")).isEqualTo("5; w=60");
                assertThat(response.header("RateLimit-Remaining")).isEqualTo(Integer.toString(5 - i));
            }
            assertThat(client.get("/bulk/items").status()).isEqualTo(429);
            // the controller's traffic was not counted against the app's limit
            TestResponse hello = client.get("/hello");
            assertThat(hello.status()).isEqualTo(200);
            assertThat(hello.header("RateLimit-Policy")).isEqualTo("2; w=60");
            assertThat(hello.header("RateLimit-Remaining")).isEqualTo("1");
            assertThat(client.get("/hello").status()).isEqualTo(200);
            assertThat(client.get("/hello").status()).isEqualTo(429);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aNamedLimitOnOneRouteStacksOnTheAppsAndTheTightestIsReported(Transport transport) {
        App app = App.builder()
                .routeHandlers(
                        Route.get("/hello", () -> "hi"),
                        Route.post("/login", () -> "welcome")
                                .middleware(perMinute(3).name("login").middleware()))
                .rateLimit(perMinute(10))
                .build();
        try (TestClient client = Clients.open(app, transport)) {
            for (int i = 1; i <= 3; i++) {
                TestResponse login = client.request("POST", "/login").send();
                assertThat(login.status()).isEqualTo(201);
                assertThat(login.header("RateLimit-Policy")).isEqualTo("3; w=60, 10; w=60");
                assertThat(login.header("RateLimit-Limit")).isEqualTo("3");
                assertThat(login.header("RateLimit-Remaining")).isEqualTo(Integer.toString(3 - i));
            }
            TestResponse refused = client.request("POST", "/login").send();
            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.header("RateLimit-Limit")).isEqualTo("3");
            assertThat(refused.header("RateLimit-Remaining")).isEqualTo("0");
            assertThat(refused.header("Retry-After")).isEqualTo("45");
            // the app's limit counted all four login attempts, and only the app's applies here
            TestResponse hello = client.get("/hello");
            assertThat(hello.header("RateLimit-Policy")).isEqualTo("10; w=60");
            assertThat(hello.header("RateLimit-Remaining")).isEqualTo("5");
        }
    }

    @Test
    void whenTheOuterLimitIsTighterItIsTheOneReported() {
        App app = App.builder()
                .routeHandlers(Route.post("/login", () -> "welcome")
                        .middleware(perMinute(3).name("login").middleware()))
                .rateLimit(perMinute(2))
                .build();
        try (TestClient client = TestClient.of(app)) {
            TestResponse first = client.request("POST", "/login").send();
            assertThat(first.header("RateLimit-Limit")).isEqualTo("2");
            assertThat(first.header("RateLimit-Remaining")).isEqualTo("1");
            client.request("POST", "/login").send();
            TestResponse refused = client.request("POST", "/login").send();
            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.header("RateLimit-Policy")).isEqualTo("2; w=60");
        }
    }

    @Test
    void limitsKeyByAHeaderFallingBackToTheAddress() {
        App app = App.builder()
                .routeHandlers(Route.get("/hello", () -> "hi"))
                .rateLimit(perMinute(1).key(RateLimitConfig.byHeader("x-api-key")))
                .build();
        try (TestClient client = TestClient.of(app)) {
            assertThat(withKey(client, "a").status()).isEqualTo(200);
            assertThat(withKey(client, "b").status()).isEqualTo(200);
            assertThat(withKey(client, "a").status()).isEqualTo(429);
            assertThat(client.get("/hello").status()).isEqualTo(200);
            assertThat(client.get("/hello").status()).isEqualTo(429);
            // a header value equal to the address is still a different client
            assertThat(withKey(client, "testclient").status()).isEqualTo(200);
        }
    }

    private static TestResponse withKey(TestClient client, String key) {
        return client.request("GET", "/hello").header("x-api-key", key).send();
    }

    /** Authenticates {@code Bearer ann} / {@code Bearer bob}; anyone else is refused. */
    static final class NameAuth extends AbstractAuthenticationMiddleware {
        @Override
        protected AuthenticationResult authenticate(HttpConnection connection) {
            String name = connection
                    .header("authorization")
                    .filter(value -> value.startsWith("Bearer "))
                    .map(value -> value.substring(7))
                    .orElseThrow(() -> new NotAuthorizedException("No token"));
            return new AuthenticationResult(name, "token");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aLimitInsideAuthenticationKeysByTheUser(Transport transport) {
        Router api = Router.builder("/api")
                .middleware(
                        new NameAuth(),
                        perMinute(2)
                                .key(RateLimitConfig.byUser(String::valueOf))
                                .middleware())
                .routeHandlers(Route.get("/me", (dev.rigel.http.Request request) -> {
                    Object user = request.user();
                    return String.valueOf(user);
                }))
                .build();
        try (TestClient client = Clients.open(App.builder().routeHandlers(api).build(), transport)) {
            assertThat(as(client, "ann").status()).isEqualTo(200);
            assertThat(as(client, "ann").status()).isEqualTo(200);
            assertThat(as(client, "ann").status()).isEqualTo(429);
            // same address, another user: a count of its own
            TestResponse bob = as(client, "bob");
            assertThat(bob.status()).isEqualTo(200);
            assertThat(bob.text()).isEqualTo("bob");
            assertThat(bob.header("RateLimit-Remaining")).isEqualTo("1");
            // refused by authentication before the limit counts anything
            assertThat(client.get("/api/me").status()).isEqualTo(401);
        }
    }

    private static TestResponse as(TestClient client, String user) {
        return client.request("GET", "/api/me")
                .header("authorization", "Bearer " + user)
                .send();
    }

    @Test
    void headersCanBeLeftOffButA429StillSaysWhenToRetry() {
        App app = App.builder()
                .routeHandlers(Route.get("/hello", () -> "hi"))
                .rateLimit(perMinute(1).headers(false))
                .build();
        try (TestClient client = TestClient.of(app)) {
            TestResponse ok = client.get("/hello");
            assertThat(ok.status()).isEqualTo(200);
            assertThat(ok.header("RateLimit-Policy")).isNull();
            assertThat(ok.header("RateLimit-Remaining")).isNull();
            TestResponse refused = client.get("/hello");
            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.header("RateLimit-Limit")).isNull();
            assertThat(refused.header("Retry-After")).isEqualTo("45");
        }
    }

    @Test
    void theRouteListNamesTheBuiltInsThatRunAndNotTheOverriddenOnes() {
        App app = appWithControllerOverride();
        Map<String, List<String>> names = new java.util.HashMap<>();
        for (HandlerInfo route : app.routes()) {
            names.put(route.pathTemplate(), route.middlewareNames());
        }
        assertThat(names.get("/hello")).containsExactly("RateLimitMiddleware(minute, 2)");
        assertThat(names.get("/bulk/items")).containsExactly("RateLimitMiddleware(minute, 5)");
    }

    @Test
    void aLimitOutsideAnAppSaysItNeedsOne() {
        RateLimitMiddleware limit = perMinute(1).middleware();
        assertThatThrownBy(() -> limit.wrap((scope, receive, send) -> {}))
                .isInstanceOf(ImproperlyConfiguredException.class)
                .hasMessageContaining("only an app can wrap it");
        assertThatThrownBy(() -> perMinute(1).name("no spaces"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rate-limit name");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aRoutersCompressionReplacesTheApps(Transport transport) {
        String body = "x".repeat(100); // under the app's minimum size, over the router's
        Router small = Router.builder("/small")
                .middleware(CompressionConfig.defaults().minimumSize(10).middleware())
                .routeHandlers(Route.get("/text", () -> body))
                .build();
        App app = App.builder()
                .routeHandlers(small, Route.get("/text", () -> body))
                .compression(CompressionConfig.defaults()
                        .algorithms(CompressionConfig.Algorithm.GZIP)
                        .minimumSize(1000))
                .build();
        try (TestClient client = Clients.open(app, transport)) {
            TestResponse outside = client.request("GET", "/text")
                    .header("accept-encoding", "gzip")
                    .send();
            assertThat(outside.header("content-encoding")).isNull();
            TestResponse inside = client.request("GET", "/small/text")
                    .header("accept-encoding", "gzip")
                    .send();
            assertThat(inside.header("content-encoding")).isEqualTo("gzip");
            assertThat(gunzip(inside.body())).isEqualTo(body);
        }
    }

    private static String gunzip(byte[] compressed) {
        try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(compressed))) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    final ListAppender<ILoggingEvent> lines = new ListAppender<>();

    @AfterEach
    void stopWatching() {
        for (String name : List.of("app.requests", "admin.requests")) {
            Logger logger = (Logger) LoggerFactory.getLogger(name);
            logger.detachAppender(lines);
            logger.setLevel(null);
        }
    }

    @Test
    void aRoutersLoggingReplacesTheAppsSoEachRequestIsLoggedOnce() {
        lines.start();
        for (String name : List.of("app.requests", "admin.requests")) {
            Logger logger = (Logger) LoggerFactory.getLogger(name);
            logger.setLevel(ch.qos.logback.classic.Level.DEBUG);
            logger.addAppender(lines);
        }
        Router admin = Router.builder("/admin")
                .middleware(
                        LoggingConfig.defaults().loggerName("admin.requests").middleware())
                .routeHandlers(Route.get("/stats", () -> "stats"))
                .build();
        App app = App.builder()
                .routeHandlers(admin, Route.get("/hello", () -> "hi"))
                .logging(LoggingConfig.defaults().loggerName("app.requests"))
                .build();
        try (TestClient client = TestClient.of(app)) {
            client.get("/hello");
            client.get("/admin/stats");
        }
        assertThat(lines.list)
                .extracting(ILoggingEvent::getLoggerName)
                .containsExactly("app.requests", "admin.requests");
    }
}
