package dev.rigel.internal.websocket;

import com.fasterxml.jackson.databind.ObjectWriter;
import dev.rigel.internal.body.DTOResponseWriter;
import dev.rigel.internal.json.JsonCodec;
import dev.rigel.protocol.Message;

/**
 * Turns what a listener returns, or what a stream yields, into the message sent: a {@code String}
 * as text, a {@code byte[]} as binary, a prepared {@link Message.WebSocketSend} as it is, anything
 * else as JSON text (through the route's return DTO when it shapes the value, else with a writer
 * made at startup for the declared type, else by the value's class). Decided once per route.
 */
public final class WebSocketReplies {

    private final JsonCodec json;
    private final ObjectWriter writer;
    private final DTOResponseWriter dto;

    /**
     * @param writer the JSON writer for the declared type, or null to decide per value
     * @param dto the return DTO's writer, or null when no DTO is in force
     */
    public WebSocketReplies(JsonCodec json, ObjectWriter writer, DTOResponseWriter dto) {
        this.json = json;
        this.writer = writer;
        this.dto = dto;
    }

    /** The message for {@code value}; null sends nothing. */
    Message.WebSocketSend message(Object value) {
        return switch (value) {
            case null -> null;
            case String text -> Message.WebSocketSend.text(text);
            case byte[] data -> Message.WebSocketSend.bytes(data);
            case Message.WebSocketSend prepared -> prepared;
            default -> new Message.WebSocketSend(encode(value), true);
        };
    }

    private byte[] encode(Object value) {
        if (dto != null) {
            byte[] shaped = dto.encode(value);
            if (shaped != null) {
                return shaped;
            }
        }
        return writer == null ? json.encode(value) : json.encode(writer, value);
    }
}
