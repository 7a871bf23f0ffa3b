package dev.rigel.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigel.App;
import dev.rigel.Route;
import dev.rigel.Router;
import dev.rigel.annotation.Get;
import dev.rigel.annotation.WebSocket;
import dev.rigel.exceptions.NotFoundException;
import dev.rigel.metrics.internal.MetricsMiddleware;
import dev.rigel.middleware.AbstractMiddleware;
import dev.rigel.protocol.Application;
import dev.rigel.protocol.Receive;
import dev.rigel.protocol.Scope;
import dev.rigel.protocol.Send;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.TestResponse;
import dev.rigel.testing.WebSocketTestSession;
import dev.rigel.testing.support.Clients;
import dev.rigel.testing.support.Transport;
import dev.rigel.websocket.WebSocketConnection;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Request metrics recorded by route template and status, scraped in Prometheus format. */
class MetricsPluginTest {

    static final CountDownLatch RELEASE = new CountDownLatch(1);
    static final CountDownLatch ENTERED = new CountDownLatch(1);

    public static class Users {
        @Get("/users/{user_id:int}")
        public Map<String, Object> user(int userId) {
            if (userId == 0) {
                throw new NotFoundException("no user 0");
            }
            return Map.of("id", userId);
        }

        @Get("/boom")
        public String boom() {
            throw new IllegalStateException("boom");
        }

        @Get("/slow")
        public String slow() throws InterruptedException {
            ENTERED.countDown();
            RELEASE.await(10, TimeUnit.SECONDS);
            return "done";
        }

        @Get("/count")
        public long count(MeterRegistry meterRegistry) {
            meterRegistry.counter("app.custom").increment();
            return (long) meterRegistry.counter("app.custom").count();
        }
    }

    public static class Sockets {
        @WebSocket("/ws/echo/{room}")
        public void echo(WebSocketConnection socket) {
            socket.accept();
            for (dev.rigel.protocol.Message.WebSocketReceive message : socket.messages()) {
                socket.sendText(message.asText());
            }
        }

        @WebSocket("/ws/bye")
        public void bye(WebSocketConnection socket) {
            socket.accept();
            socket.close(4001, "done here");
        }

        @WebSocket("/ws/refuse")
        public void refuse(WebSocketConnection socket) {
            socket.close(4003, "not today");
        }

        @WebSocket("/ws/fails")
        public void fails(WebSocketConnection socket) {
            socket.accept();
            socket.receiveText();
            throw new IllegalStateException("handler bug");
        }
    }

    private static App app(MetricsPlugin plugin) {
        return App.builder()
                .plugins(plugin)
                .routeHandlers(Router.of("/api", new Users()), new Sockets(), Route.get("/health", () -> "ok"))
                .build();
    }

