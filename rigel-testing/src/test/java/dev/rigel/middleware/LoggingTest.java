package dev.rigel.middleware;

import static dev.rigel.testing.support.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.rigel.App;
import dev.rigel.Route;
import dev.rigel.http.Response;
import dev.rigel.middleware.logging.LoggingConfig;
import dev.rigel.middleware.logging.LoggingConfig.RequestField;
import dev.rigel.middleware.logging.LoggingConfig.ResponseField;
import dev.rigel.middleware.ratelimit.RateLimitConfig;
import dev.rigel.middleware.ratelimit.RateLimitConfig.Unit;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.support.Clients;
import dev.rigel.testing.support.Transport;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;
import org.slf4j.event.KeyValuePair;
import org.slf4j.event.Level;

/** The built-in request logging: one structured line per request, secrets obfuscated. */
class LoggingTest {

    final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    final List<Logger> watched = new java.util.ArrayList<>();

    @BeforeEach
    void capture() {
        lines.start();
        watch(LoggingConfig.DEFAULT_LOGGER_NAME);
        watch("audit.requests");
    }

    void watch(String name) {
        Logger logger = (Logger) LoggerFactory.getLogger(name);
        logger.setLevel(ch.qos.logback.classic.Level.DEBUG);
        logger.addAppender(lines);
        watched.add(logger);
    }

    @AfterEach
    void release() {
        watched.forEach(logger -> {
            logger.detachAppender(lines);
            logger.setLevel(null);
        });
    }

    static Response<String> login() {
        return Response.of("welcome")
                .cookie("session", "s3cr3t-session")
                .cookie("theme", "dark")
                .header("x-powered-by", "rigel");
    }

    static App app(LoggingConfig config) {
        return App.builder()
                .routeHandlers(
                        Route.get("/hello", () -> "hi"),
                        Route.get("/login", LoggingTest::login),
                        Route.get("/boom", () -> {
                            throw new IllegalStateException("boom");
                        }))
                .logging(config)
                .build();
    }

    ILoggingEvent onlyLine() {
        eventually(() -> assertThat(lines.list).hasSize(1));
        return lines.list.get(0);
    }

