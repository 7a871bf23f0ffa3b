package dev.rigel.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The messages exchanged through {@link Receive} and {@link Send}.
 *
 * <p>HTTP: {@link RequestBody} chunks and {@link Disconnect} in; one {@link ResponseStart}, then
 * {@link ResponseBody} chunks out. WebSocket (ASGI's order): {@link WebSocketConnect} first in;
 * the application answers with {@link WebSocketAccept}, or refuses with {@link WebSocketClose}
 * (the server answers 403) or with an HTTP response ({@link ResponseStart} + {@link ResponseBody});
 * after accepting it exchanges {@link WebSocketReceive} / {@link WebSocketSend} and ends with
 * {@link WebSocketClose} or on {@link WebSocketDisconnect}.
 */
public sealed interface Message {

    byte[] EMPTY = new byte[0];

    /** Inbound: a chunk of the request body. The last chunk has {@code moreBody == false}. */
    record RequestBody(byte[] body, boolean moreBody) implements Message {
        public static final RequestBody EMPTY_LAST = new RequestBody(EMPTY, false);

        public RequestBody {
            Objects.requireNonNull(body, "body");
        }
    }

    /** Inbound: the client went away, or the request was fully read and nothing more will come. */
    record Disconnect() implements Message {
        public static final Disconnect INSTANCE = new Disconnect();
    }

    /** Outbound: status line and headers. Must precede any {@link ResponseBody}. */
    record ResponseStart(int status, Headers headers) implements Message {
        public ResponseStart {
            if (status < 100 || status > 999) {
                throw new IllegalArgumentException("status out of range: " + status);
            }
            Objects.requireNonNull(headers, "headers");
        }
    }

    /** Outbound: a chunk of the response body. The last chunk has {@code moreBody == false}. */
    record ResponseBody(byte[] body, boolean moreBody) implements Message {
        public static final ResponseBody EMPTY_LAST = new ResponseBody(EMPTY, false);

        public ResponseBody {
            Objects.requireNonNull(body, "body");
        }
    }

    // ---- WebSocket ----

    /** Inbound, first message of a WebSocket scope: the client asks to open the connection. */
    record WebSocketConnect() implements Message {
        public static final WebSocketConnect INSTANCE = new WebSocketConnect();
    }

    /**
     * Inbound: one whole message from the client. Text arrives as its UTF-8 bytes (the server
     * already checked they are valid UTF-8), so a server never decodes on its I/O thread and a
     * JSON reader can decode the bytes directly; {@link #asText()} gives the string.
     */
    record WebSocketReceive(byte[] data, boolean isText) implements Message {
        public WebSocketReceive {
            Objects.requireNonNull(data, "data");
        }

        public static WebSocketReceive text(String text) {
            return new WebSocketReceive(text.getBytes(StandardCharsets.UTF_8), true);
        }

        public static WebSocketReceive bytes(byte[] data) {
            return new WebSocketReceive(data, false);
        }

        /** The payload as text (a binary payload is decoded as UTF-8, invalid bytes replaced). */
        public String asText() {
            return new String(data, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return "WebSocketReceive[" + (isText ? "text" : "binary") + ", " + data.length + " bytes]";
        }
    }

    /**
     * Inbound: the connection is over, with the close code the client sent (or 1005 when its
     * close frame carried none, 1006 when the connection dropped without a close frame). After
     * the application itself sent {@link WebSocketClose}, this carries the application's code.
     */
    record WebSocketDisconnect(int code, String reason) implements Message {
        public WebSocketDisconnect {
            reason = reason == null ? "" : reason;
        }
    }

    /**
     * Outbound: completes the handshake. {@code subprotocol} (null for none) must be one the
     * client offered; {@code headers} are added to the 101 response.
     */
    record WebSocketAccept(String subprotocol, Headers headers) implements Message {
        public static final WebSocketAccept PLAIN = new WebSocketAccept(null, null);

        public WebSocketAccept {
            headers = headers == null ? new Headers(0) : headers;
        }
    }

    /**
     * Outbound: one message to the client, text (as its UTF-8 bytes) or binary. Immutable by
     * convention, so one instance built with {@link #text(String)} can be sent to many sockets
     * without encoding it again.
     */
    record WebSocketSend(byte[] data, boolean isText) implements Message {
        public WebSocketSend {
            Objects.requireNonNull(data, "data");
        }

        public static WebSocketSend text(String text) {
            return new WebSocketSend(text.getBytes(StandardCharsets.UTF_8), true);
        }

        public static WebSocketSend bytes(byte[] data) {
            return new WebSocketSend(data, false);
        }

        /** The payload as text (a binary payload is decoded as UTF-8, invalid bytes replaced). */
        public String asText() {
            return new String(data, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return "WebSocketSend[" + (isText ? "text" : "binary") + ", " + data.length + " bytes]";
        }
    }

    /**
     * Outbound: closes the connection with {@code code} and {@code reason} (RFC 6455 7.4). Sent
     * before {@link WebSocketAccept}, it refuses the handshake, which servers answer with 403.
     * Only codes an endpoint may put in a close frame are allowed (1000–1003, 1007–1014,
     * 3000–4999); the reason is at most 123 bytes of UTF-8.
     */
    record WebSocketClose(int code, String reason) implements Message {
        /** The longest reason a close frame has room for (125 bytes of payload minus the code). */
        public static final int MAX_REASON_BYTES = 123;

        public static final WebSocketClose NORMAL = new WebSocketClose(1000, "");

        public WebSocketClose {
            if (!sendable(code)) {
                throw new IllegalArgumentException("WebSocket close code " + code + " may not be sent; use 1000-1003,"
                        + " 1007-1014 or 3000-4999");
            }
            reason = reason == null ? "" : reason;
            if (reason.getBytes(StandardCharsets.UTF_8).length > MAX_REASON_BYTES) {
                throw new IllegalArgumentException(
                        "a WebSocket close reason is at most " + MAX_REASON_BYTES + " bytes of UTF-8");
            }
        }

        /** Whether an endpoint may send {@code code} in a close frame (1004-1006 and 1015 are reserved). */
        public static boolean sendable(int code) {
            return code >= 1000 && code <= 1003 || code >= 1007 && code <= 1014 || code >= 3000 && code <= 4999;
        }
    }
}
