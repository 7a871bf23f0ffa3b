package dev.rigel.internal.websocket;

import dev.rigel.protocol.Message;
import dev.rigel.websocket.CloseCodes;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens on a streaming WebSocket while its handler's source is sent (Litestar's
 * {@code listen_for_disconnect}): a virtual thread receives, so the client leaving is seen at
 * once, not at the next send. Then the stream is stopped: the producer pulls no further element,
 * and with {@code interruptOnDisconnect} its thread is interrupted, so a source blocked in
 * {@code next()} wakes up (the same opt-in, for the same reasons, as for HTTP streams).
 *
 * <p>A message from the client is discarded when the route allows it; otherwise, as Litestar does
 * by default, receiving data is an error: the connection is closed with 1003 and the stream stops.
 *
 * <p>The interrupt happens under the lock {@link #finish} takes, so once {@code finish} returned no
 * interrupt from this watch can arrive any more, and the one that did is cleared.
 */
final class StreamWatch implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger("dev.rigel.websocket");

    static final String REFUSED_REASON = "This WebSocket only sends";

    private final WebSocketSession socket;
    private final Thread producer;
    private final boolean allowDataDiscard;
    private final boolean interruptOnDisconnect;
    private final Object route;
    private final ReentrantLock lock = new ReentrantLock();
    /** The stream must end: the client left or sent data it may not send. */
    private volatile boolean stopped;
    /** Sending is over: the stream must not be stopped or interrupted any more. */
    private boolean finished;

    private boolean interrupted;

    private StreamWatch(
            WebSocketSession socket, boolean allowDataDiscard, boolean interruptOnDisconnect, Object route) {
        this.socket = socket;
        this.producer = Thread.currentThread();
        this.allowDataDiscard = allowDataDiscard;
        this.interruptOnDisconnect = interruptOnDisconnect;
        this.route = route;
    }

    /** Starts watching on behalf of the calling (producing) thread; the socket must be open. */
    static StreamWatch start(
            WebSocketSession socket, boolean allowDataDiscard, boolean interruptOnDisconnect, Object route) {
        StreamWatch watch = new StreamWatch(socket, allowDataDiscard, interruptOnDisconnect, route);
        Thread.ofVirtual().name("rigel-websocket-stream-watch").start(watch);
        return watch;
    }

    @Override
    public void run() {
        try {
            Message.WebSocketReceive message;
            while ((message = socket.nextMessage()) != null) {
                if (allowDataDiscard) {
                    LOG.debug("{} discards a message received while streaming", route);
                    continue;
                }
                // closed before the producer is interrupted, so the 1003 is the close the client gets
                if (stop(() -> socket.close(CloseCodes.UNSUPPORTED_DATA, REFUSED_REASON))) {
                    LOG.debug("{} received a message while streaming; closed with 1003", route);
                }
            }
        } catch (RuntimeException e) {
            LOG.debug("Stopped watching the stream of {}: {}", route, e.toString());
            return;
        }
        if (stop(() -> {})) {
            LOG.debug("{}: the client left while streaming (code {})", route, socket.closeCode());
        }
    }

    /** Stops the stream unless it finished, running {@code first} before any interrupt; true when this call stopped it. */
    private boolean stop(Runnable first) {
        lock.lock();
        try {
            if (finished || stopped) {
                return false;
            }
            stopped = true;
            first.run();
            if (interruptOnDisconnect) {
                interrupted = true;
                producer.interrupt();
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Whether the producer must stop pulling from its source. */
    boolean stopped() {
        return stopped;
    }

    /**
     * Producer: sending is over. Returns whether the stream had been stopped (then an interrupt
     * this watch sent is cleared, since it was only the signal to stop).
     */
    boolean finish() {
        lock.lock();
        try {
            finished = true;
            if (interrupted) {
                interrupted = false;
                Thread.interrupted();
            }
            return stopped;
        } finally {
            lock.unlock();
        }
    }
}
