package dev.rigel.exceptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rigel.App;
import dev.rigel.Route;
import dev.rigel.annotation.Get;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.TestResponse;
import dev.rigel.testing.support.Clients;
import dev.rigel.testing.support.Transport;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** HttpException and its family become standard error responses; anything else is a 500 that hides its cause. */
class ExceptionsTest {

    /** What a route throws, and the status, body and headers the client must see. */
    record Case(Supplier<RuntimeException> raise, int status, String body, Map<String, String> headers) {}

    static final Map<String, Case> CASES = new LinkedHashMap<>();

    static {
        CASES.put(
                "client",
                new Case(
                        () -> new ClientException("Bad input"),
                        400,
                        "{\"status_code\":400,\"detail\":\"Bad input\"}",
                        Map.of()));
        CASES.put(
                "client-extra",
                new Case(
                        () -> new ClientException("Bad input", List.of("a", "b")),
                        400,
                        "{\"status_code\":400,\"detail\":\"Bad input\",\"extra\":[\"a\",\"b\"]}",
                        Map.of()));
        CASES.put(
                "validation",
                new Case(
                        () -> new ValidationException(
                                "Invalid filter", List.of(new ValidationError("sort", "unknown column", "query"))),
                        400,
                        "{\"status_code\":400,\"detail\":\"Invalid filter\",\"extra\":[{\"key\":\"sort\",\"message\":\"unknown "
                                + "column\",\"source\":\"query\"}]}",
                        Map.of()));
        CASES.put(
                "validation-empty",
                new Case(
                        () -> new ValidationException("Invalid"),
                        400,
                        "{\"status_code\":400,\"detail\":\"Invalid\"}",
                        Map.of()));
        CASES.put(
                "unauthorized",
                new Case(
                        () -> new NotAuthorizedException(null, Map.of("WWW-Authenticate", "Bearer"), null),
                        401,
                        "{\"status_code\":401,\"detail\":\"Unauthorized\"}",
                        Map.of("www-authenticate", "Bearer")));
        CASES.put(
                "forbidden",
                new Case(
                        () -> new PermissionDeniedException("Admins only"),
                        403,
                        "{\"status_code\":403,\"detail\":\"Admins only\"}",
                        Map.of()));
        CASES.put(
                "not-found",
                new Case(
                        () -> new NotFoundException("User 42 not found"),
                        404,
                        "{\"status_code\":404,\"detail\":\"User 42 not found\"}",
                        Map.of()));
        CASES.put(
                "not-found-extra",
                new Case(
                        () -> new NotFoundException("", Map.of("id", 42)),
                        404,
                        "{\"status_code\":404,\"detail\":\"Not Found\",\"extra\":{\"id\":42}}",
                        Map.of()));
        CASES.put(
                "method",
                new Case(
                        () -> new MethodNotAllowedException(Set.of("POST", "GET")),
                        405,
                        "{\"status_code\":405,\"detail\":\"Method Not Allowed\"}",
                        Map.of("allow", "GET, POST")));
        CASES.put(
                "too-large",
                new Case(
                        RequestEntityTooLargeException::new,
                        413,
                        "{\"status_code\":413,\"detail\":\"Request Entity Too Large\"}",
                        Map.of()));
        CASES.put(
                "too-many",
                new Case(
                        () -> new TooManyRequestsException("Slow down", Map.of("Retry-After", "30"), null),
                        429,
                        "{\"status_code\":429,\"detail\":\"Slow down\"}",
                        Map.of("retry-after", "30")));
        CASES.put(
                "internal",
                new Case(
                        () -> new InternalServerException("Database unreachable"),
                        500,
                        "{\"status_code\":500,\"detail\":\"Database unreachable\"}",
                        Map.of()));
        CASES.put(
                "unavailable",
                new Case(
                        () -> new ServiceUnavailableException(
                                " ", Map.of("Retry-After", "120"), Map.of("maintenance", true)),
                        503,
                        "{\"status_code\":503,\"detail\":\"Service Unavailable\",\"extra\":{\"maintenance\":true}}",
                        Map.of("retry-after", "120")));
        CASES.put(
                "conflict",
                new Case(
                        () -> new HttpException(409, "Email taken"),
                        409,
                        "{\"status_code\":409,\"detail\":\"Email taken\"}",
                        Map.of()));
        CASES.put(
                "conflict-class",
                new Case(
                        () -> new ConflictException("Email taken", Map.of("constraint", "uk_email")),
                        409,
                        "{\"status_code\":409,\"detail\":\"Email taken\",\"extra\":{\"constraint\":\"uk_email\"}}",
                        Map.of()));
        CASES.put(
                "conflict-empty",
                new Case(
                        () -> new HttpException(409, ""),
                        409,
                        "{\"status_code\":409,\"detail\":\"Conflict\"}",
                        Map.of()));
        CASES.put(
                "gateway",
                new Case(
                        () -> new HttpException(502),
                        502,
                        "{\"status_code\":502,\"detail\":\"Bad Gateway\"}",
                        Map.of()));
    }

