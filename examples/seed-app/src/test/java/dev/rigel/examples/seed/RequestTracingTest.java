package dev.rigel.examples.seed;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.rigel.App;
import dev.rigel.netty.RigelServer;
import dev.rigel.netty.ServerConfig;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.TestResponse;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;

/** The seed's request tracing: trace ids in and out, one request_complete line per request. */
class RequestTracingTest {

    enum Transport {
        IN_PROCESS,
        REAL_SERVER
    }

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private Logger logger;

    @BeforeEach
    void captureLogs() {
        logger = (Logger) LoggerFactory.getLogger("seed.requests");
        logger.setLevel(ch.qos.logback.classic.Level.INFO);
        logs.start();
        logger.addAppender(logs);
    }

    @AfterEach
    void releaseLogs() {
        logger.detachAppender(logs);
    }

    private static TestClient open(Transport transport) {
        App app = SeedApp.create(SeedSettings.defaults().withApiToken("t").withRateLimit("minute,100000"));
        if (transport == Transport.IN_PROCESS) {
            return TestClient.of(app).defaultHeader("Authorization", "Bearer t");
        }
        RigelServer server = new RigelServer(app, ServerConfig.builder().port(0).build()).start();
        return TestClient.overHttp(app, URI.create(server.url()), server::stop)
                .defaultHeader("Authorization", "Bearer t");
    }

    private Map<String, Object> lastLine() {
        // the log line is written after the response went out; give a real server a moment
        for (int i = 0; i < 100 && logs.list.isEmpty(); i++) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        assertThat(logs.list).isNotEmpty();
        ILoggingEvent event = logs.list.get(logs.list.size() - 1);
        assertThat(event.getMessage()).isEqualTo("request_complete");
        return event.getKeyValuePairs().stream().collect(Collectors.toMap(kv -> kv.key, kv -> kv.value));
    }

    @org.junit.jupiter.api.Test
    void newTraceIdsAreVersion4UuidsAndDistinct() {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String id = RequestTracingMiddleware.newTraceId();
            java.util.UUID uuid = java.util.UUID.fromString(id);
            assertThat(uuid.version()).isEqualTo(4);
            assertThat(uuid.variant()).isEqualTo(2);
            seen.add(id);
        }
        assertThat(seen).hasSize(1000);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aRequestGetsATraceIdEchoedAndLogged(Transport transport) {
        try (TestClient client = open(transport)) {
            TestResponse response = client.get("/api/v1/users/1");
            String traceId = response.header("x-trace-id");
            assertThat(traceId).matches("[0-9a-f-]{36}");
            Map<String, Object> line = lastLine();
            assertThat(line)
                    .containsEntry("trace_id", traceId)
                    .containsEntry("method", "GET")
                    .containsEntry("path", "/api/v1/users/1")
                    .containsEntry("status", 200)
                    .containsKey("duration_ms");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aClientTraceIdIsKeptButGarbageIsReplaced(Transport transport) {
        try (TestClient client = open(transport)) {
            TestResponse kept = client.request("GET", "/api/v1/users")
                    .header("x-trace-id", "abc-123.XYZ_9")
                    .send();
            assertThat(kept.header("x-trace-id")).isEqualTo("abc-123.XYZ_9");
            TestResponse replaced = client.request("GET", "/api/v1/users")
                    .header("x-trace-id", "evil value; with spaces" + "x".repeat(300))
                    .send();
            assertThat(replaced.header("x-trace-id")).matches("[0-9a-f-]{36}");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void errorsAndUnmatchedRoutesAreTracedButHealthIsNot(Transport transport) {
        try (TestClient client = open(transport)) {
            TestResponse unauthorized = client.request("GET", "/api/v1/users")
                    .header("Authorization", "Bearer no")
                    .send();
            assertThat(unauthorized.status()).isEqualTo(401);
            assertThat(unauthorized.header("x-trace-id")).isNotNull();
            assertThat(lastLine()).containsEntry("status", 401);

            // over a socket the 404's line may come after its response; wait for it, not the 401's
            logs.list.clear();
            TestResponse missing = client.get("/no/such/page");
            assertThat(missing.status()).isEqualTo(404);
            assertThat(missing.header("x-trace-id")).isNotNull();
            assertThat(lastLine()).containsEntry("status", 404).containsEntry("path", "/no/such/page");

            logs.list.clear();
            TestResponse health = client.get("/health");
            assertThat(health.header("x-trace-id")).isNull();
            assertThat(client.get("/plaintext").header("x-trace-id")).isNull();
            List<ILoggingEvent> after = List.copyOf(logs.list);
            assertThat(after).isEmpty();
        }
    }
}
