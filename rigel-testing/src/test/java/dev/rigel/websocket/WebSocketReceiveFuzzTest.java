package dev.rigel.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rigel.App;
import dev.rigel.Controller;
import dev.rigel.annotation.WebSocketListener;
import dev.rigel.exceptions.WebSocketDisconnectException;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.WebSocketTestSession;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The WebSocket receive path: any message, as text and as binary, sent to listeners whose
 * {@code data} is a string, bytes, a validated record or a generic collection, is answered, or
 * the connection is closed with 4500 and the detail of a client error (never "Internal Server
 * Error"; in-process the TestClient also re-throws any exception the listener failed with).
 */
class WebSocketReceiveFuzzTest {

    record Tag(@NotBlank String label) {}

    record Greeting(@NotBlank String name, @Max(5) int times, Instant at, List<@Valid Tag> tags) {}

    public static class Listeners extends Controller {
        public Listeners() {
            super("/fuzz");
        }

        @WebSocketListener("/text")
        public String text(String data) {
            return "chars " + data.length();
        }

        @WebSocketListener("/bytes")
        public String bytes(byte[] data) {
            return "bytes " + data.length;
        }

        @WebSocketListener("/greet")
        public String greet(Greeting data) {
            return "hello " + data.name();
        }

        @WebSocketListener("/numbers")
        public String numbers(Map<String, List<BigDecimal>> data) {
            return "keys " + data.size();
        }
    }

    private static final TestClient CLIENT =
            TestClient.of(App.builder().routeHandlers(new Listeners()).build());

    private static final String[] PATHS = {"/fuzz/text", "/fuzz/bytes", "/fuzz/greet", "/fuzz/numbers"};

    @FuzzTest
    void answersOrClosesWithAClientError(byte[] message) {
        String text = new String(message, StandardCharsets.UTF_8);
        boolean utf8 = isUtf8(message);
        for (String path : PATHS) {
            exchange(path, socket -> socket.sendText(text), false);
            exchange(path, socket -> socket.sendBytes(message), !utf8);
        }
    }

    /**
     * Sends one message and expects a reply, or a close with 4500 and a client error's detail; 1007
     * (invalid payload) too when {@code invalidUtf8} bytes went to a listener that reads text.
     */
    private static void exchange(String path, Consumer<WebSocketTestSession> send, boolean invalidUtf8) {
        try (WebSocketTestSession socket = CLIENT.websocketConnect(path)) {
            send.accept(socket);
            try {
                assertThat(socket.receiveText()).isNotNull();
            } catch (WebSocketDisconnectException closed) {
                if (invalidUtf8 && closed.code() == CloseCodes.INVALID_PAYLOAD) {
                    return;
                }
                assertThat(closed.code()).as("close code on %s", path).isEqualTo(4500);
                assertThat(closed.reason()).as("close reason on %s", path).isNotEqualTo("Internal Server Error");
            }
        }
    }

    private static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException notUtf8) {
            return false;
        }
    }
}
