package dev.rigel.otel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigel.App;
import dev.rigel.Route;
import dev.rigel.annotation.Get;
import dev.rigel.exceptions.NotFoundException;
import dev.rigel.response.Stream;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.TestResponse;
import dev.rigel.testing.support.Clients;
import dev.rigel.testing.support.Transport;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Server spans per request with W3C trace context, checked with the SDK's in-memory exporter. */
class OpenTelemetryPluginTest {

    static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    static final String PARENT_ID = "00f067aa0ba902b7";

    InMemorySpanExporter exporter;
    OpenTelemetrySdk sdk;

    public class Handlers {
        @Get("/users/{user_id:int}")
        public Map<String, Object> user(int userId) {
            if (userId == 0) {
                throw new NotFoundException();
            }
            Tracer tracer = sdk.getTracer("app");
            Span child = tracer.spanBuilder("load user").startSpan();
            child.end();
            return Map.of("id", userId, "trace", Span.current().getSpanContext().getTraceId());
        }

        @Get("/boom")
        public String boom() {
            throw new IllegalStateException("kaputt");
        }

        @dev.rigel.annotation.WebSocket("/ws")
        public void socket(dev.rigel.websocket.WebSocketConnection socket) {
            socket.accept();
            socket.sendText("hello");
            socket.close(4001, "done");
        }

        @Get("/stream")
        public Stream stream() {
            return Stream.of(List.of("a", "b", "c")).mediaType("text/plain");
        }
    }

