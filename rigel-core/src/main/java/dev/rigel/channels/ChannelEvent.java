package dev.rigel.channels;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One event received on a channel: the channel it was published to and its bytes, exactly as
 * published (a string's UTF-8 encoding, raw bytes, or JSON).
 *
 * <p>The bytes are shared by every local subscriber of the event rather than copied for each, so
 * treat {@code data} as read-only.
 *
 * @param channel the channel the event was published to
 * @param data the event's payload
 */
public record ChannelEvent(String channel, byte[] data) {

    public ChannelEvent {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(data, "data");
    }

    /** The payload decoded as UTF-8 (what a {@code String} or JSON publish sent). */
    public String text() {
        return new String(data, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ChannelEvent event && channel.equals(event.channel) && Arrays.equals(data, event.data);
    }

    @Override
    public int hashCode() {
        return 31 * channel.hashCode() + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "ChannelEvent[channel=" + channel + ", " + data.length + " bytes]";
    }
}
