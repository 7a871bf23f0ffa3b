package dev.rigel.websocket;

import static dev.rigel.testing.support.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigel.App;
import dev.rigel.Router;
import dev.rigel.annotation.WebSocket;
import dev.rigel.annotation.WebSocketListener;
import dev.rigel.di.Provide;
import dev.rigel.di.Scoped;
import dev.rigel.exceptions.NotAuthorizedException;
import dev.rigel.exceptions.PermissionDeniedException;
import dev.rigel.http.Guard;
import dev.rigel.http.HttpConnection;
import dev.rigel.http.Request;
import dev.rigel.middleware.AbstractMiddleware;
import dev.rigel.middleware.compression.CompressionConfig;
import dev.rigel.middleware.cors.CORSConfig;
import dev.rigel.middleware.csrf.CSRFConfig;
import dev.rigel.middleware.logging.LoggingConfig;
import dev.rigel.protocol.Application;
import dev.rigel.protocol.Headers;
import dev.rigel.protocol.Message;
import dev.rigel.protocol.Receive;
import dev.rigel.protocol.Scope;
import dev.rigel.protocol.ScopeType;
import dev.rigel.protocol.Send;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.WebSocketRejectedException;
import dev.rigel.testing.WebSocketTestSession;
import dev.rigel.testing.support.Clients;
import dev.rigel.testing.support.Transport;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Guards, middleware (by scope type), dependencies and their cleanup apply to WebSocket routes as to HTTP ones. */
class WebSocketLayersTest {

    static final List<String> EVENTS = new CopyOnWriteArrayList<>();

    @BeforeEach
    void clearEvents() {
        EVENTS.clear();
    }

    /** Admits only handshakes carrying {@code x-token: secret}; the role comes from the route's opt. */
    static final Guard TOKEN = (request, handler) -> {
        EVENTS.add("guard saw " + request.method() + " " + request.path() + " on " + handler.scopeType());
        if (!"secret".equals(request.headers().get("x-token"))) {
            throw new NotAuthorizedException("A valid x-token is required");
        }
        Object role = handler.opt().get("role");
        if (role != null && !role.equals(request.headers().get("x-role"))) {
            throw new PermissionDeniedException("Only " + role + " may connect");
        }
    };

    /** Tags every text message the app sends, for the scopes it is configured for. */
    static final class Tagging extends AbstractMiddleware {
        private final String tag;

        Tagging(String tag) {
            this.tag = tag;
        }

        @Override
        protected void handle(Scope scope, Receive receive, Send send, Application next) throws Exception {
            EVENTS.add(tag + " saw " + scope.type().label());
            next.call(
                    scope,
                    receive,
                    message -> send.send(
                            message instanceof Message.WebSocketSend text && text.isText()
                                    ? Message.WebSocketSend.text(tag + ":" + text.asText())
                                    : message));
        }
    }

    public static class Sockets {
        @WebSocket(value = "/secure", opt = "role=admin")
        public void secure(WebSocketConnection socket, String account) {
            socket.accept();
            socket.sendText("hello " + account);
        }

        @WebSocketListener("/tagged")
        public String tagged(String data) {
            return data;
        }

        /** A dependency that learns about the connection, and cleans up once it is over. */
        @WebSocketListener("/resource")
        public String resource(String data, String resource) {
            EVENTS.add("using " + resource + " for " + data);
            return resource;
        }

        @WebSocket("/handshake-request")
        public void handshakeRequest(WebSocketConnection socket, Request request, HttpConnection connection) {
            socket.accept();
            socket.sendText(request.method() + " " + request.path() + " " + request.body().length + " "
                    + (connection == socket));
        }
    }

    static Scoped<String> openResource(HttpConnection connection) {
        EVENTS.add("open for " + connection.path());
        return Scoped.of("res", outcome -> EVENTS.add("closed " + (outcome.failed() ? "after a failure" : "cleanly")));
    }

