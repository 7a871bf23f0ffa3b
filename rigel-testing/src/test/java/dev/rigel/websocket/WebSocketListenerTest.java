package dev.rigel.websocket;

import static dev.rigel.testing.support.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigel.App;
import dev.rigel.Controller;
import dev.rigel.WebSocketRoute;
import dev.rigel.annotation.WebSocketListener;
import dev.rigel.exceptions.ImproperlyConfiguredException;
import dev.rigel.exceptions.WebSocketException;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.WebSocketTestSession;
import dev.rigel.testing.support.Clients;
import dev.rigel.testing.support.Transport;
import jakarta.validation.constraints.NotBlank;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Listeners: Rigel accepts, decodes each message into {@code data}, sends back the return value,
 * and calls onAccept / onDisconnect around the connection; as methods, classes and lambdas.
 */
class WebSocketListenerTest {

    static final List<String> EVENTS = new CopyOnWriteArrayList<>();

    @BeforeEach
    void clearEvents() {
        EVENTS.clear();
    }

    record Greeting(@NotBlank String name, int times) {}

    record Reply(String text) {}

    public static class Listeners extends Controller {
        public Listeners() {
            super("/listen");
        }

        @WebSocketListener(value = "/upper", onAccept = "joined", onDisconnect = "left")
        public String upper(String data) {
            return data.toUpperCase();
        }

        public void joined(WebSocketConnection socket) {
            EVENTS.add("joined " + socket.path());
            socket.sendText("welcome");
        }

        public void left(WebSocketConnection socket) {
            EVENTS.add("left with " + socket.closeCode());
        }

        @WebSocketListener("/greet")
        public Reply greet(Greeting data) {
            return new Reply(("hello " + data.name() + " ").repeat(data.times()).trim());
        }

        @WebSocketListener("/reverse-bytes")
        public byte[] reverse(byte[] data) {
            byte[] out = new byte[data.length];
            for (int i = 0; i < data.length; i++) {
                out[i] = data[data.length - 1 - i];
            }
            return out;
        }

        /** Replies only to some messages; null sends nothing. */
        @WebSocketListener("/evens")
        public Integer evens(Integer data) {
            return data % 2 == 0 ? data : null;
        }

        @WebSocketListener("/strict")
        public String strict(String data, WebSocketConnection socket) {
            if (data.equals("quit")) {
                socket.close(4000, "you asked");
                return null;
            }
            if (data.equals("bad")) {
                throw new WebSocketException(4400, "bad word");
            }
            return "ok " + data;
        }
    }

    /** Litestar's class-based listener: onReceive, onAccept, onDisconnect by name. */
    @WebSocketListener("/counter")
    public static class Counter {
        public void onAccept(WebSocketConnection socket) {
            socket.state().put("count", 0);
            EVENTS.add("counter open");
        }

        public Map<String, Object> onReceive(String data, WebSocketConnection socket) {
            int count = (int) socket.state().get("count") + 1;
            socket.state().put("count", count);
            return Map.of("count", count, "last", data);
        }

        public void onDisconnect(WebSocketConnection socket) {
            EVENTS.add("counter closed after " + socket.state().get("count"));
        }
    }

