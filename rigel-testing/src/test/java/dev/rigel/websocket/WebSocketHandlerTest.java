package dev.rigel.websocket;

import static dev.rigel.testing.support.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigel.App;
import dev.rigel.annotation.Param;
import dev.rigel.annotation.WebSocket;
import dev.rigel.exceptions.NotFoundException;
import dev.rigel.exceptions.WebSocketDisconnectException;
import dev.rigel.exceptions.WebSocketException;
import dev.rigel.protocol.Headers;
import dev.rigel.protocol.Message;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.WebSocketRejectedException;
import dev.rigel.testing.WebSocketTestSession;
import dev.rigel.testing.support.Clients;
import dev.rigel.testing.support.Transport;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code @WebSocket} handlers: handshake, messages both ways, closing from either side, failures. */
class WebSocketHandlerTest {

    /** What handlers saw, written from their threads. */
    static final List<String> EVENTS = new CopyOnWriteArrayList<>();

    @BeforeEach
    void clearEvents() {
        EVENTS.clear();
    }

    record Point(int x, int y) {}

    public static class Sockets {
        @WebSocket("/echo")
        public void echo(WebSocketConnection socket) {
            socket.accept();
            for (Message.WebSocketReceive message : socket.messages()) {
                if (message.isText()) {
                    socket.sendText("echo: " + message.asText());
                } else {
                    socket.sendBytes(message.data());
                }
            }
            EVENTS.add("echo ended with " + socket.closeCode() + " " + socket.closeReason());
        }

        @WebSocket("/points")
        public void points(WebSocketConnection socket) {
            socket.accept();
            Point point = socket.receiveJson(Point.class);
            socket.sendJson(new Point(point.y(), point.x()));
            socket.sendJson(Map.of("sum", point.x() + point.y()));
        }

        @WebSocket("/rooms/{room}")
        public void room(
                WebSocketConnection socket,
                String room,
                @Param(query = "nick") String nick,
                @Param(header = "x-team") String team,
                @Param(cookie = "session") String session) {
            socket.accept();
            socket.sendText(room + "/" + nick + "/" + team + "/" + session + "/"
                    + socket.pathParams().get("room"));
        }

        @WebSocket("/protocols")
        public void protocols(WebSocketConnection socket) {
            List<String> offered = socket.requestedSubprotocols();
            socket.accept(offered.contains("chat.v2") ? "chat.v2" : null);
            socket.sendText(String.join(",", offered) + " -> " + socket.subprotocol());
        }

        @WebSocket("/goodbye")
        public void goodbye(WebSocketConnection socket) {
            socket.accept();
            socket.sendText("bye");
            socket.close(4001, "done here");
            EVENTS.add("state after close: " + socket.readyState());
        }

        @WebSocket("/returns")
        public void returns(WebSocketConnection socket) {
            socket.accept();
            socket.sendText("only this");
        }

        @WebSocket("/fails")
        public void fails(WebSocketConnection socket) {
            socket.accept();
            socket.receiveText();
            throw new IllegalStateException("handler bug");
        }

        @WebSocket("/refuses-with-code")
        public void refusesWithCode(WebSocketConnection socket) {
            socket.accept();
            String text = socket.receiveText();
            throw new WebSocketException(4422, "cannot use " + text);
        }

        @WebSocket("/not-found-after-accept")
        public void notFoundAfterAccept(WebSocketConnection socket) {
            socket.accept();
            throw new NotFoundException("no such room");
        }

        @WebSocket("/closes-before-accept")
        public void closesBeforeAccept(WebSocketConnection socket) {
            socket.close(4003, "not today");
        }

        @WebSocket("/fails-before-accept")
        public void failsBeforeAccept(WebSocketConnection socket) {
            throw new NotFoundException("no such room");
        }

        @WebSocket("/client-close")
        public void clientClose(WebSocketConnection socket) {
            socket.accept();
            try {
                while (true) {
                    socket.receiveText();
                }
            } catch (WebSocketDisconnectException e) {
                EVENTS.add("client closed with " + e.code() + " " + e.reason());
            }
        }

