package dev.rigel.testing;

import dev.rigel.protocol.Headers;
import java.nio.charset.StandardCharsets;

/**
 * The app refused a WebSocket handshake: it answered with an HTTP response instead of accepting
 * (a guard's 401 or 403, a 404 for a path without a WebSocket route, …), or closed before
 * accepting, which servers answer with 403.
 */
public final class WebSocketRejectedException extends RuntimeException {

    private final int status;
    private final Headers headers;
    private final byte[] body;
    private final int closeCode;

    WebSocketRejectedException(String target, int status, Headers headers, byte[] body, int closeCode) {
        super("The WebSocket handshake for " + target + " was refused with HTTP " + status
                + (closeCode == 0 ? "" : " (the app closed with " + closeCode + " before accepting)"));
        this.status = status;
        this.headers = headers == null ? new Headers(0) : headers;
        this.body = body == null ? new byte[0] : body;
        this.closeCode = closeCode;
    }

    /** The HTTP status the handshake was answered with. */
    public int status() {
        return status;
    }

    /** The response headers, when known (the JDK's client does not expose them). */
    public Headers headers() {
        return headers;
    }

    /** The response body, when known (the JDK's client does not expose it). */
    public byte[] body() {
        return body.clone();
    }

    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The code the app closed with before accepting, when the session saw it (in-process); else 0. */
    public int closeCode() {
        return closeCode;
    }
}
