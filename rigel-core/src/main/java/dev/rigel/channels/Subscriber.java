package dev.rigel.channels;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One consumer's stream of events from the channels it subscribed to, made by
 * {@link ChannelsPlugin#subscribe}. Events wait in a bounded backlog (the plugin's
 * {@code subscriberMaxBacklog}) until taken; when it is full the plugin's
 * {@link BacklogStrategy} drops events for this subscriber only.
 *
 * <p>Take events by pulling ({@link #next(Duration)}, {@link #poll()}, {@link #iterEvents()}) or
 * by pushing them to a callback on a virtual thread ({@link #runInBackground}). Close the
 * subscriber when done: that unsubscribes it from every channel and ends its stream.
 *
 * <pre>{@code
 * try (Subscriber subscriber = channels.subscribe("notifications")) {
 *     Optional<ChannelEvent> event = subscriber.next(Duration.ofSeconds(5));
 * }
 * }</pre>
 */
public final class Subscriber implements AutoCloseable {

    private final ChannelsPlugin plugin;
    private final SubscriptionRegistry registry;
    private final Backlog backlog;
    private volatile BackgroundWorker worker;

    Subscriber(ChannelsPlugin plugin, SubscriptionRegistry registry, Backlog backlog) {
        this.plugin = plugin;
        this.registry = registry;
        this.backlog = backlog;
    }

    /** The channels this subscriber currently receives. */
    public Set<String> channels() {
        return registry.channelsOf(backlog);
    }

    /**
     * Adds channels to this subscriber (no history is sent for them).
     *
     * @throws ChannelsException for a channel the plugin does not serve, a closed subscriber, or
     *     a backend that cannot subscribe
     */
    public void subscribe(String... channels) {
        subscribe(Arrays.asList(channels));
    }

    /** As {@link #subscribe(String...)}. */
    public void subscribe(Collection<String> channels) {
        if (backlog.isClosed()) {
            throw new ChannelsException("This subscriber is closed; subscribe a new one");
        }
        registry.subscribe(backlog, plugin.checkedChannels(channels));
    }

    /**
     * Stops receiving {@code channels}. Leaving the last channel closes the subscriber, as in
     * Litestar: a stream that can receive nothing more ends.
     */
    public void unsubscribe(String... channels) {
        unsubscribe(Arrays.asList(channels));
    }

    /** As {@link #unsubscribe(String...)}. */
    public void unsubscribe(Collection<String> channels) {
        if (registry.unsubscribe(backlog, channels) == 0) {
            close();
        }
    }

    /**
     * The next event, waiting up to {@code timeout}; empty when none arrived in time, or when the
     * subscriber is closed and every queued event was taken.
     */
    public Optional<ChannelEvent> next(Duration timeout) throws InterruptedException {
        return Optional.ofNullable(backlog.poll(timeout.toNanos(), TimeUnit.NANOSECONDS));
    }

    /** The next event if one is queued, without waiting. */
    public Optional<ChannelEvent> poll() {
        return Optional.ofNullable(backlog.poll());
    }

    /**
     * The events as they arrive, for a for-each loop: {@code hasNext} waits for the next event and
     * is false once the subscriber is closed and drained, or when the waiting thread is
     * interrupted (the interrupt is kept).
     */
    public Iterable<ChannelEvent> iterEvents() {
        return () -> new Iterator<>() {
            private ChannelEvent next;

            @Override
            public boolean hasNext() {
                if (next == null) {
                    try {
                        next = backlog.poll(Long.MAX_VALUE, TimeUnit.NANOSECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return next != null;
            }

            @Override
            public ChannelEvent next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("The subscriber is closed");
                }
                ChannelEvent event = next;
                next = null;
                return event;
            }
        };
    }

    /**
     * Starts a virtual thread that calls {@code onEvent} with each event, in order, as it arrives.
     * A subscriber has at most one running worker.
     *
     * @throws IllegalStateException when a worker of this subscriber is still running
     */
    public synchronized BackgroundWorker runInBackground(Consumer<ChannelEvent> onEvent) {
        if (worker != null && worker.isRunning()) {
            throw new IllegalStateException("This subscriber already has a running background worker");
        }
        BackgroundWorker started = new BackgroundWorker(backlog, onEvent);
        worker = started;
        started.start();
        return started;
    }

    /** Whether the subscriber was closed (it may still hold events to take). */
    public boolean isClosed() {
        return backlog.isClosed();
    }

    /** How many events wait to be taken. */
    public int backlogSize() {
        return backlog.size();
    }

    /** How many events this subscriber lost because its backlog was full. */
    public long droppedEvents() {
        return backlog.dropped();
    }

    /**
     * Unsubscribes from every channel and ends the stream: pulling returns what is still queued,
     * then nothing; a background worker stops after the event it is handling. Idempotent.
     */
    @Override
    public void close() {
        registry.unsubscribeAll(backlog);
        backlog.close();
        BackgroundWorker running = worker;
        if (running != null) {
            running.stop(false);
        }
    }

    Backlog backlog() {
        return backlog;
    }

    @Override
    public String toString() {
        return "Subscriber" + channels();
    }
}
