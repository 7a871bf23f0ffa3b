package dev.rigel.internal.body;

import dev.rigel.protocol.Message;
import dev.rigel.protocol.Receive;
import dev.rigel.protocol.Send;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches for the client leaving while a stream or event source is sent, so a producer blocked in
 * its source (an iterator waiting for something rare) is stopped at once instead of at its next
 * write. A virtual thread waits in {@code receive}, which after the body blocks until the client
 * leaves or the exchange ends; if that comes before the producer's last message, the client left
 * and the producer thread is interrupted (its source is closed by the producer itself, in
 * {@link StreamedBody#send}, so a source is never used by two threads at once).
 *
 * <p>The interrupt happens under the lock that {@link #finish} takes, so once {@code finish}
 * returned no interrupt from this watch can arrive any more, and the one that did is cleared:
 * the route's cleanups never run interrupted.
 */
final class ClientWatch implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger("dev.rigel.responses");

    private final Receive receive;
    private final Thread producer;
    private final ReentrantLock lock = new ReentrantLock();
    /** The producer sent its last message or stopped: an interrupt would hit something else. */
    private boolean finished;
    /** The client left before the response was complete, and the producer was interrupted. */
    private boolean left;

    private ClientWatch(Receive receive, Thread producer) {
        this.receive = receive;
        this.producer = producer;
    }

    /** Starts watching on behalf of the calling (producing) thread. */
    static ClientWatch start(Receive receive) {
        ClientWatch watch = new ClientWatch(receive, Thread.currentThread());
        Thread.ofVirtual().name("rigel-client-watch").start(watch);
        return watch;
    }

    @Override
    public void run() {
        try {
            Message message;
            do {
                // what is left of a body nobody read (a GET's empty one) comes first
                message = receive.receive();
            } while (message instanceof Message.RequestBody);
        } catch (InterruptedException | RuntimeException e) {
            LOG.debug("Stopped watching for the client to leave: {}", e.toString());
            return;
        }
        lock.lock();
        try {
            if (!finished) {
                left = true;
                producer.interrupt();
            }
        } finally {
            lock.unlock();
        }
    }

    /** A send that counts its final message as the end: a disconnect after it is just the exchange ending. */
    Send guard(Send send) {
        return message -> {
            if (message instanceof Message.ResponseBody body && !body.moreBody()) {
                finishing();
            }
            send.send(message);
        };
    }

    private void finishing() {
        lock.lock();
        try {
            finished = true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Producer: sending is over. Returns whether the client had left (then the producer's
     * interrupt is cleared, since it was only the signal to stop).
     */
    boolean finish() {
        lock.lock();
        try {
            finished = true;
            if (left) {
                Thread.interrupted();
            }
            return left;
        } finally {
            lock.unlock();
        }
    }
}
