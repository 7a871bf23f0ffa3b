package dev.rigel.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rigel.App;
import dev.rigel.di.Provide;
import dev.rigel.middleware.session.SessionMiddleware;
import dev.rigel.protocol.Headers;
import dev.rigel.protocol.Message;
import dev.rigel.protocol.Scope;
import dev.rigel.spi.StateKeys;
import java.net.InetSocketAddress;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Calls an app in-process, through the same protocol a server uses but without a socket.
 * Opening the client runs the app's startup hooks; closing it runs the shutdown hooks. Cookies set
 * by responses are kept and sent back. An exception that the app answered with a 500 is re-thrown
 * by default, so a failing test shows the real cause.
 *
 * <pre>{@code
 * try (TestClient client = TestClient.of(app)) {
 *     TestResponse response = client.get("/health");
 *     assertThat(response.jsonMap()).containsEntry("status", "ok");
 * }
 * }</pre>
 */
public final class TestClient implements AutoCloseable {

    private static final InetSocketAddress CLIENT = InetSocketAddress.createUnresolved("testclient", 50000);
    private static final InetSocketAddress SERVER = InetSocketAddress.createUnresolved("testserver.local", 80);
    /** How long a request waits for an asynchronous handler's exchange to finish before the test fails. */
    private static final long FINISH_TIMEOUT_SECONDS = 30;

    private final App app;
    private final HttpExchanger remote;
    private Runnable onRemoteClose;
    private final CookieJar cookies = new CookieJar();
    private final Headers defaultHeaders = new Headers();
    private boolean raiseServerExceptions = true;
    private ExecutorService asyncExecutor;
    /**
     * Streamed responses handed out and not closed yet, closed (left) when the client closes. Held
     * strongly: a test that forgot one must not leave the app's producer running after the client.
     */
    private final java.util.Set<StreamedTestResponse> streams = new java.util.LinkedHashSet<>();

    private boolean open;

    private TestClient(App app) {
        this.app = Objects.requireNonNull(app, "app");
        this.remote = null;
        app.startup();
        open = true;
    }

    private TestClient(App app, java.net.URI baseUri, Runnable onClose) {
        this.app = Objects.requireNonNull(app, "app");
        this.remote = new HttpExchanger(baseUri);
        this.onRemoteClose = onClose;
        open = true;
    }

    /**
     * A client that sends real HTTP requests to {@code baseUri}, where a server is already serving
     * {@code app} (which is used only for its JSON settings). Same API as the in-process client, so
     * one test can run both ways; server exceptions cannot be re-thrown over the network.
     */
    public static TestClient overHttp(App app, java.net.URI baseUri) {
        return new TestClient(app, baseUri, () -> {});
    }

    /** As {@link #overHttp(App, java.net.URI)}, running {@code onClose} (e.g. stopping the server) on close. */
    public static TestClient overHttp(App app, java.net.URI baseUri, Runnable onClose) {
        return new TestClient(app, baseUri, Objects.requireNonNull(onClose, "onClose"));
    }

    /**
     * A client over real HTTP to {@code app}, served for this client alone by Rigel's server on an
     * ephemeral loopback port, and stopped when the client closes (the server runs the app's
     * startup and shutdown). Needs {@code rigel-netty} on the test class path.
     */
    public static TestClient live(App app) {
        return LiveServer.serve(app);
    }

    /** A client for {@code app}; runs its startup hooks. */
    public static TestClient of(App app) {
        return new TestClient(app);
    }

    /** A client for {@code app} with some dependencies replaced on every layer. */
    public static TestClient of(App app, Map<String, Provide> dependencyOverrides) {
        return new TestClient(app.withDependencyOverrides(dependencyOverrides));
    }

    /** Litestar's {@code create_test_client}: an app of just these route handlers. */
    public static TestClient create(Object... routeHandlers) {
        return new TestClient(App.builder().routeHandlers(routeHandlers).build());
    }

    /** An app configured by {@code configure} (route handlers and any app setting). */
    public static TestClient create(Consumer<App.Builder> configure) {
        App.Builder builder = App.builder();
        configure.accept(builder);
        return new TestClient(builder.build());
    }

    /** Whether unhandled server exceptions are re-thrown (default) or answered with a 500. */
    public TestClient raiseServerExceptions(boolean raise) {
        this.raiseServerExceptions = raise;
        return this;
    }

    /** A header sent with every request, e.g. an {@code Authorization} token. */
    public TestClient defaultHeader(String name, String value) {
        defaultHeaders.set(name, value);
        return this;
    }

