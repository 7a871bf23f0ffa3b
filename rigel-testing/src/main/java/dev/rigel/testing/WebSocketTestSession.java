package dev.rigel.testing;

import dev.rigel.exceptions.WebSocketDisconnectException;
import java.lang.reflect.Type;
import java.time.Duration;

/**
 * An open WebSocket to the app, from {@link TestClient#websocketConnect(String)}: in-process it
 * talks to the app directly, over {@link TestClient#overHttp} it is a real connection through the
 * JDK's {@code java.net.http.WebSocket}, with the same methods either way.
 *
 * <pre>{@code
 * try (WebSocketTestSession socket = client.websocketConnect("/echo")) {
 *     socket.sendText("hi");
 *     assertThat(socket.receiveText()).isEqualTo("echo: hi");
 * }
 * }</pre>
 *
 * Receiving waits at most {@link #DEFAULT_TIMEOUT} unless given a timeout, then fails the test.
 * Once the server closed the connection, receiving throws {@link WebSocketDisconnectException}
 * with its close code. Closing the session (also by try-with-resources) closes with 1000 if
 * neither side closed yet. Sending is safe from several threads.
 */
public interface WebSocketTestSession extends AutoCloseable {

    Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    /** A close frame the server sent: its code and reason. */
    record Close(int code, String reason) {}

    /** The subprotocol the server accepted, or null. */
    String subprotocol();

    void sendText(String text);

    void sendBytes(byte[] data);

    /** Sends {@code value} as JSON text, encoded with the app's mapper. */
    void sendJson(Object value);

    /** The next message, which must be text. */
    default String receiveText() {
        return receiveText(DEFAULT_TIMEOUT);
    }

    String receiveText(Duration timeout);

    /** The next message, which must be binary. */
    default byte[] receiveBytes() {
        return receiveBytes(DEFAULT_TIMEOUT);
    }

    byte[] receiveBytes(Duration timeout);

    /** The next message (text or binary) decoded from JSON with the app's mapper. */
    default <T> T receiveJson(Class<T> type) {
        return receiveJson((Type) type);
    }

    <T> T receiveJson(Type type);

    /**
     * Waits for the server to close the connection, skipping any messages before the close, and
     * returns the close. Fails the test if the server does not close within the default timeout.
     */
    Close awaitClose();

    /** Closes with {@code code} and {@code reason}; does nothing if the connection is already closed. */
    void close(int code, String reason);

    /** Closes with 1000 if neither side has closed yet. */
    @Override
    void close();
}
