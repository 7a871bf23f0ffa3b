package dev.rigel.netty.internal;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import java.util.Base64;

/** Checks of an {@code Upgrade: websocket} request against RFC 6455 4.2.1, before the application sees it. */
final class WebSocketHandshakes {

    static final String UNSUPPORTED_VERSION = "Unsupported WebSocket version; this server speaks version 13";

    private WebSocketHandshakes() {}

    /** What is wrong with the handshake request (the detail of a 400), or null when nothing is. */
    static String problem(HttpRequest request, String connectionField, long contentLength, boolean chunked) {
        if (request.method() != HttpMethod.GET) {
            return "A WebSocket handshake must be a GET request";
        }
        if (request.protocolVersion() != HttpVersion.HTTP_1_1) {
            return "A WebSocket handshake needs HTTP/1.1";
        }
        if (!HttpFields.hasToken(connectionField, "upgrade")) {
            return "A WebSocket handshake needs 'Connection: Upgrade'";
        }
        if (contentLength > 0 || chunked) {
            return "A WebSocket handshake has no body";
        }
        String key = request.headers().get(HttpHeaderNames.SEC_WEBSOCKET_KEY);
        if (key == null || !validKey(key.trim())) {
            return "A WebSocket handshake needs a Sec-WebSocket-Key of 16 base64-encoded bytes";
        }
        if (!request.headers().contains(HttpHeaderNames.SEC_WEBSOCKET_VERSION)) {
            return "A WebSocket handshake needs a Sec-WebSocket-Version";
        }
        return null;
    }

    /** Whether the client speaks version 13, the only one there is (else the answer is 426). */
    static boolean supportedVersion(HttpRequest request) {
        String version = request.headers().get(HttpHeaderNames.SEC_WEBSOCKET_VERSION);
        return version != null && version.trim().equals("13");
    }

    private static boolean validKey(String key) {
        try {
            return Base64.getDecoder().decode(key).length == 16;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