    public TestClient cookie(String name, String value) {
        cookies.put(name, value);
        return this;
    }

    /** Cookies the client currently holds. */
    public Map<String, String> cookies() {
        return cookies.snapshot();
    }

    /**
     * Gives the client a session holding exactly {@code data}, as if a handler had stored it
     * (Litestar's {@code set_session_data}), so a test can start logged in without a login route.
     * Uses the app's session middleware ({@code App.builder().sessions(…)} or app-layer
     * middleware): client-side the data is sealed into the session cookie with AES-GCM,
     * server-side it is saved in the session store under a new id that the cookie then carries.
     * Over HTTP, the server must serve this very app (as {@link #live} does), whose store it writes.
     *
     * @throws IllegalStateException if the app has no sessions configured
     */
    public TestClient setSessionData(Map<String, ?> data) {
        for (String setCookie : sessions().storeSession(cookies.snapshot(), data)) {
            cookies.store(setCookie);
        }
        return this;
    }

    /**
     * The data of the session the client's cookies point at (Litestar's {@code get_session_data}),
     * as the app reads it: values in their JSON form; empty when the client has no valid session.
     *
     * @throws IllegalStateException if the app has no sessions configured
     */
    public Map<String, Object> getSessionData() {
        return sessions().loadSession(cookies.snapshot());
    }

    private SessionMiddleware sessions() {
        List<SessionMiddleware> found = app.middleware(SessionMiddleware.class);
        if (found.isEmpty()) {
            throw new IllegalStateException("The app has no sessions: configure App.builder().sessions("
                    + "ClientSideSessionConfig…) or sessions(ServerSideSessionConfig…) to use session data in tests");
        }
        return found.getFirst();
    }

    public App app() {
        return app;
    }

    ObjectMapper mapper() {
        return app.objectMapper();
    }

    public TestRequest request(String method, String pathAndQuery) {
        return new TestRequest(this, method.toUpperCase(java.util.Locale.ROOT), pathAndQuery);
    }

    public TestResponse get(String pathAndQuery) {
        return request("GET", pathAndQuery).send();
    }

    public TestResponse head(String pathAndQuery) {
        return request("HEAD", pathAndQuery).send();
    }

    public TestResponse options(String pathAndQuery) {
        return request("OPTIONS", pathAndQuery).send();
    }

    public TestResponse delete(String pathAndQuery) {
        return request("DELETE", pathAndQuery).send();
    }

    /** POSTs {@code json} encoded as JSON (null sends no body). */
    public TestResponse post(String pathAndQuery, Object json) {
        return withJson("POST", pathAndQuery, json);
    }

    public TestResponse put(String pathAndQuery, Object json) {
        return withJson("PUT", pathAndQuery, json);
    }

    public TestResponse patch(String pathAndQuery, Object json) {
        return withJson("PATCH", pathAndQuery, json);
    }

    private TestResponse withJson(String method, String pathAndQuery, Object json) {
        TestRequest request = request(method, pathAndQuery);
        return json == null ? request.send() : request.json(json).send();
    }

    /**
     * Opens a WebSocket to {@code pathAndQuery}: in-process the app answers directly, over
     * {@link #overHttp} it is a real connection. Cookies and default headers are sent with the
     * handshake.
     *
     * @throws WebSocketRejectedException if the app refuses the handshake
     */
    public WebSocketTestSession websocketConnect(String pathAndQuery) {
        return websocketConnect(pathAndQuery, new Headers(0));
    }

    /** As {@link #websocketConnect(String)}, offering {@code subprotocols} (most preferred first). */
    public WebSocketTestSession websocketConnect(String pathAndQuery, String... subprotocols) {
        return websocketConnect(pathAndQuery, new Headers(0), subprotocols);
    }

