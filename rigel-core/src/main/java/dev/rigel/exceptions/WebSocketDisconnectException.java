package dev.rigel.exceptions;

/**
 * The WebSocket is closed: raised when receiving from (or sending to) a connection the client
 * closed or dropped, or that the application already closed. {@link #code()} is the close code
 * (1000 normal, 1001 going away, 1005 none given, 1006 dropped without a close frame, …).
 *
 * <p>If it escapes a handler, the connection simply ends: nothing is logged as an error and no
 * close is sent, since the connection is already closed.
 */
public class WebSocketDisconnectException extends WebSocketException {

    public WebSocketDisconnectException(int code, String reason) {
        super(code, reason);
    }
}
