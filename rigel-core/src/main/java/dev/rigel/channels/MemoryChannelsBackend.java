package dev.rigel.channels;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A backend inside one process: publishing hands the event straight to the subscribers of this
 * process, and up to {@code history} past events are kept per channel. For development, tests and
 * single-instance apps; instances that must share events need Redis or PostgreSQL.
 *
 * <p>Delivery happens in the publishing thread, under one lock, so events of a channel reach
 * subscribers in exactly the order they entered the history. That costs the publisher nothing
 * noticeable because the plugin's delivery only queues the event for each subscriber.
 */
public final class MemoryChannelsBackend implements ChannelsBackend {

    private final int historySize;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, ArrayDeque<byte[]>> history = new HashMap<>();
    private final Set<String> subscribed = new HashSet<>();
    private ChannelEventListener listener;

    /** A backend that keeps no history. */
    public MemoryChannelsBackend() {
        this(0);
    }

    /**
     * A backend that keeps the last {@code historySize} events of every channel (0 keeps none,
     * and {@link #getHistory} then answers an empty list).
     */
    public MemoryChannelsBackend(int historySize) {
        if (historySize < 0) {
            throw new IllegalArgumentException("historySize must be 0 or more, got " + historySize);
        }
        this.historySize = historySize;
    }

    @Override
    public void start(ChannelEventListener listener) {
        lock.lock();
        try {
            this.listener = listener;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void stop() {
        lock.lock();
        try {
            listener = null;
            subscribed.clear();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void publish(byte[] data, Collection<String> channels) {
        lock.lock();
        try {
            for (String channel : channels) {
                if (historySize > 0) {
                    ArrayDeque<byte[]> events = history.computeIfAbsent(channel, c -> new ArrayDeque<>());
                    if (events.size() == historySize) {
                        events.removeFirst();
                    }
                    events.addLast(data);
                }
                if (listener != null && subscribed.contains(channel)) {
                    listener.onEvent(channel, data);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void subscribe(Collection<String> channels) {
        lock.lock();
        try {
            subscribed.addAll(channels);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void unsubscribe(Collection<String> channels) {
        lock.lock();
        try {
            subscribed.removeAll(channels);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean hasHistory() {
        return true;
    }

    @Override
    public List<byte[]> getHistory(String channel, int limit) {
        lock.lock();
        try {
            ArrayDeque<byte[]> events = history.get(channel);
            if (events == null || limit <= 0) {
                return List.of();
            }
            List<byte[]> all = new ArrayList<>(events);
            return List.copyOf(all.subList(Math.max(0, all.size() - limit), all.size()));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "MemoryChannelsBackend(history=" + historySize + ")";
    }
}