    /** As {@link #websocketConnect(String)}, with extra handshake headers and offered subprotocols. */
    public WebSocketTestSession websocketConnect(
            String pathAndQuery, Headers handshakeHeaders, String... subprotocols) {
        if (!open) {
            throw new IllegalStateException("This TestClient is closed");
        }
        int question = pathAndQuery.indexOf('?');
        String rawPath = question < 0 ? pathAndQuery : pathAndQuery.substring(0, question);
        String query = question < 0 ? "" : pathAndQuery.substring(question + 1);
        Headers headers = requestHeaders(rawPath, handshakeHeaders);
        List<String> offered = List.of(subprotocols);
        if (remote != null) {
            return remote.openWebSocket(rawPath.isEmpty() ? "/" : pathAndQuery, headers, offered, mapper());
        }
        // what a browser's handshake carries, so the app sees the same headers as behind a server
        headers.add("upgrade", "websocket");
        headers.add("connection", "Upgrade");
        headers.add("sec-websocket-version", "13");
        byte[] key = new byte[16];
        ThreadLocalRandom.current().nextBytes(key);
        headers.add("sec-websocket-key", Base64.getEncoder().encodeToString(key));
        if (!offered.isEmpty()) {
            headers.add("sec-websocket-protocol", String.join(", ", offered));
        }
        Scope scope = Scope.websocket(rawPath.isEmpty() ? "/" : rawPath)
                .queryString(query)
                .headers(headers)
                .client(CLIENT)
                .server(SERVER)
                .scheme("ws")
                .httpVersion("1.1")
                .build();
        return InProcessWebSocket.connect(app, scope, pathAndQuery, mapper(), raiseServerExceptions);
    }

    /** Host, default headers, the request's own headers (replacing defaults of the same name) and cookies. */
    private Headers requestHeaders(String rawPath, Headers requestHeaders) {
        Headers headers = new Headers(requestHeaders.size() + defaultHeaders.size() + 8);
        headers.add("host", "testserver.local");
        headers.addAll(defaultHeaders);
        // a request's own header replaces a default of the same name, but repeated request headers all go out
        for (int i = 0; i < requestHeaders.size(); i++) {
            headers.remove(requestHeaders.nameAt(i));
        }
        headers.addAll(requestHeaders);
        String cookieHeader = cookies.header(rawPath.isEmpty() ? "/" : rawPath);
        if (cookieHeader != null && !headers.contains("cookie")) {
            headers.add("cookie", cookieHeader);
        }
        return headers;
    }

    /** A request's path split from its query, and the headers it goes out with (cookies, content-length). */
    private record Target(String rawPath, String query, Headers headers) {}

    private Target target(String method, String pathAndQuery, Headers requestHeaders, OutgoingBody body) {
        if (!open) {
            throw new IllegalStateException("This TestClient is closed");
        }
        int question = pathAndQuery.indexOf('?');
        String rawPath = question < 0 ? pathAndQuery : pathAndQuery.substring(0, question);
        String query = question < 0 ? "" : pathAndQuery.substring(question + 1);
        Headers headers = requestHeaders(rawPath, requestHeaders);
        if (body.isStreamed()) {
            headers.setIfAbsent("transfer-encoding", "chunked");
        } else if (body.bytes().length > 0 || method.equals("POST") || method.equals("PUT") || method.equals("PATCH")) {
            headers.setIfAbsent("content-length", Integer.toString(body.bytes().length));
        }
        return new Target(rawPath, query, headers);
    }

    TestResponse execute(String method, String pathAndQuery, Headers requestHeaders, OutgoingBody body) {
        Target target = target(method, pathAndQuery, requestHeaders, body);
        String rawPath = target.rawPath();
        String query = target.query();
        Headers headers = target.headers();
        if (remote != null) {
            TestResponse response =
                    remote.exchange(method, rawPath.isEmpty() ? "/" : pathAndQuery, headers, body, mapper());
            for (String setCookie : response.headers().getAll("set-cookie")) {
                cookies.store(setCookie);
            }
            return response;
        }
        Scope scope = Scope.http(method, rawPath.isEmpty() ? "/" : rawPath)
                .queryString(query)
                .headers(headers)
                .client(CLIENT)
                .server(SERVER)
                .scheme("http")
                .httpVersion("1.1")
                .build();
        InProcessHttp exchange = new InProcessHttp(body);
        try {
            callApp(scope, exchange);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("The app failed on " + method + " " + pathAndQuery + ": " + e, e);
        } finally {
            exchange.returned();
        }
        raiseUnhandled(scope, method, pathAndQuery);
        TestResponse response = exchange.response(mapper());
        for (String setCookie : response.headers().getAll("set-cookie")) {
            cookies.store(setCookie);
        }
        return response;
    }

