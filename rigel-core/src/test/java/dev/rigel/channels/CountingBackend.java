package dev.rigel.channels;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Passes every call on to a real backend and counts subscribe and unsubscribe calls per channel,
 * so tests can see that the plugin subscribes each channel at the backend once.
 */
public final class CountingBackend implements ChannelsBackend {

    private final ChannelsBackend delegate;
    private final ConcurrentHashMap<String, AtomicInteger> subscribes = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, AtomicInteger> unsubscribes = new ConcurrentHashMap<>();

    public CountingBackend(ChannelsBackend delegate) {
        this.delegate = delegate;
    }

    public ChannelsBackend delegate() {
        return delegate;
    }

    public int subscribes(String channel) {
        return subscribes.getOrDefault(channel, new AtomicInteger()).get();
    }

    public int unsubscribes(String channel) {
        return unsubscribes.getOrDefault(channel, new AtomicInteger()).get();
    }

    @Override
    public void start(ChannelEventListener listener) {
        delegate.start(listener);
    }

    @Override
    public void stop() {
        delegate.stop();
    }

    @Override
    public void publish(byte[] data, Collection<String> channels) {
        delegate.publish(data, channels);
    }

    @Override
    public void subscribe(Collection<String> channels) {
        delegate.subscribe(channels);
        channels.forEach(
                c -> subscribes.computeIfAbsent(c, k -> new AtomicInteger()).incrementAndGet());
    }

    @Override
    public void unsubscribe(Collection<String> channels) {
        delegate.unsubscribe(channels);
        channels.forEach(
                c -> unsubscribes.computeIfAbsent(c, k -> new AtomicInteger()).incrementAndGet());
    }

    @Override
    public boolean hasHistory() {
        return delegate.hasHistory();
    }

    @Override
    public List<byte[]> getHistory(String channel, int limit) {
        return delegate.getHistory(channel, limit);
    }

    @Override
    public String toString() {
        return delegate.toString();
    }
}
