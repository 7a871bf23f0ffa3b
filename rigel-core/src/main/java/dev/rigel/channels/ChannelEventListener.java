package dev.rigel.channels;

/**
 * Receives the events a {@link ChannelsBackend} takes in for its subscribed channels. The plugin's
 * listener only hands each event to its subscribers' backlogs, so it never blocks; a backend may
 * call it from its own I/O thread.
 */
@FunctionalInterface
public interface ChannelEventListener {

    /** One event published to {@code channel}, from this or another instance. */
    void onEvent(String channel, byte[] data);
}