    /** The value of a sample line such as {@code name{labels} 3.0}, matching every given label. */
    static double sample(String scrape, String name, String... labels) {
        for (String line : scrape.lines().toList()) {
            if (!line.startsWith(name + "{")) {
                continue;
            }
            boolean all = true;
            for (String label : labels) {
                all &= line.contains(label);
            }
            if (all) {
                Matcher value = Pattern.compile("} ([0-9.eE+-]+)").matcher(line);
                if (value.find()) {
                    return Double.parseDouble(value.group(1));
                }
            }
        }
        return -1;
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void scrapeCountsRequestsByRouteTemplateAndStatus(Transport transport) {
        MetricsPlugin plugin = MetricsPlugin.builder().jvmMetrics(false).build();
        try (TestClient client = Clients.open(app(plugin), transport)) {
            client.get("/api/users/1");
            client.get("/api/users/2");
            client.get("/api/users/3");
            client.get("/api/users/0");
            client.get("/api/boom");
            client.get("/nowhere/" + System.nanoTime());
            client.request("POST", "/health").send();

            TestResponse scrape = client.get("/metrics");
            assertThat(scrape.status()).isEqualTo(200);
            assertThat(scrape.header("content-type")).isEqualTo(MetricsPlugin.PROMETHEUS_TEXT);
            String text = scrape.text();
            assertThat(text).contains("# TYPE http_server_requests_seconds summary");
            assertThat(sample(
                            text,
                            "http_server_requests_seconds_count",
                            "uri=\"/api/users/{user_id}\"",
                            "status=\"200\"",
                            "method=\"GET\"",
                            "outcome=\"SUCCESS\""))
                    .isEqualTo(3.0);
            assertThat(sample(
                            text,
                            "http_server_requests_seconds_count",
                            "uri=\"/api/users/{user_id}\"",
                            "status=\"404\"",
                            "outcome=\"CLIENT_ERROR\""))
                    .isEqualTo(1.0);
            assertThat(sample(
                            text,
                            "http_server_requests_seconds_count",
                            "uri=\"/api/boom\"",
                            "status=\"500\"",
                            "outcome=\"SERVER_ERROR\"",
                            "exception=\"IllegalStateException\""))
                    .isEqualTo(1.0);
            assertThat(sample(
                            text,
                            "http_server_requests_seconds_count",
                            "uri=\"/api/users/{user_id}\"",
                            "status=\"200\"",
                            "exception=\"none\""))
                    .isEqualTo(3.0);
            assertThat(sample(text, "http_server_requests_seconds_count", "uri=\"NOT_FOUND\"", "status=\"404\""))
                    .isEqualTo(1.0);
            assertThat(sample(
                            text,
                            "http_server_requests_seconds_count",
                            "uri=\"UNMATCHED\"",
                            "status=\"405\"",
                            "method=\"POST\""))
                    .isEqualTo(1.0);
            assertThat(sample(
                            text, "http_server_requests_seconds_sum", "uri=\"/api/users/{user_id}\"", "status=\"200\""))
                    .isGreaterThan(0.0);
            // raw paths never become labels
            assertThat(text).doesNotContain("/api/users/1\"").doesNotContain("/nowhere/");
            assertThat(text).contains("http_server_requests_in_flight");
        }
    }

    /** Issue 21: every WebSocket session used to be counted as an HTTP 500. */
    @ParameterizedTest
    @EnumSource(Transport.class)
    void webSocketSessionsAreCountedByCloseCodeNotAsHttpRequests(Transport transport) throws Exception {
        MetricsPlugin plugin = MetricsPlugin.builder().jvmMetrics(false).build();
        try (TestClient client = Clients.open(app(plugin), transport)) {
            for (int i = 0; i < 2; i++) {
                try (WebSocketTestSession socket = client.websocketConnect("/ws/echo/r" + i)) {
                    socket.sendText("hi");
                    assertThat(socket.receiveText()).isEqualTo("hi");
                    socket.close(1000, "");
                }
            }
            try (WebSocketTestSession socket = client.websocketConnect("/ws/bye")) {
                assertThat(socket.awaitClose().code()).isEqualTo(4001);
            }
            assertThatThrownBy(() -> client.websocketConnect("/ws/refuse").close())
                    .isNotNull();
            try (WebSocketTestSession socket = client.websocketConnect("/ws/fails")) {
                socket.sendText("x");
                assertThat(socket.awaitClose().code()).isEqualTo(4500); // 4000 + the HTTP 500
            }

            String text = awaitSessions(client, 5);
            assertThat(sample(
                            text,
                            "websocket_server_sessions_seconds_count",
                            "uri=\"/ws/echo/{room}\"",
                            "code=\"1000\"",
                            "outcome=\"NORMAL\""))
                    .isEqualTo(2.0);
            assertThat(sample(
                            text,
                            "websocket_server_sessions_seconds_count",
                            "uri=\"/ws/bye\"",
                            "code=\"4001\"",
                            "outcome=\"APPLICATION\""))
                    .isEqualTo(1.0);
            assertThat(sample(
                            text,
                            "websocket_server_sessions_seconds_count",
                            "uri=\"/ws/refuse\"",
                            "code=\"403\"",
                            "outcome=\"REFUSED\""))
                    .isEqualTo(1.0);
            assertThat(sample(
                            text,
                            "websocket_server_sessions_seconds_count",
                            "uri=\"/ws/fails\"",
                            "code=\"4500\"",
                            "outcome=\"ERROR\""))
                    .isEqualTo(1.0);
            assertThat(text.lines()).contains("websocket_server_sessions_active 0.0");
            // and no WebSocket session shows up as an HTTP request, let alone a 500
            assertThat(text.lines().filter(line -> line.startsWith("http_server_requests") && line.contains("/ws/")))
                    .isEmpty();
            assertThat(text).doesNotContain("status=\"500\"");
        }
    }

    /** The scrape once {@code count} sessions have been recorded (the server closes asynchronously). */
    private static String awaitSessions(TestClient client, int count) throws InterruptedException {
        String text = "";
        for (int attempt = 0; attempt < 100; attempt++) {
            text = client.get("/metrics").text();
            double total = text.lines()
                    .filter(line -> line.startsWith("websocket_server_sessions_seconds_count{"))
                    .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                    .sum();
            if (total >= count) {
                return text;
            }
            Thread.sleep(20);
        }
        return text;
    }

    @Test
    void theInFlightGaugeCountsRequestsBeingServed() throws Exception {
        MetricsPlugin plugin = MetricsPlugin.builder().jvmMetrics(false).build();
        try (TestClient client = TestClient.of(app(plugin))) {
            CompletableFuture<TestResponse> slow =
                    client.request("GET", "/api/slow").sendAsync();
            assertThat(ENTERED.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(plugin.registry()
                            .get(MetricsMiddleware.IN_FLIGHT)
                            .gauge()
                            .value())
                    .isEqualTo(1.0);
            RELEASE.countDown();
            assertThat(slow.get(10, TimeUnit.SECONDS).text()).isEqualTo("done");
            assertThat(plugin.registry()
                            .get(MetricsMiddleware.IN_FLIGHT)
                            .gauge()
                            .value())
                    .isEqualTo(0.0);
            Timer timer = plugin.registry()
                    .get(MetricsMiddleware.REQUESTS)
                    .tag("uri", "/api/slow")
                    .timer();
            assertThat(timer.count()).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void anAsyncHandlersRequestIsTimedUntilItsAnswerWentOut(Transport transport) throws Exception {
        MetricsPlugin plugin = MetricsPlugin.builder().jvmMetrics(false).build();
        CompletableFuture<String> gate = new CompletableFuture<>();
        App app = App.builder()
                .plugins(plugin)
                .routeHandlers(
                        Route.get("/later", () -> gate).nonBlocking(),
                        Route.get(
                                        "/missing-later",
                                        () -> CompletableFuture.<String>failedFuture(new NotFoundException("gone")))
                                .nonBlocking())
                .build();
        try (TestClient client = Clients.open(app, transport)) {
            CompletableFuture<TestResponse> later =
                    client.request("GET", "/later").sendAsync();
            Thread.sleep(200); // the handler has returned; the answer is not there yet
            assertThat(plugin.registry().find(MetricsMiddleware.REQUESTS).timers())
                    .isEmpty();
            assertThat(plugin.registry()
                            .get(MetricsMiddleware.IN_FLIGHT)
                            .gauge()
                            .value())
                    .isEqualTo(1.0);
            gate.complete("done");
            assertThat(later.get(10, TimeUnit.SECONDS).text()).isEqualTo("done");
            assertThat(client.get("/missing-later").status()).isEqualTo(404);
            java.util.function.Supplier<Timer> timer = () -> plugin.registry()
                    .get(MetricsMiddleware.REQUESTS)
                    .tag("uri", "/later")
                    .tag("status", "200")
                    .timer();
            dev.rigel.testing.support.Eventually.eventually(
                    () -> assertThat(timer.get().count()).isEqualTo(1));
            assertThat(timer.get().totalTime(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(150);
            assertThat(plugin.registry()
                            .get(MetricsMiddleware.REQUESTS)
                            .tag("uri", "/missing-later")
                            .tag("status", "404")
                            .timer()
                            .count())
                    .isEqualTo(1);
            assertThat(plugin.registry()
                            .find(MetricsMiddleware.REQUESTS)
                            .tag("status", "500")
                            .timers())
                    .isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void jvmMetricsArriveAtStartupAndTheAppsHooksStillRun(Transport transport) {
        MetricsPlugin plugin = MetricsPlugin.prometheus();
        List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        App app = App.builder()
                .onStartup(started -> events.add("app startup"))
                .plugins(plugin)
                .routeHandlers(Route.get("/x", () -> "x"))
                .build();
        try (TestClient client = Clients.open(app, transport)) {
            if (transport == Transport.IN_PROCESS) {
                assertThat(events).containsExactly("app startup");
            }
            String text = client.get("/metrics").text();
            assertThat(text)
                    .contains("jvm_memory_used_bytes")
                    .contains("process_uptime_seconds")
                    .contains("jvm_threads_live_threads");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void pathExclusionsAndTheAppsOwnMeters(Transport transport) {
        MetricsPlugin plugin = MetricsPlugin.builder()
                .jvmMetrics(false)
                .path("/internal/metrics")
                .exclude("^/health$")
                .build();
        try (TestClient client = Clients.open(app(plugin), transport)) {
            client.get("/health");
            assertThat(client.get("/api/count").text()).isEqualTo("1");
            String text = client.get("/internal/metrics").text();
            assertThat(text).doesNotContain("uri=\"/health\"").contains("app_custom_total 1.0");
            assertThat(client.get("/metrics").status()).isEqualTo(404);
        }
    }

    /** The seed's kind of plugin, written by hand: a middleware, a route and a startup hook, in a few lines. */
    static final class HitCounter implements dev.rigel.InitPlugin {
        final java.util.concurrent.atomic.AtomicInteger hits = new java.util.concurrent.atomic.AtomicInteger();
        final List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public void onAppInit(App.Builder app) {
            app.middleware(new AbstractMiddleware() {
                        @Override
                        protected void handle(Scope scope, Receive receive, Send send, Application next)
                                throws Exception {
                            hits.incrementAndGet();
                            next.call(scope, receive, send);
                        }
                    })
                    .routeHandlers(Route.get("/hits", () -> hits.get()))
                    .onStartup(a -> events.add("plugin startup"));
        }
    }

    @Test
    void aMetricsPluginIsAFewLinesOfInitPlugin() {
        HitCounter plugin = new HitCounter();
        App app = App.builder()
                .onStartup(a -> plugin.events.add("app startup"))
                .plugins(plugin)
                .routeHandlers(Route.get("/x", () -> "x"))
                .build();
        try (TestClient client = TestClient.of(app)) {
            client.get("/x");
            client.get("/x");
            assertThat(client.get("/hits").text()).isEqualTo("3");
            assertThat(plugin.events).containsExactly("app startup", "plugin startup");
        }
    }
}
