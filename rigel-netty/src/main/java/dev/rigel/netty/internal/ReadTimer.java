package dev.rigel.netty.internal;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The read timeout of one HTTP/1 connection or HTTP/2 stream: at most one timer pending, armed
 * while the client still owes part of a request. What a timeout means is up to the handler
 * (a 408, or arming again when it was the server that stopped reading), so the handler passes
 * that in. Event loop only.
 */
final class ReadTimer {

    /** Zero or less: read timeouts are off and {@link #arm} does nothing. */
    private final long timeoutNanos;

    private ScheduledFuture<?> pending;

    ReadTimer(long timeoutNanos) {
        this.timeoutNanos = timeoutNanos;
    }

    /** Runs {@code onTimeout} on {@code loop} after the timeout, unless a timer is already pending. */
    void arm(EventExecutor loop, Runnable onTimeout) {
        if (pending == null && timeoutNanos > 0) {
            pending = loop.schedule(
                    () -> {
                        pending = null; // cleared first, so onTimeout may arm again
                        onTimeout.run();
                    },
                    timeoutNanos,
                    TimeUnit.NANOSECONDS);
        }
    }

    void cancel() {
        if (pending != null) {
            pending.cancel(false);
            pending = null;
        }
    }
}
