package dev.rigel.channels;

import java.util.Collection;
import java.util.List;

/**
 * Moves events between publishers and subscribers, within one process or, through a broker
 * (Redis, PostgreSQL), between app instances. The {@link ChannelsPlugin} is its only caller: it
 * starts and stops it with the app, subscribes each channel once however many local subscribers
 * it has, and fans the events it receives out to them.
 *
 * <p>Contract (checked for every backend by one shared test suite):
 * <ul>
 *   <li>{@link #start} connects and from then on hands every event published to a subscribed
 *       channel, by any instance, to the listener; events of one channel arrive in the order they
 *       were published by one publisher. {@link #stop} disconnects and releases everything.</li>
 *   <li>{@link #subscribe} returns once the subscription is in place: an event published after it
 *       returned is delivered. After {@link #unsubscribe} returns, events of those channels are
 *       no longer delivered.</li>
 *   <li>Failures are {@link ChannelsException}s with a bounded wait: a backend never hangs when its
 *       broker is gone, and says so with a {@link ChannelsUnavailableException}. A backend that
 *       lost its broker reconnects and restores its subscriptions on its own; events published
 *       while it was disconnected may be lost.</li>
 *   <li>All methods may be called from any thread.</li>
 * </ul>
 */
public interface ChannelsBackend {

    /** Connects; {@code listener} receives the events of subscribed channels until {@link #stop}. */
    void start(ChannelEventListener listener);

    /** Disconnects and releases threads and connections; the backend may be started again. */
    void stop();

    /**
     * Publishes {@code data} to each of {@code channels}.
     *
     * @throws ChannelsException when the broker cannot be reached or refuses the event
     */
    void publish(byte[] data, Collection<String> channels);

    /**
     * Starts receiving the events of {@code channels}; channels already subscribed stay as they are.
     *
     * @throws ChannelsException when the broker cannot be reached
     */
    void subscribe(Collection<String> channels);

    /** Stops receiving the events of {@code channels}. */
    void unsubscribe(Collection<String> channels);

    /**
     * Whether the broker is reachable as far as the backend knows right now (its connections are
     * up). While it is not, the plugin refuses publishes and new subscribers at once with a
     * {@link ChannelsUnavailableException}, also those to a channel another local subscriber
     * already holds at the backend (they would hear nothing until the broker is back). Must be
     * cheap: it is asked on every publish and subscribe. In-process backends are always available.
     */
    default boolean isAvailable() {
        return true;
    }

    /** Whether this backend keeps past events ({@link #getHistory}). */
    default boolean hasHistory() {
        return false;
    }

    /**
     * The last {@code limit} events published to {@code channel}, oldest first.
     *
     * @throws UnsupportedOperationException when the backend keeps no history ({@link #hasHistory()})
     * @throws ChannelsException when the broker cannot be reached
     */
    default List<byte[]> getHistory(String channel, int limit) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " keeps no history of channel events");
    }
}