    static final String INTERNAL_ERROR = "{\"status_code\":500,\"detail\":\"Internal Server Error\"}";

    public static class Failing {
        @Get("/raise/{kind}")
        public String raise(String kind) {
            throw CASES.get(kind).raise().get();
        }

        @Get("/bug")
        public String bug() {
            throw new IllegalStateException("secret connection string postgres://admin:hunter2@db");
        }

        @Get("/checked")
        public String checked() throws IOException {
            throw new IOException("disk on fire");
        }

        @Get("/error")
        public String error() {
            throw new AssertionError("invariant broken");
        }

        @Get("/html")
        public String html() {
            throw new IllegalArgumentException("<script>alert('x')</script> & more");
        }
    }

    static final App APP = App.builder()
            .routeHandlers(Failing.class, Route.get("/lambda-bug", () -> {
                throw new UnsupportedOperationException("lambda secret");
            }))
            .build();

    static final App DEBUG_APP =
            App.builder().debug(true).routeHandlers(Failing.class).build();

    @ParameterizedTest
    @EnumSource(Transport.class)
    void everyHttpExceptionGivesItsStatusBodyAndHeaders(Transport transport) {
        try (TestClient client = Clients.open(APP, transport)) {
            CASES.forEach((kind, expected) -> {
                TestResponse response = client.get("/raise/" + kind);
                assertThat(response.status()).as(kind).isEqualTo(expected.status());
                assertThat(response.header("content-type")).as(kind).isEqualTo("application/json");
                assertThat(response.text()).as(kind).isEqualTo(expected.body());
                expected.headers()
                        .forEach((name, value) -> assertThat(response.header(name))
                                .as("%s header %s", kind, name)
                                .isEqualTo(value));
            });
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void anyOtherExceptionIsA500ThatHidesItsCause(Transport transport) {
        try (TestClient client = Clients.open(APP, transport)) {
            for (String path : new String[] {"/bug", "/checked", "/error", "/lambda-bug"}) {
                TestResponse response = client.get(path);
                assertThat(response.status()).as(path).isEqualTo(500);
                assertThat(response.header("content-type")).as(path).isEqualTo("application/json");
                assertThat(response.text()).as(path).isEqualTo(INTERNAL_ERROR);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void theHiddenCauseIsLoggedWithItsStackTrace(Transport transport) {
        ch.qos.logback.classic.Logger logger =
                (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("dev.rigel.errors");
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> appender =
                new ch.qos.logback.core.read.ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try (TestClient client = Clients.open(APP, transport)) {
            assertThat(client.get("/bug").status()).isEqualTo(500);
        } finally {
            logger.detachAppender(appender);
        }
        assertThat(appender.list).anySatisfy(event -> {
            assertThat(event.getLevel()).isEqualTo(ch.qos.logback.classic.Level.ERROR);
            assertThat(event.getFormattedMessage()).contains("GET /bug");
            assertThat(event.getThrowableProxy().getClassName()).isEqualTo("java.lang.IllegalStateException");
            assertThat(event.getThrowableProxy().getStackTraceElementProxyArray())
                    .isNotEmpty();
        });
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void debugModeAnswersWithTheTraceAsJsonByDefault(Transport transport) {
        try (TestClient client = Clients.open(DEBUG_APP, transport)) {
            for (TestResponse response : List.of(
                    client.get("/bug"),
                    client.request("GET", "/bug")
                            .header("accept", "application/json")
                            .send())) {
                assertThat(response.status()).isEqualTo(500);
                assertThat(response.header("content-type")).isEqualTo("application/json");
                JsonNode body = response.json();
                assertThat(body.get("status_code").asInt()).isEqualTo(500);
                assertThat(body.get("detail").asText())
                        .isEqualTo(
                                "java.lang.IllegalStateException: secret connection string postgres://admin:hunter2@db");
                assertThat(body.get("extra").get("exception").asText()).isEqualTo("java.lang.IllegalStateException");
                List<String> trace = new java.util.ArrayList<>();
                body.get("extra").get("stack_trace").forEach(line -> trace.add(line.asText()));
                assertThat(trace.get(0)).startsWith("java.lang.IllegalStateException: secret connection string");
                assertThat(trace).anySatisfy(line -> assertThat(line).contains("ExceptionsTest$Failing.bug"));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void debugModeAnswersWithHtmlForBrowsers(Transport transport) {
        try (TestClient client = Clients.open(DEBUG_APP, transport)) {
            TestResponse response = client.request("GET", "/html")
                    .header("accept", "text/html,application/xhtml+xml,*/*;q=0.8")
                    .send();

            assertThat(response.status()).isEqualTo(500);
            assertThat(response.header("content-type")).isEqualTo("text/html; charset=utf-8");
            assertThat(response.text())
                    .startsWith("<!doctype html>")
                    .contains("<h1>500 Internal Server Error</h1>")
                    .contains("java.lang.IllegalArgumentException: &lt;script&gt;alert('x')&lt;/script&gt; &amp; more")
                    .contains("ExceptionsTest$Failing.html")
                    .doesNotContain("<script>");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void debugModeAnswersWithPlainTextWhenAsked(Transport transport) {
        try (TestClient client = Clients.open(DEBUG_APP, transport)) {
            TestResponse response = client.request("GET", "/checked")
                    .header("accept", "text/plain")
                    .send();

            assertThat(response.status()).isEqualTo(500);
            assertThat(response.header("content-type")).isEqualTo("text/plain; charset=utf-8");
            assertThat(response.text())
                    .startsWith("java.io.IOException: disk on fire")
                    .contains("ExceptionsTest$Failing.checked");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void debugModeLeavesHttpExceptionsAlone(Transport transport) {
        try (TestClient client = Clients.open(DEBUG_APP, transport)) {
            assertThat(client.get("/raise/not-found").text())
                    .isEqualTo(CASES.get("not-found").body());
            assertThat(client.get("/raise/internal").text())
                    .isEqualTo(CASES.get("internal").body());
            assertThat(client.get("/nowhere").text()).isEqualTo("{\"status_code\":404,\"detail\":\"Not Found\"}");
        }
    }

    @Test
    void httpExceptionsCarryA4xxOr5xxStatus() {
        assertThatThrownBy(() -> new HttpException(302, "Found"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("302");
        assertThatThrownBy(() -> new HttpException(600)).isInstanceOf(IllegalArgumentException.class);
        HttpException exception = new NotFoundException(null);
        assertThat(exception.statusCode()).isEqualTo(404);
        assertThat(exception.detail()).isEqualTo("Not Found");
        assertThat(exception.getMessage()).isEqualTo("Not Found");
        assertThat(exception.headers()).isEmpty();
        assertThat(exception.extra()).isNull();
        assertThat(exception).hasToString("NotFoundException(404, Not Found)");
    }

    @Test
    void theFamilyIsAHierarchy() {
        assertThat(new NotFoundException()).isInstanceOf(ClientException.class);
        assertThat(new ValidationException("x")).isInstanceOf(ClientException.class);
        assertThat(new TooManyRequestsException()).isInstanceOf(ClientException.class);
        assertThat(new ConflictException()).isInstanceOf(ClientException.class);
        assertThat(new ConflictException().detail()).isEqualTo("Conflict");
        assertThat(new ServiceUnavailableException())
                .isNotInstanceOf(ClientException.class)
                .isInstanceOf(HttpException.class);
        assertThat(new InternalServerException().statusCode()).isEqualTo(500);
        assertThat(new ValidationException("x").errors()).isEmpty();
        assertThat(ValidationException.forRequest("POST", "/api/v1/users", List.of())
                        .detail())
                .isEqualTo("Validation failed for POST /api/v1/users");
    }
}
