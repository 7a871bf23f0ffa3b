package dev.rigel.channels;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A virtual thread that hands a {@link Subscriber}'s events to a callback as they arrive (Litestar's
 * {@code run_in_background}), e.g. to send them down a WebSocket. Made by
 * {@link Subscriber#runInBackground}.
 *
 * <p>It ends when {@link #stop} asks it to, when its subscriber is closed, or when the callback
 * throws (the exception is logged and kept in {@link #failure()}). Closing it stops it after the
 * events already queued and waits for that.
 */
public final class BackgroundWorker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BackgroundWorker.class);

    private enum Mode {
        RUN,
        DRAIN,
        STOP
    }

    private final Backlog backlog;
    private final Consumer<ChannelEvent> onEvent;
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile Mode mode = Mode.RUN;
    private volatile Throwable failure;

    BackgroundWorker(Backlog backlog, Consumer<ChannelEvent> onEvent) {
        this.backlog = backlog;
        this.onEvent = onEvent;
    }

    void start() {
        Thread.ofVirtual().name("rigel-channels-worker").start(this::run);
    }

    private void run() {
        try {
            while (mode != Mode.STOP) {
                ChannelEvent event = backlog.poll(Long.MAX_VALUE, TimeUnit.NANOSECONDS, () -> mode != Mode.RUN);
                if (event == null || mode == Mode.STOP) {
                    // null: closed and drained, or asked to stop and nothing is left to drain
                    return;
                }
                onEvent.accept(event);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable e) {
            failure = e;
            LOG.warn("A channels subscriber's callback failed; its background worker stopped", e);
        } finally {
            finished.countDown();
        }
    }

    /** Whether the worker is still handing out events. */
    public boolean isRunning() {
        return finished.getCount() > 0;
    }

    /**
     * Asks the worker to stop: with {@code join}, after the events queued now and those arriving
     * until the backlog is first empty; without, after the event it is handling. Does not wait.
     */
    public void stop(boolean join) {
        if (mode != Mode.STOP) {
            mode = join ? Mode.DRAIN : Mode.STOP;
        }
        backlog.wakeUp();
    }

    /** Waits up to {@code timeout} for the worker to end; true if it has. */
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** What the callback threw, if that is why the worker ended. */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    /**
     * Stops after the queued events ({@code stop(true)}) and waits for the worker to end; if the
     * waiting thread is interrupted, stops right away instead and keeps the interrupt.
     */
    @Override
    public void close() {
        stop(true);
        try {
            finished.await();
        } catch (InterruptedException e) {
            stop(false);
            Thread.currentThread().interrupt();
        }
    }
}
