package dev.rigel.channels;

/**
 * The kind of WebSocket message the plugin's generated WebSocket routes send each event as. The
 * backends carry only bytes, so the frame kind is a property of the route, not of the event.
 */
public enum WsSendMode {
    /**
     * Text messages (the default, as in Litestar): the event's bytes go out unchanged as the
     * message's UTF-8 text, so publish {@code String}s or JSON values on such channels.
     */
    TEXT,
    /** Binary messages carrying the event's bytes as they are; for channels of raw bytes. */
    BINARY
}