    private static App app() {
        return App.builder()
                .routeHandlers(
                        Listeners.class,
                        Counter.class,
                        WebSocketRoute.listener("/lambda/{n:int}", (String data, Integer n) -> data.repeat(n))
                                .onAccept((WebSocketConnection socket) -> socket.sendText("ready"))
                                .onDisconnect((WebSocketConnection socket) ->
                                        EVENTS.add("lambda closed " + socket.closeCode())),
                        WebSocketRoute.handler("/lambda-handler", (WebSocketConnection socket) -> {
                            socket.accept();
                            socket.sendText("first: " + socket.receiveText());
                        }))
                .build();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aListenerMethodRepliesWithWhatItReturnsBetweenItsCallbacks(Transport transport) {
        try (TestClient client = Clients.open(app(), transport)) {
            try (WebSocketTestSession socket = client.websocketConnect("/listen/upper")) {
                assertThat(socket.receiveText()).isEqualTo("welcome");
                socket.sendText("abc");
                assertThat(socket.receiveText()).isEqualTo("ABC");
                socket.sendText("déjà");
                assertThat(socket.receiveText()).isEqualTo("DÉJÀ");
                socket.close(4321, "");
            }
            // before the client closes, which stops the server and would close the socket with 1001
            eventually(() -> assertThat(EVENTS).containsExactly("joined /listen/upper", "left with 4321"));
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void dataIsDecodedFromJsonAndTheReplyEncodedAsJson(Transport transport) {
        try (TestClient client = Clients.open(app(), transport);
                WebSocketTestSession socket = client.websocketConnect("/listen/greet")) {
            socket.sendJson(Map.of("name", "Ada", "times", 2));
            assertThat(socket.receiveJson(Reply.class)).isEqualTo(new Reply("hello Ada hello Ada"));
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void binaryDataAndBinaryReplies(Transport transport) {
        try (TestClient client = Clients.open(app(), transport);
                WebSocketTestSession socket = client.websocketConnect("/listen/reverse-bytes")) {
            socket.sendBytes(new byte[] {1, 2, 3});
            assertThat(socket.receiveBytes()).containsExactly(3, 2, 1);
            socket.sendText("ab"); // a text message read as bytes: its UTF-8
            assertThat(socket.receiveBytes()).containsExactly("ba".getBytes(StandardCharsets.UTF_8));
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aNullReplySendsNothing(Transport transport) {
        try (TestClient client = Clients.open(app(), transport);
                WebSocketTestSession socket = client.websocketConnect("/listen/evens")) {
            for (int i = 1; i <= 4; i++) {
                socket.sendText(Integer.toString(i));
            }
            assertThat(socket.receiveText()).isEqualTo("2");
            assertThat(socket.receiveText()).isEqualTo("4");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void invalidDataClosesWith4500AndTheValidationDetail(Transport transport) {
        try (TestClient client = Clients.open(app(), transport)) {
            try (WebSocketTestSession socket = client.websocketConnect("/listen/greet")) {
                socket.sendText("{not json");
                WebSocketTestSession.Close close = socket.awaitClose();
                assertThat(close.code()).isEqualTo(4500);
                assertThat(close.reason()).startsWith("Malformed JSON");
            }
            try (WebSocketTestSession socket = client.websocketConnect("/listen/greet")) {
                socket.sendJson(Map.of("name", " ", "times", 1));
                assertThat(socket.awaitClose())
                        .isEqualTo(
                                new WebSocketTestSession.Close(4500, "Validation failed for WEBSOCKET /listen/greet"));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aListenerMayCloseOrRefuseWithACode(Transport transport) {
        try (TestClient client = Clients.open(app(), transport)) {
            try (WebSocketTestSession socket = client.websocketConnect("/listen/strict")) {
                socket.sendText("x");
                assertThat(socket.receiveText()).isEqualTo("ok x");
                socket.sendText("quit");
                assertThat(socket.awaitClose()).isEqualTo(new WebSocketTestSession.Close(4000, "you asked"));
            }
            try (WebSocketTestSession socket = client.websocketConnect("/listen/strict")) {
                socket.sendText("bad");
                assertThat(socket.awaitClose()).isEqualTo(new WebSocketTestSession.Close(4400, "bad word"));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aListenerClassKeepsPerConnectionState(Transport transport) {
        try (TestClient client = Clients.open(app(), transport)) {
            try (WebSocketTestSession socket = client.websocketConnect("/counter")) {
                socket.sendText("a");
                assertThat(socket.receiveJson(Map.class)).isEqualTo(Map.of("count", 1, "last", "a"));
                socket.sendText("b");
                assertThat(socket.receiveJson(Map.class)).isEqualTo(Map.of("count", 2, "last", "b"));
            }
            eventually(() -> assertThat(EVENTS).containsExactly("counter open", "counter closed after 2"));
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void lambdaListenersAndHandlers(Transport transport) {
        try (TestClient client = Clients.open(app(), transport)) {
            try (WebSocketTestSession socket = client.websocketConnect("/lambda/3")) {
                assertThat(socket.receiveText()).isEqualTo("ready");
                socket.sendText("ab");
                assertThat(socket.receiveText()).isEqualTo("ababab");
            }
            eventually(() -> assertThat(EVENTS).containsExactly("lambda closed 1000"));
            try (WebSocketTestSession socket = client.websocketConnect("/lambda-handler")) {
                socket.sendText("one");
                assertThat(socket.receiveText()).isEqualTo("first: one");
                assertThat(socket.awaitClose().code()).isEqualTo(1000);
            }
        }
    }

    @Test
    void onAcceptMustNameAnExistingMethod() {
        class Broken {
            @WebSocketListener(value = "/x", onAccept = "missing")
            public String echo(String data) {
                return data;
            }
        }
        assertThatThrownBy(() -> App.builder().routeHandlers(new Broken()).build())
                .isInstanceOf(ImproperlyConfiguredException.class)
                .hasMessageContaining("onAccept = \"missing\" names no method");
    }

    @Test
    void aListenerClassNeedsOnReceive() {
        assertThatThrownBy(() -> App.builder().routeHandlers(NoReceive.class).build())
                .isInstanceOf(ImproperlyConfiguredException.class)
                .hasMessageContaining("has no onReceive method");
    }

    @WebSocketListener("/nothing")
    public static class NoReceive {
        public void onAccept(WebSocketConnection socket) {}
    }

    @Test
    void callbacksAreOnlyForListeners() {
        assertThatThrownBy(() -> WebSocketRoute.handler("/h", (WebSocketConnection socket) -> socket.accept())
                        .onAccept((WebSocketConnection socket) -> {}))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("onAccept is for listeners");
    }
}
