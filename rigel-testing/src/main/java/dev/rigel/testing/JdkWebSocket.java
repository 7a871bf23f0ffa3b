package dev.rigel.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rigel.protocol.Headers;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;

/** A real WebSocket connection to a server, through the JDK's {@link java.net.http.WebSocket}. */
final class JdkWebSocket extends ClientWebSocket implements WebSocket.Listener {

    /** Handshake headers the JDK sets itself and refuses to take from callers. */
    private static final Set<String> RESTRICTED = Set.of(
            "host",
            "connection",
            "upgrade",
            "content-length",
            "sec-websocket-key",
            "sec-websocket-version",
            "sec-websocket-protocol",
            "sec-websocket-extensions",
            "sec-websocket-accept");

    /** The JDK allows one outstanding send per WebSocket: sends from several threads take turns. */
    private final ReentrantLock sending = new ReentrantLock();

    private final StringBuilder text = new StringBuilder();
    private final ByteArrayOutputStream binary = new ByteArrayOutputStream();
    private WebSocket socket;

    private JdkWebSocket(String target, ObjectMapper mapper) {
        super(target, mapper);
    }

    static JdkWebSocket connect(
            HttpClient client,
            URI uri,
            Headers headers,
            List<String> subprotocols,
            String target,
            ObjectMapper mapper) {
        JdkWebSocket session = new JdkWebSocket(target, mapper);
        WebSocket.Builder builder = client.newWebSocketBuilder().connectTimeout(DEFAULT_TIMEOUT);
        for (int i = 0; i < headers.size(); i++) {
            if (!RESTRICTED.contains(headers.nameAt(i).toLowerCase(Locale.ROOT))) {
                builder.header(headers.nameAt(i), headers.valueAt(i));
            }
        }
        if (!subprotocols.isEmpty()) {
            builder.subprotocols(
                    subprotocols.get(0),
                    subprotocols.subList(1, subprotocols.size()).toArray(String[]::new));
        }
        CompletableFuture<WebSocket> opening = builder.buildAsync(uri, session);
        try {
            session.socket = opening.get(DEFAULT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                int status = refused.getResponse().statusCode();
                Object body = refused.getResponse().body();
                byte[] bytes = body instanceof byte[] raw
                        ? raw
                        : body instanceof String string ? string.getBytes(StandardCharsets.UTF_8) : null;
                Headers answered = new Headers();
                refused.getResponse()
                        .headers()
                        .map()
                        .forEach((name, values) -> values.forEach(value -> answered.add(name, value)));
                throw new WebSocketRejectedException(target, status, answered, bytes, 0);
            }
            throw new IllegalStateException("Cannot open the WebSocket " + uri + ": " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            opening.cancel(true);
            throw new AssertionError(
                    "The WebSocket handshake for " + uri + " took over " + DEFAULT_TIMEOUT.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while opening the WebSocket " + uri, e);
        }
        return session;
    }

    /** Drops the connection without a close handshake (when the client shuts down with it still open). */
    void abort() {
        socket.abort();
    }

    @Override
    public String subprotocol() {
        String chosen = socket.getSubprotocol();
        return chosen == null || chosen.isEmpty() ? null : chosen;
    }

    // ---- sending

    @Override
    void transmit(byte[] data, boolean isText) {
        sending.lock();
        try {
            CompletableFuture<WebSocket> sent = isText
                    ? socket.sendText(new String(data, StandardCharsets.UTF_8), true)
                    : socket.sendBinary(ByteBuffer.wrap(data), true);
            await(sent, "send a message");
        } finally {
            sending.unlock();
        }
    }

    @Override
    void transmitClose(int code, String reason) {
        sending.lock();
        try {
            await(socket.sendClose(code, reason), "send a close");
        } catch (IllegalStateException failed) {
            // the server's close got here first and the JDK already answered it: the connection is closed
            if (!socket.isOutputClosed()) {
                throw failed;
            }
        } finally {
            sending.unlock();
        }
    }

    private void await(CompletableFuture<WebSocket> future, String what) {
        try {
            future.get(DEFAULT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "Could not " + what + " on the WebSocket " + target + ": " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("Could not " + what + " on the WebSocket " + target + " within "
                    + DEFAULT_TIMEOUT.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while trying to " + what + " on " + target, e);
        }
    }

    // ---- receiving (the JDK's listener; it calls one method at a time)

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        text.append(data);
        if (last) {
            delivered(new Received(text.toString().getBytes(StandardCharsets.UTF_8), true));
            text.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        byte[] chunk = new byte[data.remaining()];
        data.get(chunk);
        binary.writeBytes(chunk);
        if (last) {
            delivered(new Received(binary.toByteArray(), false));
            binary.reset();
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        // returning null lets the JDK answer the close with the same code, completing the handshake
        closedByServer(statusCode, reason);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closedByServer(1006, String.valueOf(error.getMessage()));
    }
}
