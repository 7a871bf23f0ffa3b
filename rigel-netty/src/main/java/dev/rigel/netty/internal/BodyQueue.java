package dev.rigel.netty.internal;

import dev.rigel.protocol.Message;
import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Hands request-body chunks from the event loop to an application running on a virtual thread.
 *
 * <p>The event loop never blocks: {@link #offer} always succeeds, and backpressure works by the
 * connection not asking the socket for more data while {@link #isFull()} says so. The consumer
 * runs {@code resume} once it has drained the queue far enough, so reading picks up again. A
 * {@link ReentrantLock} rather than {@code synchronized} keeps virtual threads unpinned on JDK 21.
 */
final class BodyQueue {

    /** Stop reading from the socket above this many queued bytes... */
    static final int HIGH_WATER = 256 * 1024;
    /** ...and start again once the application has taken it down to this. */
    static final int LOW_WATER = 64 * 1024;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition available = lock.newCondition();
    private final ArrayDeque<Message.RequestBody> chunks = new ArrayDeque<>(4);
    private final Runnable resume;
    private long bytes;
    private boolean ended;
    private boolean disconnected;
    private boolean resumeWanted;

    BodyQueue(Runnable resume) {
        this.resume = resume;
    }

    /** Event loop: appends a chunk; the last one has {@code moreBody == false}. */
    void offer(Message.RequestBody chunk) {
        lock.lock();
        try {
            if (disconnected) {
                return;
            }
            chunks.add(chunk);
            bytes += chunk.body().length;
            if (!chunk.moreBody()) {
                ended = true;
            }
            available.signal();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Event loop: whether the reader should stop reading for now. When it says yes it also
     * arranges for {@code resume} to run once the consumer catches up.
     */
    boolean isFull() {
        lock.lock();
        try {
            if (bytes >= HIGH_WATER && !disconnected) {
                resumeWanted = true;
                return true;
            }
            return false;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Event loop: the client went away or the request was abandoned. A body that had fully
     * arrived stays readable; an incomplete one is dropped and receive() reports Disconnect.
     */
    void disconnect() {
        lock.lock();
        try {
            if (!ended) {
                chunks.clear();
                bytes = 0;
            }
            disconnected = true;
            resumeWanted = false;
            available.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Application thread: the next chunk, waiting for it if needed; Disconnect once the body was
     * abandoned; null once the whole body was taken and the client is (as far as the queue knows)
     * still there, so the exchange waits for it to leave.
     */
    Message take() throws InterruptedException {
        boolean wake = false;
        lock.lock();
        try {
            while (chunks.isEmpty()) {
                if (disconnected) {
                    return Message.Disconnect.INSTANCE;
                }
                if (ended) {
                    return null;
                }
                available.await();
            }
            Message.RequestBody chunk = chunks.poll();
            bytes -= chunk.body().length;
            if (resumeWanted && bytes <= LOW_WATER) {
                resumeWanted = false;
                wake = true;
            }
            return chunk;
        } finally {
            lock.unlock();
            if (wake) {
                resume.run();
            }
        }
    }
}
