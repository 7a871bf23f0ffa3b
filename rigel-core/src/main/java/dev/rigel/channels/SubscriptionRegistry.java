package dev.rigel.channels;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which local backlogs listen to which channel, and the fan-out of incoming events to them.
 *
 * <p>The backend subscribes each channel once, when its first local subscriber arrives, and
 * unsubscribes it when the last one leaves (reference counting by set membership). Changes are
 * serialised by one lock so a channel's backend subscription always matches whether it has local
 * subscribers. {@link #dispatch}, called by the backend for every event, takes no lock: it reads
 * concurrent sets and only offers to backlogs, which never wait, so a slow subscriber cannot hold
 * up the backend, the publisher or the other subscribers.
 */
final class SubscriptionRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionRegistry.class);

    private final ChannelsBackend backend;
    private final ReentrantLock changes = new ReentrantLock();
    private final Map<String, Set<Backlog>> byChannel = new ConcurrentHashMap<>();
    private final Map<Backlog, Set<String>> byBacklog = new ConcurrentHashMap<>();

    public SubscriptionRegistry(ChannelsBackend backend) {
        this.backend = backend;
    }

    /** Hands one incoming event to every local subscriber of its channel. */
    public void dispatch(String channel, byte[] data) {
        Set<Backlog> subscribers = byChannel.get(channel);
        if (subscribers == null) {
            return;
        }
        ChannelEvent event = new ChannelEvent(channel, data);
        for (Backlog backlog : subscribers) {
            backlog.offer(event);
        }
    }

    /**
     * Adds {@code backlog} to {@code channels}, subscribing the backend to those that had no local
     * subscriber. If the backend fails, nothing changes and its exception is rethrown.
     */
    public void subscribe(Backlog backlog, Collection<String> channels) {
        changes.lock();
        try {
            List<String> joined = new ArrayList<>();
            List<String> fresh = new ArrayList<>();
            for (String channel : channels) {
                Set<Backlog> subscribers = byChannel.get(channel);
                if (subscribers == null) {
                    subscribers = ConcurrentHashMap.newKeySet();
                    byChannel.put(channel, subscribers);
                    fresh.add(channel);
                }
                if (subscribers.add(backlog)) {
                    joined.add(channel);
                }
            }
            byBacklog
                    .computeIfAbsent(backlog, b -> ConcurrentHashMap.newKeySet())
                    .addAll(joined);
            if (!fresh.isEmpty()) {
                try {
                    backend.subscribe(fresh);
                } catch (RuntimeException e) {
                    for (String channel : joined) {
                        byChannel.get(channel).remove(backlog);
                    }
                    fresh.forEach(byChannel::remove);
                    Set<String> own = byBacklog.get(backlog);
                    own.removeAll(joined);
                    if (own.isEmpty()) {
                        byBacklog.remove(backlog);
                    }
                    throw e;
                }
            }
        } finally {
            changes.unlock();
        }
    }

    /**
     * Removes {@code backlog} from {@code channels} and unsubscribes the backend from those left
     * without a local subscriber.
     *
     * @return how many channels {@code backlog} is still subscribed to
     */
    public int unsubscribe(Backlog backlog, Collection<String> channels) {
        changes.lock();
        try {
            Set<String> own = byBacklog.get(backlog);
            if (own == null) {
                return 0;
            }
            List<String> deserted = new ArrayList<>();
            for (String channel : channels) {
                if (!own.remove(channel)) {
                    continue;
                }
                Set<Backlog> subscribers = byChannel.get(channel);
                subscribers.remove(backlog);
                if (subscribers.isEmpty()) {
                    byChannel.remove(channel);
                    deserted.add(channel);
                }
            }
            int remaining = own.size();
            if (remaining == 0) {
                byBacklog.remove(backlog);
            }
            unsubscribeBackend(deserted);
            return remaining;
        } finally {
            changes.unlock();
        }
    }

    /** Removes {@code backlog} from every channel it is subscribed to. */
    public void unsubscribeAll(Backlog backlog) {
        changes.lock();
        try {
            Set<String> own = byBacklog.get(backlog);
            if (own != null) {
                unsubscribe(backlog, List.copyOf(own));
            }
        } finally {
            changes.unlock();
        }
    }

    // Leaving a channel must not fail for the caller (it runs when a subscriber closes, often
    // because its client left): the local side is already clean, and events the backend still
    // delivers for the channel find no subscriber and are dropped.
    private void unsubscribeBackend(List<String> deserted) {
        if (deserted.isEmpty()) {
            return;
        }
        try {
            backend.unsubscribe(deserted);
        } catch (RuntimeException e) {
            LOG.warn(
                    "Unsubscribing {} from channels {} failed; their events are ignored until it reconnects",
                    backend,
                    deserted,
                    e);
        }
    }

    /** The channels {@code backlog} is subscribed to, in no particular order. */
    public Set<String> channelsOf(Backlog backlog) {
        Set<String> own = byBacklog.get(backlog);
        return own == null ? Set.of() : Set.copyOf(own);
    }

    /** The channels with at least one local subscriber. */
    public Set<String> activeChannels() {
        return Set.copyOf(byChannel.keySet());
    }

    /** Closes and forgets every backlog (the plugin is stopping; the backend is stopped after). */
    public List<Backlog> clear() {
        changes.lock();
        try {
            List<Backlog> all = new ArrayList<>(byBacklog.keySet());
            byChannel.clear();
            byBacklog.clear();
            return all;
        } finally {
            changes.unlock();
        }
    }
}
