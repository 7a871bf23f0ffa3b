package dev.rigel.exceptions;

import dev.rigel.protocol.Message;

/**
 * Closes a WebSocket with a chosen code and reason when thrown from a WebSocket handler, listener
 * or dependency after the connection was accepted (Litestar's {@code WebSocketException}). Use
 * application codes 4000–4999 for your own conditions; any other exception closes with
 * {@link dev.rigel.websocket.CloseCodes#HANDLER_ERROR} (4500).
 *
 * <pre>{@code
 * if (!room.isOpen()) throw new WebSocketException(4404, "No such room");
 * }</pre>
 *
 * <p>A reason longer than a close frame allows (123 bytes of UTF-8) is shortened.
 */
public class WebSocketException extends RuntimeException {

    /** {@code CloseCodes.HANDLER_ERROR}, spelled out: exceptions sit below the WebSocket API. */
    private static final int HANDLER_ERROR = 4500;

    private final int code;
    private final String reason;

    public WebSocketException(int code, String reason) {
        super(code + (reason == null || reason.isEmpty() ? "" : " " + reason));
        if (!Message.WebSocketClose.sendable(code) && !received(code)) {
            throw new IllegalArgumentException("not a WebSocket close code: " + code);
        }
        this.code = code;
        this.reason = fit(reason == null ? "" : reason);
    }

    /** Closes with {@link dev.rigel.websocket.CloseCodes#HANDLER_ERROR} (4500) and {@code reason}. */
    public WebSocketException(String reason) {
        this(HANDLER_ERROR, reason);
    }

    /** The close code. */
    public int code() {
        return code;
    }

    /** The close reason; empty when none was given. */
    public String reason() {
        return reason;
    }

    /** Codes that only ever arrive (no status, abnormal closure, TLS failure): a disconnect may carry them. */
    static boolean received(int code) {
        return code == 1005 || code == 1006 || code == 1015;
    }

    /** {@code reason} cut at a character boundary so it fits a close frame. */
    public static String fit(String reason) {
        int bytes = 0;
        for (int i = 0; i < reason.length(); ) {
            int codePoint = reason.codePointAt(i);
            bytes += codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
            if (bytes > Message.WebSocketClose.MAX_REASON_BYTES) {
                return reason.substring(0, i);
            }
            i += Character.charCount(codePoint);
        }
        return reason;
    }
}
