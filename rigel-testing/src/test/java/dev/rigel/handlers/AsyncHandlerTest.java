package dev.rigel.handlers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigel.App;
import dev.rigel.Route;
import dev.rigel.annotation.Get;
import dev.rigel.di.Provide;
import dev.rigel.di.Scoped;
import dev.rigel.exceptions.NotFoundException;
import dev.rigel.http.Response;
import dev.rigel.netty.RigelServer;
import dev.rigel.netty.ServerConfig;
import dev.rigel.protocol.Scope;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.support.Clients;
import dev.rigel.testing.support.Transport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A handler may return a {@code CompletionStage} of its answer. On a {@code nonBlocking} route it
 * gives the event loop back at once and the answer goes out when the stage completes, on the
 * completing thread; on any other route its virtual thread waits for the value. Either way the
 * value is answered, documented and failed exactly as if the handler had returned it or thrown.
 */
class AsyncHandlerTest {

    record Planet(String name, int moons) {}

    private static final ScheduledExecutorService LATER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "completer");
        thread.setDaemon(true);
        return thread;
    });

    @AfterAll
    static void stopCompleter() {
        LATER.shutdownNow();
    }

    /** A stage completed with {@code value} by another thread a little later. */
    private static <T> CompletionStage<T> later(T value) {
        CompletableFuture<T> future = new CompletableFuture<>();
        LATER.schedule(() -> future.complete(value), 20, TimeUnit.MILLISECONDS);
        return future;
    }

    private static <T> CompletionStage<T> failingLater(Throwable error) {
        CompletableFuture<T> future = new CompletableFuture<>();
        LATER.schedule(() -> future.completeExceptionally(error), 20, TimeUnit.MILLISECONDS);
        return future;
    }

    public static class Planets {
        @Get(value = "/annotated/{name}", nonBlocking = true)
        public CompletionStage<Planet> planet(String name) {
            return later(new Planet(name, 2));
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aNonBlockingRouteAnswersWithTheStagesValueOnceItCompletes(Transport transport) {
        List<Boolean> handlerOnVirtualThread = new CopyOnWriteArrayList<>();
        App app = App.builder()
                .routeHandlers(
                        Planets.class,
                        Route.get("/planets/{name}", (String name) -> {
                                    handlerOnVirtualThread.add(
                                            Thread.currentThread().isVirtual());
                                    return later(new Planet(name, 2));
                                })
                                .nonBlocking(),
                        Route.get("/now", () -> CompletableFuture.completedFuture(new Planet("Earth", 1)))
                                .nonBlocking())
                .build();
        try (TestClient client = Clients.open(app, transport)) {
            var mars = client.get("/planets/Mars");
            assertThat(mars.status()).isEqualTo(200);
            assertThat(mars.header("content-type")).startsWith("application/json");
            assertThat(mars.json(Planet.class)).isEqualTo(new Planet("Mars", 2));
            assertThat(client.get("/annotated/Phobos").json(Planet.class)).isEqualTo(new Planet("Phobos", 2));
            assertThat(client.get("/now").json(Planet.class)).isEqualTo(new Planet("Earth", 1));
        }
        assertThat(handlerOnVirtualThread).containsExactly(false);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void anyCompletionStageWillDoNotOnlyACompletableFuture(Transport transport) {
        App app = App.builder()
                .routeHandlers(
                        Route.get(
                                        "/minimal",
                                        () -> later(new Planet("Io", 0))
                                                .toCompletableFuture()
                                                .minimalCompletionStage())
                                .nonBlocking(),
                        Route.get(
                                "/minimal-blocking",
                                () -> later(new Planet("Europa", 0))
                                        .toCompletableFuture()
                                        .minimalCompletionStage()),
                        Route.get("/minimal-done", () -> CompletableFuture.completedStage(new Planet("Ganymede", 0)))
                                .nonBlocking())
                .build();
        try (TestClient client = Clients.open(app, transport)) {
            assertThat(client.get("/minimal").json(Planet.class)).isEqualTo(new Planet("Io", 0));
            assertThat(client.get("/minimal-blocking").json(Planet.class)).isEqualTo(new Planet("Europa", 0));
            assertThat(client.get("/minimal-done").json(Planet.class)).isEqualTo(new Planet("Ganymede", 0));
        }
    }

    /** A library's own future, which the app registers as an asynchronous result. */
    public record Promise<T>(CompletionStage<T> stage) {}

    public static class Moons {
        @Get(value = "/moons/{name}", nonBlocking = true)
        public Promise<Planet> moon(String name) {
            return new Promise<>(later(new Planet(name, 0)));
        }

        @Get("/moons-blocking/{name}")
        public Promise<Planet> moonOnAVirtualThread(String name) {
            return new Promise<>(later(new Planet(name, 0)));
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aRegisteredFutureTypeIsAnsweredAsAStageIs(Transport transport) {
        App app = App.builder()
                .asyncResult(Promise.class, Promise::stage)
                .routeHandlers(
                        Moons.class,
                        Route.get("/failing", () -> new Promise<>(failingLater(new NotFoundException("no moon"))))
                                .nonBlocking())
                .build();
        try (TestClient client = Clients.open(app, transport)) {
            var moon = client.get("/moons/Deimos");
            assertThat(moon.status()).isEqualTo(200);
            assertThat(moon.text()).isEqualTo("{\"name\":\"Deimos\",\"moons\":0}");
            assertThat(client.get("/moons-blocking/Charon").json(Planet.class)).isEqualTo(new Planet("Charon", 0));
            assertThat(client.get("/failing").status()).isEqualTo(404);
        }
        // planned from the type argument: the route's documented answer is a Planet
        dev.rigel.http.HandlerInfo moon = app.routes().stream()
                .filter(route -> route.pathTemplate().equals("/moons/{name}"))
                .findFirst()
                .orElseThrow();
        assertThat(moon.returnType()).isEqualTo(Planet.class);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aBlockingRouteWaitsForTheValueOnItsVirtualThread(Transport transport) {
        List<Boolean> handlerOnVirtualThread = new CopyOnWriteArrayList<>();
        App app = App.builder()
                .routeHandlers(Route.get("/planets/{name}", (String name) -> {
                    handlerOnVirtualThread.add(Thread.currentThread().isVirtual());
                    return later(new Planet(name, 16));
                }))
                .build();
        try (TestClient client = Clients.open(app, transport)) {
            assertThat(client.get("/planets/Jupiter").json(Planet.class)).isEqualTo(new Planet("Jupiter", 16));
        }
        if (transport == Transport.REAL_SERVER) {
            assertThat(handlerOnVirtualThread).containsExactly(true);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aFailedStageIsAnsweredAsTheHandlersOwnException(Transport transport) {
        App app = App.builder()
                .routeHandlers(
                        Route.get(
                                        "/missing",
                                        () -> AsyncHandlerTest.<Planet>failingLater(
                                                new NotFoundException("no such planet")))
                                .nonBlocking(),
                        Route.get(
                                        "/broken",
                                        () -> AsyncHandlerTest.<Planet>failingLater(new IllegalStateException("boom")))
                                .nonBlocking(),
                        Route.get(
                                        "/handled",
                                        () -> AsyncHandlerTest.<Planet>failingLater(new ArithmeticException("div")))
                                .nonBlocking(),
                        Route.get(
                                "/missing-blocking",
                                () -> AsyncHandlerTest.<Planet>failingLater(new NotFoundException("gone"))))
                .exceptionHandler(
                        ArithmeticException.class,
                        (request, e) ->
                                Response.of("handled: " + e.getMessage()).status(422))
                .build();
        try (TestClient client = Clients.open(app, transport)) {
            var missing = client.get("/missing");
            assertThat(missing.status()).isEqualTo(404);
            assertThat(missing.jsonMap()).containsEntry("detail", "no such planet");
            assertThat(client.get("/broken").status()).isEqualTo(500);
            var handled = client.get("/handled");
            assertThat(handled.status()).isEqualTo(422);
            assertThat(handled.text()).isEqualTo("handled: div");
            assertThat(client.get("/missing-blocking").status()).isEqualTo(404);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aStageOfAResponseKeepsItsStatusHeadersAndCookies(Transport transport) {
        App app = App.builder()
                .routeHandlers(
                        Route.post(
                                        "/planets",
                                        () -> later(Response.of(new Planet("Ceres", 0))
                                                .status(201)
                                                .header("location", "/planets/Ceres")
                                                .cookie("last", "Ceres")))
                                .nonBlocking(),
                        Route.delete("/planets/{name}", (String name) -> AsyncHandlerTest.<Void>later(null))
                                .nonBlocking())
                .build();
        try (TestClient client = Clients.open(app, transport)) {
            var created = client.post("/planets", "");
            assertThat(created.status()).isEqualTo(201);
            assertThat(created.header("location")).isEqualTo("/planets/Ceres");
            assertThat(created.header("set-cookie")).startsWith("last=Ceres");
            assertThat(created.json(Planet.class)).isEqualTo(new Planet("Ceres", 0));
            var deleted = client.delete("/planets/Pluto");
            assertThat(deleted.status()).isEqualTo(204);
            assertThat(deleted.body()).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void cleanupsAndAfterResponseRunOnceTheAnswerIsThere(Transport transport) throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> afterResponse = new CompletableFuture<>();
        App app = App.builder()
                .routeHandlers(Route.get("/tx", (String tx) -> {
                            events.add("handler returned a stage");
                            return later("answer in " + tx).thenApply(answer -> {
                                events.add("value ready");
                                return answer;
                            });
                        })
                        .nonBlocking()
                        .dependency(
                                "tx",
                                Provide.of(() -> Scoped.of(
                                        "tx-1",
                                        outcome -> events.add("cleanup " + (outcome.failed() ? "failed" : "success")
                                                + " " + outcome.status())))))
                .afterResponse(request -> {
                    events.add("after_response");
                    afterResponse.complete(null);
                })
                .build();
        try (TestClient client = Clients.open(app, transport)) {
            assertThat(client.get("/tx").text()).isEqualTo("answer in tx-1");
            afterResponse.get(5, TimeUnit.SECONDS);
        }
        assertThat(events)
                .containsExactly("handler returned a stage", "value ready", "cleanup success 200", "after_response");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void anAsyncAnswerIsCompressedLikeAnyOther(Transport transport) throws Exception {
        String text = "the same line again and again\n".repeat(200);
        App app = App.builder()
                .routeHandlers(Route.get("/text", () -> later(text)).nonBlocking())
                .compression(dev.rigel.middleware.compression.CompressionConfig.defaults())
                .build();
        try (TestClient client = Clients.open(app, transport)) {
            var response = client.request("GET", "/text")
                    .header("accept-encoding", "gzip")
                    .send();
            assertThat(response.header("content-encoding")).isEqualTo("gzip");
            assertThat(new String(
                            new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(response.body()))
                                    .readAllBytes(),
                            java.nio.charset.StandardCharsets.UTF_8))
                    .isEqualTo(text);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void anAsyncAnswerIsKeptInTheResponseCacheOnceItIsThere(Transport transport) {
        java.util.concurrent.atomic.AtomicInteger computed = new java.util.concurrent.atomic.AtomicInteger();
        App app = App.builder()
                .routeHandlers(Route.get("/report", () -> later("report #" + computed.incrementAndGet()))
                        .nonBlocking()
                        .cache(60))
                .build();
        try (TestClient client = Clients.open(app, transport)) {
            assertThat(client.get("/report").text()).isEqualTo("report #1");
            assertThat(client.get("/report").text()).isEqualTo("report #1");
        }
        assertThat(computed).hasValue(1);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aBodyAndAHeadRequestWorkAsForAnyHandler(Transport transport) {
        App app = App.builder()
                .routeHandlers(
                        Route.post(
                                        "/planets",
                                        (Planet data) ->
                                                later(new Planet(data.name().toUpperCase(), data.moons())))
                                .nonBlocking(),
                        Route.get("/planets/{name}", (String name) -> later(new Planet(name, 1)))
                                .nonBlocking())
                .build();
        try (TestClient client = Clients.open(app, transport)) {
            var created = client.post("/planets", java.util.Map.of("name", "neptune", "moons", 16));
            assertThat(created.status()).isEqualTo(201);
            assertThat(created.json(Planet.class)).isEqualTo(new Planet("NEPTUNE", 16));
            var malformed = client.request("POST", "/planets")
                    .body("{\"name\": ".getBytes(java.nio.charset.StandardCharsets.UTF_8), "application/json")
                    .send();
            assertThat(malformed.status()).isEqualTo(400);
            var head = client.request("HEAD", "/planets/Earth").send();
            assertThat(head.status()).isEqualTo(200);
            assertThat(head.body()).isEmpty();
            assertThat(head.header("content-type")).startsWith("application/json");
        }
    }

    @Test
    void pipelinedRequestsAreAnsweredInTheirOrderWhicheverCompletesFirst() throws Exception {
        CompletableFuture<String> first = new CompletableFuture<>();
        CompletableFuture<String> second = new CompletableFuture<>();
        App app = App.builder()
                .routeHandlers(
                        Route.get("/first", () -> first).nonBlocking(),
                        Route.get("/second", () -> second).nonBlocking())
                .build();
        RigelServer server = Clients.startServer(app, ServerConfig.builder());
        try (java.net.Socket socket =
                new java.net.Socket("127.0.0.1", URI.create(server.url()).getPort())) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream()
                    .write(("GET /first HTTP/1.1\r\nHost: x\r\n\r\nGET /second HTTP/1.1\r\nHost: x\r\n\r\n")
                            .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            second.complete("two"); // the second's answer is ready first
            Thread.sleep(100);
            first.complete("one");
            java.io.InputStream in = socket.getInputStream();
            StringBuilder received = new StringBuilder();
            byte[] chunk = new byte[4096];
            while (!received.toString().contains("\r\n\r\ntwo")) {
                int n = in.read(chunk);
                if (n < 0) {
                    break;
                }
                received.append(new String(chunk, 0, n, java.nio.charset.StandardCharsets.ISO_8859_1));
            }
            String wire = received.toString();
            assertThat(wire.indexOf("\r\n\r\none")).isPositive().isLessThan(wire.indexOf("\r\n\r\ntwo"));
        } finally {
            server.stop();
        }
    }

    @Test
    void theEventLoopServesOtherRequestsWhileAStageIsPending() throws Exception {
        CompletableFuture<String> gate = new CompletableFuture<>();
        App app = App.builder()
                .routeHandlers(
                        Route.get("/slow", () -> gate).nonBlocking(),
                        Route.get("/fast", () -> "fast").nonBlocking())
                .build();
        // one event loop: had the slow request kept it, the fast one could not be answered
        RigelServer server = Clients.startServer(app, ServerConfig.builder().ioThreads(1));
        try (HttpClient http = HttpClient.newHttpClient()) {
            CompletableFuture<HttpResponse<String>> slow = http.sendAsync(
                    HttpRequest.newBuilder(URI.create(server.url() + "/slow")).build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> fast = http.send(
                    HttpRequest.newBuilder(URI.create(server.url() + "/fast"))
                            .timeout(Duration.ofSeconds(5))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(fast.body()).isEqualTo("fast");
            assertThat(slow).isNotDone();
            gate.complete("slow, but answered");
            assertThat(slow.get(5, TimeUnit.SECONDS).body()).isEqualTo("slow, but answered");
        } finally {
            server.stop();
        }
    }

    @Test
    void overHttp2TheAnswerGoesOutOnItsStream() throws Exception {
        App app = App.builder()
                .routeHandlers(Route.get("/planets/{name}", (String name) -> later(new Planet(name, 27)))
                        .nonBlocking())
                .build();
        RigelServer server = Clients.startServer(app, ServerConfig.builder());
        try (HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build()) {
            HttpResponse<String> response = null;
            for (int i = 0; i < 3; i++) { // the first request may be the HTTP/1.1 upgrade
                response = http.send(
                        HttpRequest.newBuilder(URI.create(server.url() + "/planets/Uranus"))
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
            }
            assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("{\"name\":\"Uranus\",\"moons\":27}");
        } finally {
            server.stop();
        }
    }

    @Test
    void aClientLeavingBeforeTheAnswerLeavesNoErrorBehind() throws Exception {
        CompletableFuture<String> gate = new CompletableFuture<>();
        CompletableFuture<Void> cleanedUp = new CompletableFuture<>();
        App app = App.builder()
                .routeHandlers(Route.get("/gate", (String tx) -> gate)
                        .nonBlocking()
                        .dependency("tx", Provide.of(() -> Scoped.of("tx", outcome -> cleanedUp.complete(null)))))
                .build();
        RigelServer server = Clients.startServer(app, ServerConfig.builder());
        ch.qos.logback.classic.Logger root =
                (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logged =
                new ch.qos.logback.core.read.ListAppender<>();
        logged.start();
        root.addAppender(logged);
        try {
            URI url = URI.create(server.url());
            try (java.net.Socket socket = new java.net.Socket(url.getHost(), url.getPort())) {
                socket.getOutputStream()
                        .write("GET /gate HTTP/1.1\r\nHost: x\r\n\r\n"
                                .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                Thread.sleep(100); // the request is read and its handler has returned the stage
            }
            Thread.sleep(100); // the server has seen the connection close
            gate.complete("too late");
            cleanedUp.get(5, TimeUnit.SECONDS);
            Thread.sleep(100);
            assertThat(logged.list.stream()
                            .filter(event -> event.getLevel().isGreaterOrEqual(ch.qos.logback.classic.Level.WARN))
                            .map(Object::toString))
                    .isEmpty();
        } finally {
            root.detachAppender(logged);
            server.stop();
        }
    }

    @Test
    void aGracefulStopWaitsForAPendingAnswer() throws Exception {
        CompletableFuture<String> gate = new CompletableFuture<>();
        App app = App.builder()
                .routeHandlers(Route.get("/slow", () -> gate).nonBlocking())
                .build();
        RigelServer server = Clients.startServer(app, ServerConfig.builder());
        try (HttpClient http = HttpClient.newHttpClient()) {
            CompletableFuture<HttpResponse<String>> slow = http.sendAsync(
                    HttpRequest.newBuilder(URI.create(server.url() + "/slow")).build(),
                    HttpResponse.BodyHandlers.ofString());
            Thread.sleep(200); // the request is in, its stage pending
            Thread stopping = Thread.ofPlatform().start(server::stop);
            Thread.sleep(200);
            assertThat(stopping.isAlive()).isTrue(); // the stop waits for the exchange in flight
            gate.complete("answered during the stop");
            HttpResponse<String> answer = slow.get(5, TimeUnit.SECONDS);
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).isEqualTo("answered during the stop");
            stopping.join(5_000);
            assertThat(stopping.isAlive()).isFalse();
        } finally {
            server.stop();
        }
    }

    @Test
    void theScopeSaysWhetherItsExchangeMayFinishLater() {
        Scope scope = Scope.http("GET", "/").build();
        CompletableFuture<Void> done = new CompletableFuture<>();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> scope.finishLater(done))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot finish later");
        scope.allowFinishLater();
        scope.finishLater(done);
        assertThat(scope.completion()).isSameAs(done);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> scope.finishLater(done))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aMountedAppOnlyFinishesWithinTheCall() {
        // the outer app's route waits for the mounted call to return, so the mounted scope does not allow finishing
        // later
        App inner = App.builder()
                .routeHandlers(Route.get("/planet", () -> later(new Planet("Titan", 0)))
                        .nonBlocking())
                .build();
        App outer = App.builder()
                .routeHandlers(dev.rigel.Mount.of("/saturn", inner))
                .build();
        try (TestClient client = TestClient.of(outer)) {
            assertThat(client.get("/saturn/planet").json(Planet.class)).isEqualTo(new Planet("Titan", 0));
        }
    }
}