    private static App app() {
        Router guarded = Router.builder("/g")
                .guards(TOKEN)
                .routeHandlers(Sockets.class)
                .dependency("account", Provide.value("account-1"))
                .dependency("resource", Provide.of(WebSocketLayersTest::openResource))
                .build();
        return App.builder()
                .routeHandlers(
                        guarded,
                        Router.builder("/m")
                                .routeHandlers(Sockets.class)
                                .middleware(
                                        new Tagging("ws").scopes(ScopeType.WEBSOCKET),
                                        new Tagging("http").scopes(ScopeType.HTTP),
                                        new Tagging("both"))
                                .dependency("account", Provide.value("unused"))
                                .dependency("resource", Provide.of(WebSocketLayersTest::openResource))
                                .build(),
                        Router.builder("/key")
                                .routeHandlers(Sockets.class)
                                .middleware(next -> (scope, receive, send) -> {
                                    if (!scope.headers().contains("x-key")) {
                                        throw new NotAuthorizedException("An x-key is required");
                                    }
                                    next.call(scope, receive, send);
                                })
                                .dependency("account", Provide.value("keyed"))
                                .dependency("resource", Provide.value("r"))
                                .build())
                .build();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void guardsRefuseTheHandshakeWithTheirStatus(Transport transport) {
        try (TestClient client = Clients.open(app(), transport)) {
            assertThatThrownBy(() -> client.websocketConnect("/g/secure"))
                    .isInstanceOfSatisfying(
                            WebSocketRejectedException.class,
                            e -> assertThat(e.status()).isEqualTo(401));
            assertThatThrownBy(() -> client.websocketConnect("/g/secure", Headers.of("x-token", "secret")))
                    .isInstanceOfSatisfying(
                            WebSocketRejectedException.class,
                            e -> assertThat(e.status()).isEqualTo(403));
            try (WebSocketTestSession socket =
                    client.websocketConnect("/g/secure", Headers.of("x-token", "secret", "x-role", "admin"))) {
                assertThat(socket.receiveText()).isEqualTo("hello account-1");
            }
        }
        assertThat(EVENTS).containsOnly("guard saw GET /g/secure on WEBSOCKET");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aMiddlewareThatRaisesBeforeTheHandshakeRefusesIt(Transport transport) {
        try (TestClient client = Clients.open(app(), transport)) {
            assertThatThrownBy(() -> client.websocketConnect("/key/secure"))
                    .isInstanceOfSatisfying(
                            WebSocketRejectedException.class,
                            e -> assertThat(e.status()).isEqualTo(401));
            try (WebSocketTestSession socket = client.websocketConnect("/key/secure", Headers.of("x-key", "k"))) {
                assertThat(socket.receiveText()).isEqualTo("hello keyed");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void middlewareAppliesByScopeType(Transport transport) {
        try (TestClient client = Clients.open(app(), transport)) {
            try (WebSocketTestSession socket = client.websocketConnect("/m/tagged")) {
                socket.sendText("hi");
                // the first middleware given is the outermost, so its tag ends up first
                assertThat(socket.receiveText()).isEqualTo("ws:both:hi");
            }
            // before the client closes, which stops the server and would close the socket with 1001
            eventually(() -> assertThat(EVENTS).containsExactly("ws saw websocket", "both saw websocket"));
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void dependenciesAreResolvedOncePerConnectionAndCleanedUpAfterIt(Transport transport) {
        try (TestClient client = Clients.open(app(), transport)) {
            try (WebSocketTestSession socket =
                    client.websocketConnect("/g/resource", Headers.of("x-token", "secret"))) {
                socket.sendText("a");
                assertThat(socket.receiveText()).isEqualTo("res");
                socket.sendText("b");
                assertThat(socket.receiveText()).isEqualTo("res");
            }
            // before the client closes, which stops the server and would close the socket with 1001
            eventually(() -> assertThat(EVENTS)
                    .containsExactly(
                            "guard saw GET /g/resource on WEBSOCKET",
                            "open for /g/resource",
                            "using res for a",
                            "using res for b",
                            "closed cleanly"));
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void dependencyOverridesApply(Transport transport) {
        App app = app().withDependencyOverrides(Map.of("account", Provide.value("fake-account")));
        try (TestClient client = Clients.open(app, transport);
                WebSocketTestSession socket =
                        client.websocketConnect("/g/secure", Headers.of("x-token", "secret", "x-role", "admin"))) {
            assertThat(socket.receiveText()).isEqualTo("hello fake-account");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void theHandshakeIsTheRequestAndTheConnectionIsTheSocket(Transport transport) {
        try (TestClient client = Clients.open(app(), transport);
                WebSocketTestSession socket = client.websocketConnect("/m/handshake-request")) {
            assertThat(socket.receiveText()).isEqualTo("ws:both:GET /m/handshake-request 0 true");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void builtInMiddlewareLeavesWebSocketsAlone(Transport transport) {
        App app = App.builder()
                .routeHandlers(Sockets.class)
                .dependency("account", Provide.value("a"))
                .dependency("resource", Provide.value("r"))
                .cors(CORSConfig.builder().allowOrigins("https://example.com").build())
                .csrf(CSRFConfig.builder("0123456789abcdef0123456789abcdef").build())
                .compression(CompressionConfig.defaults().minimumSize(1))
                .logging(LoggingConfig.defaults())
                .build();
        try (TestClient client = Clients.open(app, transport);
                WebSocketTestSession socket = client.websocketConnect("/tagged")) {
            socket.sendText("x".repeat(2000));
            assertThat(socket.receiveText()).isEqualTo("x".repeat(2000));
        }
    }
}
