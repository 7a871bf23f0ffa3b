package dev.rigel.response;

import java.time.Duration;
import java.util.Iterator;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A {@code text/event-stream} response: events sent as they come, with
 * {@code Cache-Control: no-cache} and {@code X-Accel-Buffering: no} (so nginx does not hold them
 * back).
 *
 * <p>Elements of the source may be {@link SseEvent}s, Strings (sent as data) or anything else
 * (sent as JSON data). Two kinds of source:
 * <ul>
 *   <li>{@link #of(Iterator)} / {@link #of(Iterable)}: a blocking iterator, sent until it ends.</li>
 *   <li>{@link #poll(Poller)} / {@link #fromQueue(BlockingQueue)}: a source asked with a timeout.
 *       When nothing came within the {@link #keepAlive keep-alive interval} (15 s by default) a
 *       {@code : ping} comment is sent, which keeps proxies from closing an idle connection and
 *       keeps proxies from closing an idle connection.</li>
 * </ul>
 *
 * <p>When the client leaves, the stream stops quietly: the source is closed if it is
 * {@link AutoCloseable}, the {@link #onClose} action runs, and the route's scoped dependencies are
 * cleaned up. That happens at once for {@link #fromQueue} sources and for sources marked
 * {@link #interruptOnDisconnect()} (the sending thread is interrupted while it waits); other
 * sources notice at their next event or keep-alive ping, when the write fails. Closing and
 * {@code onClose} happen too when the source ends or fails.
 *
 * <pre>{@code
 * BlockingQueue<SseEvent> queue = hub.subscribe();
 * return ServerSentEvent.fromQueue(queue).onClose(() -> hub.unsubscribe(queue));
 * }</pre>
 */
public final class ServerSentEvent implements ResponseContent {

    /** The default interval between keep-alive comments on an idle pollable source. */
    public static final Duration DEFAULT_KEEP_ALIVE = Duration.ofSeconds(15);

    /**
     * A source asked for its next element with a timeout: returns the element, null when nothing
     * came in time, or {@link SseEvent#END} when the stream is over.
     */
    @FunctionalInterface
    public interface Poller {
        Object poll(Duration timeout) throws InterruptedException;
    }

    private final Iterator<?> iterator;
    private final Poller poller;
    private final Object closeable;
    private final Duration keepAlive;
    private final Runnable onClose;
    private final boolean interruptOnDisconnect;

    private ServerSentEvent(
            Iterator<?> iterator,
            Poller poller,
            Object closeable,
            Duration keepAlive,
            Runnable onClose,
            boolean interruptOnDisconnect) {
        this.iterator = iterator;
        this.poller = poller;
        this.closeable = closeable;
        this.keepAlive = keepAlive;
        this.onClose = onClose;
        this.interruptOnDisconnect = interruptOnDisconnect;
    }

    /** Events from a (possibly blocking) iterator, until it ends. */
    public static ServerSentEvent of(Iterator<?> events) {
        Objects.requireNonNull(events, "events");
        return new ServerSentEvent(events, null, events, DEFAULT_KEEP_ALIVE, null, false);
    }

    /** Events from an iterable; the iterable is closed at the end if it is {@link AutoCloseable}. */
    public static ServerSentEvent of(Iterable<?> events) {
        Objects.requireNonNull(events, "events");
        return new ServerSentEvent(events.iterator(), null, events, DEFAULT_KEEP_ALIVE, null, false);
    }

    /** Events from a source polled with the keep-alive interval as timeout. */
    public static ServerSentEvent poll(Poller source) {
        Objects.requireNonNull(source, "source");
        return new ServerSentEvent(null, source, source, DEFAULT_KEEP_ALIVE, null, false);
    }

    /** Events taken from {@code queue} until {@link SseEvent#END} is taken. */
    public static ServerSentEvent fromQueue(BlockingQueue<?> queue) {
        Objects.requireNonNull(queue, "queue");
        // waiting on a queue is safe to interrupt: the stream stops the moment the client leaves
        return new ServerSentEvent(
                null,
                timeout -> queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS),
                queue,
                DEFAULT_KEEP_ALIVE,
                null,
                true);
    }

    /** How long a pollable source may stay idle before a {@code : ping} comment is sent. */
    public ServerSentEvent keepAlive(Duration interval) {
        Objects.requireNonNull(interval, "interval");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("keep-alive interval must be positive: " + interval);
        }
        return new ServerSentEvent(iterator, poller, closeable, interval, onClose, interruptOnDisconnect);
    }

    /** Runs once the stream is over, however it ended (source done, failed, or client gone). */
    public ServerSentEvent onClose(Runnable action) {
        return new ServerSentEvent(
                iterator,
                poller,
                closeable,
                keepAlive,
                Objects.requireNonNull(action, "action"),
                interruptOnDisconnect);
    }

    /**
     * Stops the source as soon as the client leaves, even while it waits for its next event: the
     * thread sending the stream is interrupted. {@link #fromQueue} sources do this already (a
     * queue wait is safe to interrupt). Off by default for other sources, because an interrupt
     * also aborts whatever blocking I/O the source is doing (it closes an NIO channel or a virtual
     * thread's socket, such as a pooled JDBC connection's); without it a departed client is
     * noticed at the next event or keep-alive ping.
     */
    public ServerSentEvent interruptOnDisconnect() {
        return new ServerSentEvent(iterator, poller, closeable, keepAlive, onClose, true);
    }

    /** Whether the source is interrupted when the client leaves (see {@link #interruptOnDisconnect()}). */
    public boolean interruptsOnDisconnect() {
        return interruptOnDisconnect;
    }

    /** The iterator, or null for a polled source. */
    public Iterator<?> iterator() {
        return iterator;
    }

    /** The polled source, or null for an iterator. */
    public Poller poller() {
        return poller;
    }

    /** What is closed at the end when it is {@link AutoCloseable}: the iterator, iterable or source. */
    public Object source() {
        return closeable;
    }

    public Duration keepAliveInterval() {
        return keepAlive;
    }

    /** The action run when the stream is over, or null. */
    public Runnable closeAction() {
        return onClose;
    }

    @Override
    public String toString() {
        return "ServerSentEvent[" + (poller != null ? "polled" : "iterator") + "]";
    }
}
