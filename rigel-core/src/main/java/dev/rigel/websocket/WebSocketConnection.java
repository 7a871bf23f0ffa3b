package dev.rigel.websocket;

import dev.rigel.exceptions.WebSocketDisconnectException;
import dev.rigel.http.HttpConnection;
import dev.rigel.protocol.Headers;
import dev.rigel.protocol.Message;
import java.lang.reflect.Type;
import java.util.List;

/**
 * One WebSocket connection, as a {@link dev.rigel.annotation.WebSocket @WebSocket} handler (or a
 * dependency, or a listener callback) takes it by declaring a parameter of this type. It also
 * offers everything the handshake request carried: headers, query, cookies, path parameters.
 *
 * <pre>{@code
 * @WebSocket("/echo")
 * public void echo(WebSocketConnection socket) {
 *     socket.accept();
 *     for (Message.WebSocketReceive message : socket.messages()) {
 *         socket.sendText("echo: " + message.asText());
 *     }
 * }
 * }</pre>
 *
 * <p><b>Threads.</b> The handler runs on its own virtual thread, and receiving blocks it until
 * a message arrives. Sending is safe from any thread at any time, also while another thread is
 * blocked in a receive: a background task can push to the socket while the handler reads from
 * it. A send blocks only while the connection's outbound buffer is full. A message built once
 * with {@link Message.WebSocketSend#text(String)} can be {@linkplain #send(Message.WebSocketSend)
 * sent} to many connections without encoding it again.
 *
 * <p><b>Closing.</b> Receiving or sending on a closed connection raises
 * {@link WebSocketDisconnectException} with the close code; when it escapes the handler the
 * connection just ends. A handler that returns while the connection is open closes it with 1000.
 * An exception escaping after {@link #accept()} closes with 4500 (or the code of a
 * {@link dev.rigel.exceptions.WebSocketException}); before it, the handshake is answered with
 * the HTTP error response the exception stands for (a guard's 401 or 403, say).
 */
public interface WebSocketConnection extends HttpConnection {

    /** Where the connection is in its life (named as in the browser's WebSocket API). */
    enum ReadyState {
        /** The handshake has not been answered yet. */
        CONNECTING,
        /** Accepted: messages flow both ways. */
        OPEN,
        /** Closed by either side (or refused before it was accepted). */
        CLOSED
    }

    // ---- handshake

    /** The subprotocols the client offered ({@code Sec-WebSocket-Protocol}), in its order of preference. */
    List<String> requestedSubprotocols();

    /** Completes the handshake without a subprotocol. */
    default void accept() {
        accept(null, null);
    }

    /** Completes the handshake choosing {@code subprotocol}, which must be one the client offered. */
    default void accept(String subprotocol) {
        accept(subprotocol, null);
    }

    /**
     * Completes the handshake choosing {@code subprotocol} (null for none) and adding
     * {@code headers} (null for none) to the 101 response.
     *
     * @throws IllegalStateException if the connection was already accepted or closed
     * @throws IllegalArgumentException if the client did not offer {@code subprotocol}
     */
    void accept(String subprotocol, Headers headers);

    /** The subprotocol chosen in {@link #accept}, or null. */
    String subprotocol();

    ReadyState readyState();

    // ---- receiving (the handler's thread; blocks until a message arrives)

    /**
     * The next message, text or binary.
     *
     * @throws WebSocketDisconnectException once the connection is closed
     */
    Message.WebSocketReceive receive();

    /**
     * The next message as text; a binary message must be valid UTF-8 and is decoded.
     *
     * @throws WebSocketDisconnectException once the connection is closed
     * @throws dev.rigel.exceptions.WebSocketException (1007) for a binary message that is not UTF-8
     */
    String receiveText();

    /** The next message as bytes (a text message gives its UTF-8 bytes). */
    byte[] receiveBytes();

    /**
     * The next message (text or binary) decoded from JSON with the app's mapper.
     *
     * @throws dev.rigel.exceptions.ClientException (400) when the message is not valid JSON for {@code type}
     */
    <T> T receiveJson(Class<T> type);

    /** As {@link #receiveJson(Class)}, for a generic type. */
    <T> T receiveJson(Type type);

    /** The messages until the client closes: iteration ends (without an exception) at the close. */
    Iterable<Message.WebSocketReceive> messages();

    /** The text of each message until the client closes. */
    Iterable<String> textMessages();

    // ---- sending (any thread)

    void sendText(String text);

    void sendBytes(byte[] data);

    /** Sends {@code value} encoded as JSON with the app's mapper, in a text message. */
    void sendJson(Object value);

    /** Sends a prepared message; the same instance may be sent to many connections. */
    void send(Message.WebSocketSend message);

    // ---- closing

    /** Closes with 1000 (normal closure). Does nothing if already closed. */
    default void close() {
        close(CloseCodes.NORMAL, "");
    }

    /**
     * Closes with {@code code} and {@code reason} (at most 123 bytes of UTF-8). Before
     * {@link #accept()} this refuses the handshake, which the client sees as HTTP 403. Does nothing
     * if already closed.
     */
    void close(int code, String reason);

    /** The code the connection closed with (by either side), or 0 while it is open. */
    int closeCode();

    /** The reason the connection closed with, or "" while it is open. */
    String closeReason();
}