    static Map<String, Object> fields(ILoggingEvent line) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (KeyValuePair pair : line.getKeyValuePairs()) {
            fields.put(pair.key, pair.value);
        }
        return fields;
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void logsOneLineWithTheDefaultFields(Transport transport) {
        try (TestClient client = Clients.open(app(LoggingConfig.defaults()), transport)) {
            assertThat(client.get("/hello?name=ada").text()).isEqualTo("hi");
            ILoggingEvent line = onlyLine();
            assertThat(line.getLoggerName()).isEqualTo("dev.rigel.requests");
            assertThat(line.getLevel()).isEqualTo(ch.qos.logback.classic.Level.INFO);
            assertThat(line.getMessage()).isEqualTo("HTTP request");
            Map<String, Object> fields = fields(line);
            assertThat(fields).containsOnlyKeys("method", "path", "query", "client", "status", "duration_ms");
            assertThat(fields)
                    .containsEntry("method", "GET")
                    .containsEntry("path", "/hello")
                    .containsEntry("query", "name=ada")
                    .containsEntry("status", 200);
            assertThat(fields.get("client")).isEqualTo(transport == Transport.IN_PROCESS ? "testclient" : "127.0.0.1");
            assertThat((Double) fields.get("duration_ms")).isGreaterThanOrEqualTo(0.0);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void tokensInTheQueryAreNotLogged(Transport transport) {
        try (TestClient client = Clients.open(app(LoggingConfig.defaults()), transport)) {
            client.get("/hello?token=eyJ.secret.sig&name=ada&access_token=abc&tokens=x");
            assertThat(fields(onlyLine())).containsEntry("query", "token=*****&name=ada&access_token=*****&tokens=x");
        }
        lines.list.clear();
        try (TestClient client =
                Clients.open(app(LoggingConfig.defaults().obfuscateQueryParameters("sig")), transport)) {
            client.get("/hello?a=1&sig=zzz&sig=yyy&token=t");
            assertThat(fields(onlyLine())).containsEntry("query", "a=1&sig=*****&sig=*****&token=t");
        }
    }

    @Test
    void unmatchedRoutesErrorsAndRefusalsAreLoggedWithTheirStatus() {
        App app = App.builder()
                .routeHandlers(Route.get("/hello", () -> "hi"), Route.get("/boom", () -> {
                    throw new IllegalStateException("boom");
                }))
                .logging(LoggingConfig.defaults().responseFields(ResponseField.STATUS))
                .rateLimit(RateLimitConfig.of(Unit.HOUR, 2)
                        .exclude("^/hello$")
                        .clock(java.time.InstantSource.fixed(java.time.Instant.parse("2026-03-01T10:20:15Z"))))
                .build();
        try (TestClient client = TestClient.of(app).raiseServerExceptions(false)) {
            client.get("/nowhere");
            client.get("/boom");
            client.request("POST", "/hello").send();
            client.get("/nowhere");
        }
        assertThat(lines.list).extracting(line -> fields(line).get("status")).containsExactly(404, 500, 405, 429);
    }

    @Test
    void secretsAreObfuscatedByDefault() {
        LoggingConfig config = LoggingConfig.defaults()
                .requestFields(RequestField.HEADERS, RequestField.COOKIES)
                .responseFields(ResponseField.HEADERS, ResponseField.COOKIES);
        try (TestClient client = TestClient.of(app(config))) {
            client.request("GET", "/login")
                    .header("Authorization", "Bearer top-secret")
                    .header("X-API-Key", "key-123")
                    .header("User-Agent", "tests")
                    .header("Cookie", "session=abc; csrftoken=tok; theme=light")
                    .send();
        }
        Map<String, Object> fields = fields(onlyLine());
        @SuppressWarnings("unchecked")
        Map<String, String> requestHeaders = (Map<String, String>) fields.get("request_headers");
        assertThat(requestHeaders)
                .containsEntry("authorization", "*****")
                .containsEntry("x-api-key", "*****")
                .containsEntry("user-agent", "tests")
                .containsEntry("cookie", "session=*****; csrftoken=*****; theme=light");
        assertThat(fields.get("request_cookies"))
                .isEqualTo(Map.of("session", "*****", "csrftoken", "*****", "theme", "light"));
        @SuppressWarnings("unchecked")
        Map<String, String> responseHeaders = (Map<String, String>) fields.get("response_headers");
        assertThat(responseHeaders.get("set-cookie"))
                .contains("session=*****")
                .contains("theme=dark")
                .doesNotContain("s3cr3t");
        assertThat(responseHeaders).containsEntry("x-powered-by", "rigel");
        assertThat(fields.get("response_cookies")).isEqualTo(Map.of("session", "*****", "theme", "dark"));
        assertThat(fields.toString()).doesNotContain("top-secret", "key-123", "=abc", "=tok", "s3cr3t");
    }

    @Test
    void fieldsHeadersObfuscationLoggerAndLevelAreConfigurable() {
        LoggingConfig config = LoggingConfig.defaults()
                .loggerName("audit.requests")
                .level(Level.DEBUG)
                .requestFields(RequestField.METHOD, RequestField.SCHEME, RequestField.HTTP_VERSION)
                .requestHeaders("User-Agent", "Authorization")
                .responseFields(ResponseField.STATUS)
                .responseHeaders("content-type")
                .obfuscateHeaders("user-agent")
                .obfuscateCookies("theme");
        try (TestClient client = TestClient.of(app(config))) {
            client.request("GET", "/login")
                    .header("Authorization", "Bearer visible-now")
                    .header("User-Agent", "tests")
                    .header("Accept", "*/*")
                    .send();
        }
        ILoggingEvent line = onlyLine();
        assertThat(line.getLoggerName()).isEqualTo("audit.requests");
        assertThat(line.getLevel()).isEqualTo(ch.qos.logback.classic.Level.DEBUG);
        Map<String, Object> fields = fields(line);
        assertThat(fields)
                .containsOnlyKeys("method", "scheme", "http_version", "request_headers", "status", "response_headers");
        assertThat(fields.get("request_headers"))
                .isEqualTo(Map.of("user-agent", "*****", "authorization", "Bearer visible-now"));
        assertThat(fields.get("response_headers")).isEqualTo(Map.of("content-type", "text/plain; charset=utf-8"));
        assertThat(fields).containsEntry("scheme", "http").containsEntry("http_version", "1.1");
    }

    @Test
    void excludedPathsAndDisabledLevelsLogNothing() {
        LoggingConfig config = LoggingConfig.defaults().exclude("^/hello$").level(Level.TRACE);
        try (TestClient client = TestClient.of(app(LoggingConfig.defaults().exclude("^/hello$")))) {
            client.get("/hello");
            assertThat(lines.list).isEmpty();
            client.get("/login");
            assertThat(lines.list).hasSize(1);
        }
        lines.list.clear();
        try (TestClient client = TestClient.of(app(config))) {
            client.get("/login"); // TRACE is below the logger's DEBUG
        }
        assertThat(lines.list).isEmpty();
    }
}
