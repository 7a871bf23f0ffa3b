package dev.rigel.websocket;

/** WebSocket close codes (RFC 6455 7.4.1), plus the one Rigel closes with when a handler fails. */
public final class CloseCodes {

    /** The purpose of the connection was fulfilled. */
    public static final int NORMAL = 1000;
    /** The server is going down or the client navigated away. */
    public static final int GOING_AWAY = 1001;
    /** The peer broke the protocol. */
    public static final int PROTOCOL_ERROR = 1002;
    /** A data type the endpoint cannot accept (e.g. binary where only text is understood). */
    public static final int UNSUPPORTED_DATA = 1003;
    /** Never sent: the close frame carried no code. */
    public static final int NO_STATUS = 1005;
    /** Never sent: the connection dropped without a close frame. */
    public static final int ABNORMAL = 1006;
    /** Data inconsistent with the message type, such as text that is not UTF-8. */
    public static final int INVALID_PAYLOAD = 1007;
    /** A message violated the endpoint's policy. */
    public static final int POLICY_VIOLATION = 1008;
    /** A frame or message was larger than the endpoint accepts. */
    public static final int MESSAGE_TOO_BIG = 1009;
    /** The server hit an unexpected condition. */
    public static final int INTERNAL_ERROR = 1011;
    /** A service the server needs is down for now; the client may reconnect later (IANA registry). */
    public static final int TRY_AGAIN_LATER = 1013;
    /** A handler failed with an exception that carried no code of its own (4000 + 500, as in Litestar). */
    public static final int HANDLER_ERROR = 4500;

    private CloseCodes() {}
}
