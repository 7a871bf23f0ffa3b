package dev.rigel.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rigel.exceptions.WebSocketDisconnectException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * What both kinds of {@link WebSocketTestSession} share: the messages the server sent, queued as
 * they arrive and read by the test, ending with the server's close.
 */
abstract class ClientWebSocket implements WebSocketTestSession {

    /** One message from the server, as the test reads it. */
    record Received(byte[] data, boolean isText) {
        String text() {
            return new String(data, StandardCharsets.UTF_8);
        }

        String describe() {
            return (isText ? "a text message: " + text() : "a binary message of " + data.length + " bytes");
        }
    }

    private final LinkedBlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
    final String target;
    final ObjectMapper mapper;
    /** The server's close, once it was read from the inbox (later receives fail with it at once). */
    private volatile Close serverClose;
    /** Either side closed: further sends fail. */
    volatile boolean closed;
    /** The server's close as soon as it arrived (the test may not have read up to it yet). */
    private volatile Close arrivedClose;

    ClientWebSocket(String target, ObjectMapper mapper) {
        this.target = target;
        this.mapper = mapper;
    }

    // ---- the transport's side

    /** A message from the server arrived. */
    final void delivered(Received message) {
        inbox.add(message);
    }

    /** The server closed (or the connection broke, with 1006). */
    final void closedByServer(int code, String reason) {
        Close close = new Close(code, reason == null ? "" : reason);
        arrivedClose = close;
        closed = true;
        inbox.add(close);
    }

    /** Sends one message; called only while the session is open. */
    abstract void transmit(byte[] data, boolean isText);

    /** Sends a close frame. */
    abstract void transmitClose(int code, String reason);

    /** Called when the server's close is read, so an in-process session can re-throw the app's failure. */
    void onServerClose(Close close) {}

    // ---- the test's side

    @Override
    public void sendText(String text) {
        send(text.getBytes(StandardCharsets.UTF_8), true);
    }

    @Override
    public void sendBytes(byte[] data) {
        send(data, false);
    }

    @Override
    public void sendJson(Object value) {
        try {
            send(mapper.writeValueAsBytes(value), true);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot encode " + value + " as JSON", e);
        }
    }

    private void send(byte[] data, boolean isText) {
        if (closed) {
            Close close = arrivedClose;
            throw new WebSocketDisconnectException(
                    close == null ? 1000 : close.code(), "The WebSocket " + target + " is closed");
        }
        transmit(data, isText);
    }

    @Override
    public String receiveText(Duration timeout) {
        Received message = next(timeout);
        if (!message.isText()) {
            throw new AssertionError("Expected a text message from " + target + ", got " + message.describe());
        }
        return message.text();
    }

    @Override
    public byte[] receiveBytes(Duration timeout) {
        Received message = next(timeout);
        if (message.isText()) {
            throw new AssertionError("Expected a binary message from " + target + ", got " + message.describe());
        }
        return message.data();
    }

    @Override
    public <T> T receiveJson(Type type) {
        Received message = next(DEFAULT_TIMEOUT);
        try {
            return mapper.readValue(message.data(), mapper.constructType(type));
        } catch (IOException e) {
            throw new UncheckedIOException("Expected JSON from " + target + ", got " + message.describe(), e);
        }
    }

    private Received next(Duration timeout) {
        Close close = serverClose;
        if (close != null) {
            throw new WebSocketDisconnectException(close.code(), close.reason());
        }
        Object item = take(timeout, "a message");
        if (item instanceof Close received) {
            serverClose = received;
            onServerClose(received);
            throw new WebSocketDisconnectException(received.code(), received.reason());
        }
        return (Received) item;
    }

    @Override
    public Close awaitClose() {
        Close close = serverClose;
        long deadline = System.nanoTime() + DEFAULT_TIMEOUT.toNanos();
        while (close == null) {
            Object item = take(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())), "the server to close");
            if (item instanceof Close received) {
                close = received;
                serverClose = received;
                onServerClose(received);
            }
        }
        return close;
    }

    private Object take(Duration timeout, String what) {
        Object item;
        try {
            item = inbox.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for " + what + " on " + target, e);
        }
        if (item == null) {
            throw new AssertionError("Waited " + timeout.toMillis() + " ms for " + what + " on the WebSocket " + target
                    + "; nothing came");
        }
        return item;
    }

    @Override
    public void close(int code, String reason) {
        if (closed) {
            return;
        }
        closed = true;
        transmitClose(code, reason == null ? "" : reason);
    }

    @Override
    public void close() {
        close(1000, "");
    }
}
