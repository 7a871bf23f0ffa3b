package dev.rigel.di;

import static dev.rigel.testing.support.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rigel.App;
import dev.rigel.Route;
import dev.rigel.exceptions.NotFoundException;
import dev.rigel.exceptions.ServiceUnavailableException;
import dev.rigel.http.Response;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.TestResponse;
import dev.rigel.testing.support.Clients;
import dev.rigel.testing.support.Transport;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Scoped dependencies (Litestar's generator dependencies): cleanups run after the handler and after
 * the response is built, in reverse order, and learn whether the request failed.
 */
class ScopedDependencyTest {

    /** What happened on the server, in order; written from request threads. */
    static final List<String> EVENTS = new CopyOnWriteArrayList<>();

    @BeforeEach
    void clearEvents() {
        EVENTS.clear();
    }

    static String describe(Outcome outcome) {
        return (outcome.failed()
                        ? "failed with "
                                + outcome.error().orElseThrow().getClass().getSimpleName()
                        : "success")
                + " " + outcome.status();
    }

    static Scoped<String> outer() {
        EVENTS.add("open outer");
        return Scoped.of("outer", outcome -> EVENTS.add("close outer: " + describe(outcome)));
    }

    static Scoped<String> inner(String outer) {
        EVENTS.add("open inner");
        return Scoped.of("inner(" + outer + ")", outcome -> EVENTS.add("close inner: " + describe(outcome)));
    }

    static Scoped<String> fragile() {
        EVENTS.add("open fragile");
        return Scoped.of("fragile", outcome -> {
            EVENTS.add("close fragile: " + describe(outcome));
            throw new IllegalStateException("cleanup failed");
        });
    }

    static String exploding(String outer) {
        EVENTS.add("exploding");
        throw new ServiceUnavailableException("cannot connect");
    }

    static String handle(String inner, String mode) {
        EVENTS.add("handler got " + inner);
        return switch (mode) {
            case "fail" -> throw new IllegalStateException("handler failed");
            case "missing" -> throw new NotFoundException("no such thing");
            default -> "ok";
        };
    }

    static String handleFragile(String outer, String fragile, String mode) {
        EVENTS.add("handler got " + outer + " and " + fragile);
        if (mode.equals("missing")) {
            throw new NotFoundException("no such thing");
        }
        return "ok";
    }

    static String handleExploding(String exploding) {
        EVENTS.add("handler");
        return exploding;
    }

    static App app() {
        return App.builder()
                .dependency("outer", Provide.of(ScopedDependencyTest::outer))
                .dependency("inner", Provide.of(ScopedDependencyTest::inner))
                .dependency("fragile", Provide.of(ScopedDependencyTest::fragile))
                .dependency("exploding", Provide.of(ScopedDependencyTest::exploding))
                .afterRequest(response -> {
                    EVENTS.add("after_request");
                    return response;
                })
                .routeHandlers(
                        Route.get("/scoped", ScopedDependencyTest::handle),
                        Route.get("/fragile", ScopedDependencyTest::handleFragile),
                        Route.get("/exploding", ScopedDependencyTest::handleExploding))
                .build();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void cleanupsRunAfterTheHandlerAndTheResponseInReverseOrderOnSuccess(Transport transport) {
        try (TestClient client = Clients.open(app(), transport)) {
            TestResponse response = client.get("/scoped?mode=ok");
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.text()).isEqualTo("ok");
            eventually(() -> assertThat(EVENTS)
                    .containsExactly(
                            "open outer",
                            "open inner",
                            "handler got inner(outer)",
                            "after_request",
                            "close inner: success 200",
                            "close outer: success 200"));
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void cleanupsLearnThatTheHandlerFailed(Transport transport) {
        try (TestClient client = Clients.open(app(), transport)) {
            TestResponse crashed = client.get("/scoped?mode=fail");
            assertThat(crashed.status()).isEqualTo(500);
            eventually(() -> assertThat(EVENTS)
                    .containsExactly(
                            "open outer",
                            "open inner",
                            "handler got inner(outer)",
                            "close inner: failed with IllegalStateException 500",
                            "close outer: failed with IllegalStateException 500"));

            EVENTS.clear();
            TestResponse missing = client.get("/scoped?mode=missing");
            assertThat(missing.status()).isEqualTo(404);
            assertThat(missing.jsonMap()).containsEntry("detail", "no such thing");
            eventually(() -> assertThat(EVENTS)
                    .containsExactly(
                            "open outer",
                            "open inner",
                            "handler got inner(outer)",
                            "close inner: failed with NotFoundException 404",
                            "close outer: failed with NotFoundException 404"));
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aFailingCleanupTurnsASuccessInto500AndTheOtherCleanupsStillRunKnowingIt(Transport transport) {
        try (TestClient client = Clients.open(app(), transport)) {
            TestResponse response = client.get("/fragile?mode=ok");
            assertThat(response.status()).isEqualTo(500);
            assertThat(response.jsonMap()).isEqualTo(Map.of("status_code", 500, "detail", "Internal Server Error"));
            eventually(() -> assertThat(EVENTS)
                    .containsExactly(
                            "open outer",
                            "open fragile",
                            "handler got outer and fragile",
                            "after_request",
                            "close fragile: success 200",
                            "close outer: failed with IllegalStateException 500"));
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aFailingCleanupDoesNotReplaceTheHandlersOwnFailure(Transport transport) {
        try (TestClient client = Clients.open(app(), transport)) {
            TestResponse response = client.get("/fragile?mode=missing");
            assertThat(response.status()).isEqualTo(404);
            assertThat(response.jsonMap()).containsEntry("detail", "no such thing");
            eventually(() -> assertThat(EVENTS)
                    .containsExactly(
                            "open outer",
                            "open fragile",
                            "handler got outer and fragile",
                            "close fragile: failed with NotFoundException 404",
                            "close outer: failed with NotFoundException 404"));
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void whenALaterProviderFailsTheEarlierScopedValuesAreCleanedUpAsFailed(Transport transport) {
        try (TestClient client = Clients.open(app(), transport)) {
            TestResponse response = client.get("/exploding");
            assertThat(response.status()).isEqualTo(503);
            assertThat(response.jsonMap()).containsEntry("detail", "cannot connect");
            eventually(() -> assertThat(EVENTS)
                    .containsExactly(
                            "open outer", "exploding", "close outer: failed with ServiceUnavailableException 503"));
        }
    }

    static String justFragile(String fragile) {
        EVENTS.add("handler");
        return fragile;
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aFailingCleanupIsRenderedThroughTheExceptionHandlers(Transport transport) {
        App app = App.builder()
                .dependency("fragile", Provide.of(ScopedDependencyTest::fragile))
                .exceptionHandler(
                        IllegalStateException.class,
                        (request, e) -> Response.of(Map.of("cleanup_error", e.getMessage()))
                                .status(409))
                .routeHandlers(Route.get("/fragile", ScopedDependencyTest::justFragile))
                .build();
        try (TestClient client = Clients.open(app, transport)) {
            TestResponse response = client.get("/fragile");
            assertThat(response.status()).isEqualTo(409);
            assertThat(response.jsonMap()).isEqualTo(Map.of("cleanup_error", "cleanup failed"));
            eventually(
                    () -> assertThat(EVENTS).containsExactly("open fragile", "handler", "close fragile: success 200"));
        }
    }

    static Scoped<String> lostAtCommit() {
        return Scoped.of("session", outcome -> {
            throw new ServiceUnavailableException("The database connection was lost; try again shortly");
        });
    }

    /**
     * Issue 21: a dependency that is down at cleanup (a connection lost at commit) is a 503 the
     * client may retry, and no ERROR line: it is an outage, not a bug.
     */
    @ParameterizedTest
    @EnumSource(Transport.class)
    void aCleanupFailingWith503IsAnsweredWithoutAnErrorLine(Transport transport) {
        App app = App.builder()
                .dependency("session", Provide.of(ScopedDependencyTest::lostAtCommit))
                .routeHandlers(Route.get("/commit", (String session) -> "read " + session))
                .build();
        ch.qos.logback.classic.Logger logger =
                (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("dev.rigel");
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> appender =
                new ch.qos.logback.core.read.ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try (TestClient client = Clients.open(app, transport)) {
            TestResponse response = client.get("/commit");
            assertThat(response.status()).isEqualTo(503);
            assertThat(response.jsonMap())
                    .containsEntry("detail", "The database connection was lost; try again shortly");
        } finally {
            logger.detachAppender(appender);
        }
        assertThat(appender.list)
                .noneMatch(event -> event.getLevel().isGreaterOrEqual(ch.qos.logback.classic.Level.ERROR));
    }

    static Object answer(String outer, int status) {
        EVENTS.add("handler got " + outer);
        return status >= 300 && status < 400
                ? dev.rigel.response.Redirect.to("/elsewhere").status(status)
                : Response.of("answer").status(status);
    }

    static String created(String outer) {
        EVENTS.add("handler got " + outer);
        return "created";
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void cleanupsLearnTheResponseStatus(Transport transport) {
        App app = App.builder()
                .dependency("outer", Provide.of(ScopedDependencyTest::outer))
                .routeHandlers(
                        Route.get("/answer/{status:int}", ScopedDependencyTest::answer),
                        Route.post("/created", ScopedDependencyTest::created))
                .build();
        try (TestClient client = Clients.open(app, transport)) {
            assertThat(client.post("/created", Map.of()).status()).isEqualTo(201);
            eventually(() ->
                    assertThat(EVENTS).containsExactly("open outer", "handler got outer", "close outer: success 201"));

            for (int status : new int[] {202, 303, 409, 503}) {
                EVENTS.clear();
                assertThat(client.get("/answer/" + status).status()).isEqualTo(status);
                // a status the handler chose is not a failure: only the status tells
                eventually(() -> assertThat(EVENTS)
                        .containsExactly("open outer", "handler got outer", "close outer: success " + status));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void cleanupsAfterAFailingOneLearnTheStatusItsExceptionWasRenderedWith(Transport transport) {
        App app = App.builder()
                .dependency("outer", Provide.of(ScopedDependencyTest::outer))
                .dependency("fragile", Provide.of(ScopedDependencyTest::fragile))
                .exceptionHandler(
                        IllegalStateException.class,
                        (request, e) -> Response.of(Map.of("cleanup_error", e.getMessage()))
                                .status(409))
                .routeHandlers(Route.get("/fragile", ScopedDependencyTest::handleFragile))
                .build();
        try (TestClient client = Clients.open(app, transport)) {
            assertThat(client.get("/fragile?mode=ok").status()).isEqualTo(409);
            eventually(() -> assertThat(EVENTS)
                    .containsExactly(
                            "open outer",
                            "open fragile",
                            "handler got outer and fragile",
                            "close fragile: success 200",
                            "close outer: failed with IllegalStateException 409"));
        }
    }

    public static final class Connection implements AutoCloseable {
        @Override
        public void close() {
            EVENTS.add("connection closed");
        }
    }

    static Scoped<Connection> connection() {
        EVENTS.add("connection opened");
        return Scoped.closing(new Connection());
    }

    static String useConnection(Connection connection) {
        EVENTS.add("handler");
        return connection.getClass().getSimpleName();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void scopedClosingClosesTheValueAfterTheRequest(Transport transport) {
        App app = App.builder()
                .dependency("connection", Provide.of(ScopedDependencyTest::connection))
                .routeHandlers(Route.get("/connection", ScopedDependencyTest::useConnection))
                .build();
        try (TestClient client = Clients.open(app, transport)) {
            assertThat(client.get("/connection").text()).isEqualTo("Connection");
            eventually(() -> assertThat(EVENTS).containsExactly("connection opened", "handler", "connection closed"));
        }
    }

    /** Jackson cannot encode this: reading its only property fails. */
    public static final class Unencodable {
        public String getValue() {
            throw new UnsupportedOperationException("not today");
        }
    }

    static Unencodable unencodable(String outer) {
        EVENTS.add("handler got " + outer);
        return new Unencodable();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aFailureWhileBuildingTheResponseCountsAsAFailedRequest(Transport transport) {
        App app = App.builder()
                .dependency("outer", Provide.of(ScopedDependencyTest::outer))
                .routeHandlers(Route.get("/unencodable", ScopedDependencyTest::unencodable))
                .build();
        try (TestClient client = Clients.open(app, transport)) {
            TestResponse response = client.get("/unencodable");
            assertThat(response.status()).isEqualTo(500);
            assertThat(response.jsonMap()).isEqualTo(Map.of("status_code", 500, "detail", "Internal Server Error"));
            eventually(() -> assertThat(EVENTS)
                    .containsExactly(
                            "open outer", "handler got outer", "close outer: failed with IllegalStateException 500"));
        }
    }
}
