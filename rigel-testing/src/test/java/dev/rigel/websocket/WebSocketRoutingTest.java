package dev.rigel.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigel.App;
import dev.rigel.Route;
import dev.rigel.annotation.Get;
import dev.rigel.annotation.WebSocket;
import dev.rigel.exceptions.ImproperlyConfiguredException;
import dev.rigel.http.HandlerInfo;
import dev.rigel.protocol.ScopeType;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.TestResponse;
import dev.rigel.testing.WebSocketRejectedException;
import dev.rigel.testing.WebSocketTestSession;
import dev.rigel.testing.support.Clients;
import dev.rigel.testing.support.Transport;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** WebSocket routes share the path space with HTTP routes; each kind of request finds only its own kind. */
class WebSocketRoutingTest {

    public static class Feed {
        @Get("/feed")
        public String page() {
            return "the feed page";
        }

        @WebSocket("/feed")
        public void live(WebSocketConnection socket) {
            socket.accept();
            socket.sendText("live");
        }

        @WebSocket("/items/{id:int}")
        public void item(WebSocketConnection socket, int id) {
            socket.accept();
            socket.sendText("item " + (id + 1));
        }
    }

    private static App app() {
        return App.builder()
                .routeHandlers(Feed.class, Route.get("/plain", () -> "plain"))
                .build();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void httpAndWebSocketRoutesMayShareAPath(Transport transport) {
        try (TestClient client = Clients.open(app(), transport)) {
            assertThat(client.get("/feed").text()).isEqualTo("the feed page");
            try (WebSocketTestSession socket = client.websocketConnect("/feed")) {
                assertThat(socket.receiveText()).isEqualTo("live");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void pathParametersAreConvertedAsForHttp(Transport transport) {
        try (TestClient client = Clients.open(app(), transport)) {
            try (WebSocketTestSession socket = client.websocketConnect("/items/41")) {
                assertThat(socket.receiveText()).isEqualTo("item 42");
            }
            assertThatThrownBy(() -> client.websocketConnect("/items/abc"))
                    .isInstanceOfSatisfying(
                            WebSocketRejectedException.class,
                            e -> assertThat(e.status()).isEqualTo(404));
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aWebSocketToAPathWithoutAWebSocketRouteIsRefusedWith404(Transport transport) {
        try (TestClient client = Clients.open(app(), transport)) {
            assertThatThrownBy(() -> client.websocketConnect("/nowhere"))
                    .isInstanceOfSatisfying(
                            WebSocketRejectedException.class,
                            e -> assertThat(e.status()).isEqualTo(404));
            assertThatThrownBy(() -> client.websocketConnect("/plain"))
                    .isInstanceOfSatisfying(
                            WebSocketRejectedException.class,
                            e -> assertThat(e.status()).isEqualTo(404));
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aPlainRequestToAWebSocketOnlyPathIs400(Transport transport) {
        try (TestClient client = Clients.open(app(), transport)) {
            TestResponse response = client.get("/items/1");
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.header("content-type")).isEqualTo("application/json");
            assertThat(response.jsonMap())
                    .isEqualTo(Map.of("status_code", 400, "detail", "Expected a WebSocket upgrade request"));
            assertThat(client.post("/items/1", Map.of()).status()).isEqualTo(400);
        }
    }

    @Test
    void routesListWebSocketRoutesWithTheirScopeType() {
        App app = app();
        assertThat(app.routes())
                .filteredOn(route -> route.scopeType() == ScopeType.WEBSOCKET)
                .extracting(HandlerInfo::pathTemplate)
                .containsExactlyInAnyOrder("/feed", "/items/{id:int}");
        assertThat(app.routes())
                .filteredOn(route -> route.scopeType() == ScopeType.WEBSOCKET)
                .allSatisfy(route -> assertThat(route.methods()).isEmpty());
    }

    // ---- mistakes found at startup

    public static class TwoOnOnePath {
        @WebSocket("/dup")
        public void one(WebSocketConnection socket) {}

        @WebSocket("/dup")
        public void two(WebSocketConnection socket) {}
    }

    public static class ReturnsSomething {
        @WebSocket("/r")
        public String handle(WebSocketConnection socket) {
            return "dropped";
        }
    }

    public static class WantsABody {
        @WebSocket("/b")
        public void handle(WebSocketConnection socket, String data) {}
    }

    public static class HttpWantsASocket {
        @Get("/h")
        public String handle(WebSocketConnection socket) {
            return "";
        }
    }

    @Test
    void twoWebSocketRoutesOnOnePathAreRefused() {
        assertThatThrownBy(() -> App.builder().routeHandlers(TwoOnOnePath.class).build())
                .isInstanceOf(ImproperlyConfiguredException.class)
                .hasMessageContaining("Two WebSocket routes for /dup");
    }

    @Test
    void aWebSocketHandlerReturnsNothing() {
        assertThatThrownBy(() ->
                        App.builder().routeHandlers(ReturnsSomething.class).build())
                .isInstanceOf(ImproperlyConfiguredException.class)
                .hasMessageContaining("a @WebSocket handler returns nothing");
    }

    @Test
    void aWebSocketHandlerHasNoBody() {
        assertThatThrownBy(() -> App.builder().routeHandlers(WantsABody.class).build())
                .isInstanceOf(ImproperlyConfiguredException.class)
                .hasMessageContaining("parameter 'data'")
                .hasMessageContaining("a WebSocket handshake has none");
    }

    @Test
    void onlyWebSocketRoutesTakeAConnection() {
        assertThatThrownBy(() ->
                        App.builder().routeHandlers(HttpWantsASocket.class).build())
                .isInstanceOf(ImproperlyConfiguredException.class)
                .hasMessageContaining("only WebSocket routes have");
    }
}
