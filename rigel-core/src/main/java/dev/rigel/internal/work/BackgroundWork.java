package dev.rigel.internal.work;

import java.time.Duration;
import java.util.concurrent.ThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Work the app runs after the fact on virtual threads (event listeners, background tasks of
 * routes that run on the event loop), counted so shutdown can wait for it. One per app.
 */
public final class BackgroundWork {

    private static final Logger LOG = LoggerFactory.getLogger("dev.rigel.background");

    private final ThreadFactory threads;
    private final Object lock = new Object();
    private int running;

    public BackgroundWork(String threadPrefix) {
        this.threads = Thread.ofVirtual().name(threadPrefix, 0).factory();
    }

    /** Starts {@code task} on its own virtual thread; whatever it throws is logged as {@code what} failing. */
    public void start(String what, Task task) {
        synchronized (lock) {
            running++;
        }
        Runnable body = () -> {
            try {
                task.run();
            } catch (Throwable t) {
                LOG.error("{} failed", what, t);
            } finally {
                finished();
            }
        };
        try {
            threads.newThread(body).start();
        } catch (RuntimeException | Error e) {
            finished();
            throw e;
        }
    }

    private void finished() {
        synchronized (lock) {
            running--;
            if (running == 0) {
                lock.notifyAll();
            }
        }
    }

    /** Tasks started and not finished yet. */
    public int running() {
        synchronized (lock) {
            return running;
        }
    }

    /**
     * Waits until nothing runs or {@code timeout} has passed; returns how many tasks were still
     * running then (they are left to finish on their own, never interrupted).
     */
    public int drain(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (running > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    lock.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            return running;
        }
    }

    /** A unit of background work. */
    @FunctionalInterface
    public interface Task {
        void run() throws Exception;
    }
}
