package dev.rigel.channels;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * One subscriber's queue of events: bounded, never blocking the side that adds (the backend's
 * delivery thread), blocking only the subscriber that takes.
 *
 * <p>While history is being fetched for a new subscriber, live events are held aside so that
 * {@link #release} can queue the history first and the live events after it, in order.
 */
public final class Backlog {

    private final int capacity;
    private final BacklogStrategy strategy;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<ChannelEvent> queue = new ArrayDeque<>();
    private ArrayDeque<ChannelEvent> held;
    private boolean closed;
    private long dropped;

    public Backlog(int capacity, BacklogStrategy strategy) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
        this.strategy = strategy;
    }

    /**
     * Queues {@code event}, dropping by the strategy when full; never waits.
     *
     * @return false when the event was dropped or the backlog is closed
     */
    public boolean offer(ChannelEvent event) {
        lock.lock();
        try {
            if (closed) {
                return false;
            }
            if (held != null) {
                return add(held, event);
            }
            boolean added = add(queue, event);
            changed.signal();
            return added;
        } finally {
            lock.unlock();
        }
    }

    private boolean add(ArrayDeque<ChannelEvent> target, ChannelEvent event) {
        if (target.size() < capacity) {
            target.addLast(event);
            return true;
        }
        dropped++;
        if (strategy == BacklogStrategy.BACKOFF) {
            return false;
        }
        target.removeFirst();
        target.addLast(event);
        return true;
    }

    /** Holds live events aside until {@link #release}. */
    public void hold() {
        lock.lock();
        try {
            if (held == null) {
                held = new ArrayDeque<>();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Queues {@code first} (history), then the live events held since {@link #hold}, by the strategy. */
    public void release(List<ChannelEvent> first) {
        lock.lock();
        try {
            ArrayDeque<ChannelEvent> live = held;
            held = null;
            if (!closed) {
                for (ChannelEvent event : first) {
                    add(queue, event);
                }
                if (live != null) {
                    for (ChannelEvent event : live) {
                        add(queue, event);
                    }
                }
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The next event, waiting up to {@code timeout}; null when none came in time, or when the
     * backlog is closed and empty.
     */
    public ChannelEvent poll(long timeout, TimeUnit unit) throws InterruptedException {
        return poll(timeout, unit, () -> false);
    }

    /**
     * As {@link #poll(long, TimeUnit)}, but also gives up (null) once {@code giveUp} is true; it is
     * checked again on every {@link #wakeUp}.
     */
    public ChannelEvent poll(long timeout, TimeUnit unit, BooleanSupplier giveUp) throws InterruptedException {
        long nanos = unit.toNanos(timeout);
        lock.lockInterruptibly();
        try {
            while (queue.isEmpty()) {
                if (closed || nanos <= 0 || giveUp.getAsBoolean()) {
                    return null;
                }
                nanos = changed.awaitNanos(nanos);
            }
            return queue.removeFirst();
        } finally {
            lock.unlock();
        }
    }

    /** The next event if one is queued, else null. */
    public ChannelEvent poll() {
        lock.lock();
        try {
            return queue.pollFirst();
        } finally {
            lock.unlock();
        }
    }

    /** Accepts no more events; what is queued can still be taken. Wakes every waiting taker. */
    public void close() {
        lock.lock();
        try {
            closed = true;
            held = null;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Wakes every waiting taker so it checks its give-up condition again. */
    public void wakeUp() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    /** Closed with nothing left to take. */
    public boolean isExhausted() {
        lock.lock();
        try {
            return closed && queue.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    public int size() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    public long dropped() {
        lock.lock();
        try {
            return dropped;
        } finally {
            lock.unlock();
        }
    }
}