        /** Pushes from another thread while this one is blocked receiving. */
        @WebSocket("/ticker")
        public void ticker(WebSocketConnection socket) throws InterruptedException {
            socket.accept();
            CountDownLatch pushed = new CountDownLatch(1);
            Thread pusher = Thread.ofVirtual().start(() -> {
                for (int i = 0; i < 50; i++) {
                    socket.sendText("tick " + i);
                }
                pushed.countDown();
            });
            String reply = socket.receiveText(); // blocks while the pusher sends
            pusher.join();
            socket.sendText("got " + reply + " after " + pushed.await(1, TimeUnit.SECONDS));
        }
    }

    private static App app() {
        return App.builder().routeHandlers(Sockets.class).build();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void echoesTextAndBinaryMessages(Transport transport) {
        try (TestClient client = Clients.open(app(), transport)) {
            try (WebSocketTestSession socket = client.websocketConnect("/echo")) {
                socket.sendText("hello");
                assertThat(socket.receiveText()).isEqualTo("echo: hello");
                socket.sendBytes(new byte[] {0, 1, 2, (byte) 255});
                assertThat(socket.receiveBytes()).containsExactly(0, 1, 2, 255);
                socket.sendText("héllo ✓");
                assertThat(socket.receiveText()).isEqualTo("echo: héllo ✓");
            }
            // before the client closes, which stops the server and would close the socket with 1001
            eventually(() -> assertThat(EVENTS).containsExactly("echo ended with 1000 "));
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void exchangesJson(Transport transport) {
        try (TestClient client = Clients.open(app(), transport);
                WebSocketTestSession socket = client.websocketConnect("/points")) {
            socket.sendJson(new Point(3, 4));
            assertThat(socket.receiveJson(Point.class)).isEqualTo(new Point(4, 3));
            assertThat(socket.receiveText()).isEqualTo("{\"sum\":7}");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void bindsPathQueryHeaderAndCookieValuesFromTheHandshake(Transport transport) {
        try (TestClient client = Clients.open(app(), transport)) {
            client.cookie("session", "s1");
            try (WebSocketTestSession socket =
                    client.websocketConnect("/rooms/lobby?nick=ada", Headers.of("x-team", "blue"))) {
                assertThat(socket.receiveText()).isEqualTo("lobby/ada/blue/s1/lobby");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void acceptsASubprotocolTheClientOffered(Transport transport) {
        try (TestClient client = Clients.open(app(), transport)) {
            try (WebSocketTestSession socket = client.websocketConnect("/protocols", "chat.v1", "chat.v2")) {
                assertThat(socket.subprotocol()).isEqualTo("chat.v2");
                assertThat(socket.receiveText()).isEqualTo("chat.v1,chat.v2 -> chat.v2");
            }
            try (WebSocketTestSession socket = client.websocketConnect("/protocols")) {
                assertThat(socket.subprotocol()).isNull();
                assertThat(socket.receiveText()).isEqualTo(" -> null");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void theServerClosesWithItsCodeAndReason(Transport transport) {
        try (TestClient client = Clients.open(app(), transport);
                WebSocketTestSession socket = client.websocketConnect("/goodbye")) {
            assertThat(socket.receiveText()).isEqualTo("bye");
            assertThat(socket.awaitClose()).isEqualTo(new WebSocketTestSession.Close(4001, "done here"));
            assertThatThrownBy(socket::receiveText)
                    .isInstanceOfSatisfying(
                            WebSocketDisconnectException.class,
                            e -> assertThat(e.code()).isEqualTo(4001));
        }
        eventually(() -> assertThat(EVENTS).containsExactly("state after close: CLOSED"));
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aHandlerThatReturnsClosesNormally(Transport transport) {
        try (TestClient client = Clients.open(app(), transport);
                WebSocketTestSession socket = client.websocketConnect("/returns")) {
            assertThat(socket.receiveText()).isEqualTo("only this");
            assertThat(socket.awaitClose().code()).isEqualTo(1000);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void theHandlerLearnsTheClientsCloseCode(Transport transport) {
        try (TestClient client = Clients.open(app(), transport)) {
            try (WebSocketTestSession socket = client.websocketConnect("/client-close")) {
                socket.sendText("one");
                socket.close(4002, "leaving");
            }
            // before the client closes, which stops the server and would close the socket with 1001
            eventually(() -> assertThat(EVENTS).containsExactly("client closed with 4002 leaving"));
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void anExceptionAfterAcceptClosesWith4500(Transport transport) {
        try (TestClient client = Clients.open(app(), transport);
                WebSocketTestSession socket = client.websocketConnect("/fails")) {
            socket.sendText("trigger");
            assertThat(socket.awaitClose()).isEqualTo(new WebSocketTestSession.Close(4500, "Internal Server Error"));
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aWebSocketExceptionClosesWithItsOwnCode(Transport transport) {
        try (TestClient client = Clients.open(app(), transport);
                WebSocketTestSession socket = client.websocketConnect("/refuses-with-code")) {
            socket.sendText("xyz");
            assertThat(socket.awaitClose()).isEqualTo(new WebSocketTestSession.Close(4422, "cannot use xyz"));
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void anHttpExceptionAfterAcceptClosesWith4500AndItsDetail(Transport transport) {
        try (TestClient client = Clients.open(app(), transport);
                WebSocketTestSession socket = client.websocketConnect("/not-found-after-accept")) {
            assertThat(socket.awaitClose()).isEqualTo(new WebSocketTestSession.Close(4500, "no such room"));
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void closingBeforeAcceptRefusesTheHandshakeWith403(Transport transport) {
        try (TestClient client = Clients.open(app(), transport)) {
            assertThatThrownBy(() -> client.websocketConnect("/closes-before-accept"))
                    .isInstanceOfSatisfying(
                            WebSocketRejectedException.class,
                            e -> assertThat(e.status()).isEqualTo(403));
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void anExceptionBeforeAcceptIsTheHttpAnswerToTheHandshake(Transport transport) {
        try (TestClient client = Clients.open(app(), transport)) {
            assertThatThrownBy(() -> client.websocketConnect("/fails-before-accept"))
                    .isInstanceOfSatisfying(
                            WebSocketRejectedException.class,
                            e -> assertThat(e.status()).isEqualTo(404));
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void anotherThreadMaySendWhileTheHandlerIsBlockedReceiving(Transport transport) {
        try (TestClient client = Clients.open(app(), transport);
                WebSocketTestSession socket = client.websocketConnect("/ticker")) {
            for (int i = 0; i < 50; i++) {
                assertThat(socket.receiveText()).isEqualTo("tick " + i);
            }
            socket.sendText("go");
            assertThat(socket.receiveText()).isEqualTo("got go after true");
        }
    }

    @org.junit.jupiter.api.Test
    void inProcessTheClientReThrowsTheHandlersExceptionByDefault() {
        try (TestClient client = TestClient.of(app())) {
            WebSocketTestSession socket = client.websocketConnect("/fails");
            socket.sendText("trigger");
            assertThatThrownBy(socket::awaitClose)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("handler bug");
            socket.close();
        }
    }

    @org.junit.jupiter.api.Test
    void inProcessTheRefusalCarriesTheAppsCloseCodeAndResponseBody() {
        try (TestClient client = TestClient.of(app())) {
            assertThatThrownBy(() -> client.websocketConnect("/closes-before-accept"))
                    .isInstanceOfSatisfying(
                            WebSocketRejectedException.class,
                            e -> assertThat(e.closeCode()).isEqualTo(4003));
            assertThatThrownBy(() -> client.websocketConnect("/fails-before-accept"))
                    .isInstanceOfSatisfying(
                            WebSocketRejectedException.class,
                            e -> assertThat(e.text()).isEqualTo("{\"status_code\":404,\"detail\":\"no such room\"}"));
        }
    }
}