    /**
     * Calls the app as the server would: a route the app runs inline may finish its exchange
     * later (an asynchronous handler), and then the call is over when that completion is.
     */
    private void callApp(Scope scope, InProcessHttp exchange) throws Exception {
        if (app.runsInline(scope)) {
            scope.allowFinishLater();
        }
        app.call(scope, exchange, exchange);
        CompletionStage<?> later = scope.completion();
        if (later == null) {
            return;
        }
        CompletableFuture<Object> over = new CompletableFuture<>();
        later.whenComplete((ignored, error) -> {
            if (error != null) {
                over.completeExceptionally(error);
            } else {
                over.complete(null);
            }
        });
        try {
            over.get(FINISH_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        } catch (TimeoutException e) {
            throw new IllegalStateException(
                    "The app did not finish " + scope + " within " + FINISH_TIMEOUT_SECONDS + " s", e);
        }
    }

    private void raiseUnhandled(Scope scope, String method, String pathAndQuery) {
        Object unhandled = scope.state().get(StateKeys.UNHANDLED_EXCEPTION);
        if (raiseServerExceptions && unhandled instanceof Throwable failure) {
            if (failure instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (failure instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(
                    "The app failed on " + method + " " + pathAndQuery + ": " + failure, failure);
        }
    }

    /**
     * Sends a request and returns once the response started; its body is read as it arrives.
     * In-process the app runs on a virtual thread of its own; closing the response (or this
     * client) is the client leaving.
     */
    StreamedTestResponse executeStreamed(
            String method, String pathAndQuery, Headers requestHeaders, OutgoingBody body) {
        Target target = target(method, pathAndQuery, requestHeaders, body);
        String rawPath = target.rawPath();
        String query = target.query();
        Headers headers = target.headers();
        StreamedTestResponse response;
        if (remote != null) {
            response = remote.stream(method, rawPath.isEmpty() ? "/" : pathAndQuery, headers, body);
        } else {
            Scope scope = Scope.http(method, rawPath.isEmpty() ? "/" : rawPath)
                    .queryString(query)
                    .headers(headers)
                    .client(CLIENT)
                    .server(SERVER)
                    .scheme("http")
                    .httpVersion("1.1")
                    .build();
            InProcessHttp exchange = new InProcessHttp(body);
            Thread.ofVirtual().name("testclient " + method + " " + pathAndQuery).start(() -> {
                try {
                    callApp(scope, exchange);
                } catch (Throwable failure) {
                    scope.state().putIfAbsent(StateKeys.UNHANDLED_EXCEPTION, failure);
                } finally {
                    exchange.returned();
                }
            });
            Message.ResponseStart start;
            try {
                start = exchange.awaitStart(30);
            } catch (InterruptedException e) {
                exchange.leave();
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted during " + method + " " + pathAndQuery, e);
            } catch (IllegalStateException noStartInTime) {
                exchange.leave();
                throw noStartInTime;
            }
            try {
                if (start == null) {
                    raiseUnhandled(scope, method, pathAndQuery);
                    throw new IllegalStateException(
                            "The app returned without starting its response to " + method + " " + pathAndQuery);
                }
                if (start.status() >= 500) {
                    raiseUnhandled(scope, method, pathAndQuery);
                }
            } catch (RuntimeException | Error e) {
                exchange.leave(); // nobody will read this response: the client leaves it
                throw e;
            }
            response = new StreamedTestResponse(
                    start.status(), start.headers(), new InProcessBody(exchange), exchange::leave);
        }
        for (String setCookie : response.headers().getAll("set-cookie")) {
            cookies.store(setCookie);
        }
        synchronized (this) {
            streams.add(response);
        }
        StreamedTestResponse handedOut = response;
        response.afterClose(() -> forget(handedOut));
        return response;
    }

    private synchronized void forget(StreamedTestResponse response) {
        streams.remove(response);
    }

    synchronized CompletableFuture<TestResponse> executeAsync(
            String method, String target, Headers headers, OutgoingBody body) {
        if (asyncExecutor == null) {
            asyncExecutor = Executors.newVirtualThreadPerTaskExecutor();
        }
        return CompletableFuture.supplyAsync(() -> execute(method, target, headers, body), asyncExecutor);
    }

    /** Runs the app's shutdown hooks. */
    @Override
    public void close() {
        if (!open) {
            return;
        }
        // let requests already sent finish before the client refuses new ones and the app shuts down
        synchronized (this) {
            if (asyncExecutor != null) {
                asyncExecutor.close();
            }
        }
        open = false;
        List<StreamedTestResponse> leaving;
        synchronized (this) {
            leaving = List.copyOf(streams);
            streams.clear();
        }
        leaving.forEach(StreamedTestResponse::close); // the client leaves whatever it still streams
        if (remote != null) {
            remote.close();
            onRemoteClose.run();
        } else {
            app.shutdown();
        }
    }
}
