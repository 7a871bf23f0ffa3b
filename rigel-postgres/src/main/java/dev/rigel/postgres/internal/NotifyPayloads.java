package dev.rigel.postgres.internal;

import dev.rigel.channels.ChannelsException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The text a {@code NOTIFY} carries for an event's bytes. A payload is text in the database's
 * encoding, without NUL, and shorter than 8000 bytes, so:
 *
 * <ul>
 *   <li>{@code t} + the text, when the bytes are UTF-8 without NUL and the database is UTF-8
 *       (readable in {@code psql}, and no bigger than the event);</li>
 *   <li>{@code b} + base64, for anything else.</li>
 * </ul>
 */
public final class NotifyPayloads {

    /** PostgreSQL refuses a payload of 8000 bytes or more (in the default build). */
    public static final int MAX_PAYLOAD_BYTES = 7999;

    private static final char TEXT = 't';
    private static final char BINARY = 'b';

    private NotifyPayloads() {}

    /**
     * The payload for {@code data}.
     *
     * @throws ChannelsException when the payload would be too long for {@code NOTIFY}
     */
    public static String encode(byte[] data, boolean textAllowed) {
        String payload = textAllowed ? asText(data) : null;
        if (payload == null) {
            payload = BINARY + Base64.getEncoder().encodeToString(data);
        }
        // UTF-8 length: text may hold multi-byte characters; base64 is ASCII
        int length = payload.charAt(0) == TEXT ? 1 + data.length : payload.length();
        if (length > MAX_PAYLOAD_BYTES) {
            throw new ChannelsException("An event of " + data.length + " bytes is too large for PostgreSQL NOTIFY: "
                    + "encoded it takes " + length + " bytes, and the limit is " + MAX_PAYLOAD_BYTES
                    + " (text events can have about 7998 bytes, binary ones about 5997)");
        }
        return payload;
    }

    private static String asText(byte[] data) {
        for (byte b : data) {
            if (b == 0) {
                return null;
            }
        }
        try {
            return TEXT
                    + StandardCharsets.UTF_8
                            .newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(data))
                            .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /**
     * The bytes a payload carries.
     *
     * @throws IllegalArgumentException for a payload in neither form (not sent by Rigel)
     */
    public static byte[] decode(String payload) {
        if (!payload.isEmpty()) {
            char form = payload.charAt(0);
            if (form == TEXT) {
                return payload.substring(1).getBytes(StandardCharsets.UTF_8);
            }
            if (form == BINARY) {
                // the MIME decoder also takes SQL's encode(…, 'base64'), which breaks lines
                return Base64.getMimeDecoder().decode(payload.substring(1));
            }
        }
        throw new IllegalArgumentException("a channels payload starts with 't' (text) or 'b' (base64)");
    }
}