    @BeforeEach
    void sdk() {
        exporter = InMemorySpanExporter.create();
        sdk = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder()
                        .addSpanProcessor(SimpleSpanProcessor.create(exporter))
                        .build())
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
                .build();
    }

    @AfterEach
    void close() {
        sdk.close();
    }

    private App app() {
        return App.builder()
                .plugins(OpenTelemetryPlugin.builder(sdk).exclude("^/health$").build())
                .routeHandlers(new Handlers(), Route.get("/health", () -> "ok"))
                .build();
    }

    /** The server spans exported so far; spans end after the response, so wait briefly for them. */
    private List<SpanData> serverSpans(int expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        List<SpanData> spans;
        do {
            spans = exporter.getFinishedSpanItems().stream()
                    .filter(span -> span.getKind() == SpanKind.SERVER)
                    .toList();
            if (spans.size() >= expected) {
                return spans;
            }
            Thread.sleep(10);
        } while (System.nanoTime() < deadline);
        return spans;
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aServerSpanContinuesTheCallersTraceAndParentsTheHandlersSpans(Transport transport) throws Exception {
        try (TestClient client = Clients.open(app(), transport)) {
            TestResponse response = client.request("GET", "/users/7?expand=1&access_token=secret&sig=abc")
                    .header("traceparent", "00-" + TRACE_ID + "-" + PARENT_ID + "-01")
                    .header("tracestate", "vendor=value")
                    .header("user-agent", "rigel-test")
                    .send();
            assertThat(response.jsonMap()).containsEntry("trace", TRACE_ID);

            SpanData server = serverSpans(1).get(0);
            assertThat(server.getName()).isEqualTo("GET /users/{user_id:int}");
            assertThat(server.getTraceId()).isEqualTo(TRACE_ID);
            assertThat(server.getParentSpanId()).isEqualTo(PARENT_ID);
            assertThat(server.getParentSpanContext().isRemote()).isTrue();
            assertThat(server.getSpanContext().getTraceState().get("vendor")).isEqualTo("value");
            assertThat(server.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
            var attributes = server.getAttributes();
            assertThat(attributes.get(AttributeKey.stringKey("http.request.method")))
                    .isEqualTo("GET");
            assertThat(attributes.get(AttributeKey.stringKey("http.route"))).isEqualTo("/users/{user_id:int}");
            assertThat(attributes.get(AttributeKey.stringKey("url.path"))).isEqualTo("/users/7");
            // secrets in the query never reach a span (OpenTelemetry's url.query rule)
            assertThat(attributes.get(AttributeKey.stringKey("url.query")))
                    .isEqualTo("expand=1&access_token=REDACTED&sig=REDACTED");
            assertThat(attributes.get(AttributeKey.stringKey("url.scheme"))).isEqualTo("http");
            assertThat(attributes.get(AttributeKey.longKey("http.response.status_code")))
                    .isEqualTo(200L);
            assertThat(attributes.get(AttributeKey.stringKey("user_agent.original")))
                    .isEqualTo("rigel-test");
            assertThat(attributes.get(AttributeKey.stringKey("server.address"))).isNotBlank();
            assertThat(attributes.get(AttributeKey.stringKey("network.protocol.version")))
                    .isEqualTo("1.1");

            SpanData child = exporter.getFinishedSpanItems().stream()
                    .filter(span -> span.getName().equals("load user"))
                    .findFirst()
                    .orElseThrow();
            assertThat(child.getParentSpanId()).isEqualTo(server.getSpanId());
            assertThat(child.getTraceId()).isEqualTo(TRACE_ID);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void withoutTraceparentANewTraceStarts(Transport transport) throws Exception {
        try (TestClient client = Clients.open(app(), transport)) {
            client.get("/users/1");
            SpanData server = serverSpans(1).get(0);
            assertThat(server.getParentSpanContext().isValid()).isFalse();
            assertThat(server.getTraceId()).isNotEqualTo(TRACE_ID);
            // a malformed traceparent is ignored, as W3C Trace Context requires
            client.request("GET", "/users/2")
                    .header("traceparent", "00-not-a-trace-01")
                    .send();
            assertThat(serverSpans(2).get(1).getParentSpanContext().isValid()).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void serverErrorsAndExceptionsMarkTheSpanButClientErrorsDoNot(Transport transport) throws Exception {
        try (TestClient client = Clients.open(app(), transport)) {
            assertThat(client.get("/boom").status()).isEqualTo(500);
            assertThat(client.get("/users/0").status()).isEqualTo(404);
            List<SpanData> spans = serverSpans(2);
            SpanData boom = spans.get(0);
            assertThat(boom.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
            assertThat(boom.getAttributes().get(AttributeKey.longKey("http.response.status_code")))
                    .isEqualTo(500L);
            assertThat(boom.getAttributes().get(AttributeKey.stringKey("error.type")))
                    .isEqualTo("java.lang.IllegalStateException");
            assertThat(boom.getEvents())
                    .anySatisfy(event -> assertThat(event.getName()).isEqualTo("exception"));
            SpanData notFound = spans.get(1);
            assertThat(notFound.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
            assertThat(notFound.getAttributes().get(AttributeKey.longKey("http.response.status_code")))
                    .isEqualTo(404L);
        }
    }

    /** Issue 21: every WebSocket session was traced as an HTTP 500 with an error status. */
    @ParameterizedTest
    @EnumSource(Transport.class)
    void aWebSocketSessionIsNoServerError(Transport transport) throws Exception {
        try (TestClient client = Clients.open(app(), transport);
                dev.rigel.testing.WebSocketTestSession socket = client.websocketConnect("/ws")) {
            assertThat(socket.receiveText()).isEqualTo("hello");
            assertThat(socket.awaitClose().code()).isEqualTo(4001);
        }
        SpanData session = serverSpans(1).get(0);
        assertThat(session.getName()).isEqualTo("GET /ws");
        assertThat(session.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
        assertThat(session.getAttributes().get(AttributeKey.longKey("http.response.status_code")))
                .isEqualTo(101L);
        assertThat(session.getAttributes().get(AttributeKey.longKey("rigel.websocket.close_code")))
                .isEqualTo(4001L);
        assertThat(session.getAttributes().get(AttributeKey.stringKey("error.type")))
                .isNull();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void unmatchedRequestsAreNamedByMethodOnlyAndExclusionsAreSkipped(Transport transport) throws Exception {
        try (TestClient client = Clients.open(app(), transport)) {
            client.get("/health");
            client.get("/no/such/path");
            SpanData unmatched = serverSpans(1).get(0);
            assertThat(unmatched.getName()).isEqualTo("GET");
            assertThat(unmatched.getAttributes().get(AttributeKey.stringKey("http.route")))
                    .isNull();
            assertThat(unmatched.getAttributes().get(AttributeKey.longKey("http.response.status_code")))
                    .isEqualTo(404L);
            Thread.sleep(Duration.ofMillis(50));
            // /health was excluded: its request, sent first, left no span
            assertThat(exporter.getFinishedSpanItems()).hasSize(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aStreamedResponseEndsItsSpanAfterTheLastChunk(Transport transport) throws Exception {
        try (TestClient client = Clients.open(app(), transport)) {
            assertThat(client.get("/stream").text()).isEqualTo("abc");
            SpanData stream = serverSpans(1).get(0);
            assertThat(stream.getName()).isEqualTo("GET /stream");
            assertThat(stream.hasEnded()).isTrue();
            assertThat(stream.getAttributes().get(AttributeKey.longKey("http.response.status_code")))
                    .isEqualTo(200L);
        }
    }
}
