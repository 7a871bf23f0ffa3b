package dev.rigel.netty.internal;

import dev.rigel.protocol.Message;
import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Hands a WebSocket's inbound messages from the event loop to the application's thread, ending
 * with the {@link Message.WebSocketDisconnect} the application receives from then on.
 *
 * <p>As with {@link BodyQueue}, the event loop never blocks: {@link #offer} always succeeds, and
 * the connection stops reading from the socket while {@link #isFull()} says so; {@code resume}
 * runs once the application has taken the queue down far enough.
 */
final class WebSocketInbox {

    /** Stop reading from the socket above this many queued bytes... */
    static final int HIGH_WATER = 1024 * 1024;
    /** ...and start again once the application has taken it down to this. */
    static final int LOW_WATER = 256 * 1024;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition available = lock.newCondition();
    private final ArrayDeque<Message.WebSocketReceive> messages = new ArrayDeque<>(4);
    private final Runnable resume;
    private long bytes;
    private Message.WebSocketDisconnect end;
    private boolean resumeWanted;

    WebSocketInbox(Runnable resume) {
        this.resume = resume;
    }

    /** Event loop: a message from the client. Dropped once the connection has ended. */
    void offer(Message.WebSocketReceive message) {
        lock.lock();
        try {
            if (end == null) {
                messages.add(message);
                bytes += message.data().length;
                available.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Event loop: whether to stop reading for now; if so, {@code resume} runs when the application catches up. */
    boolean isFull() {
        lock.lock();
        try {
            if (bytes >= HIGH_WATER && end == null) {
                resumeWanted = true;
                return true;
            }
            return false;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The client closed or the connection dropped: what already arrived is still delivered,
     * then the disconnect. Only the first end counts.
     */
    void end(int code, String reason) {
        finish(code, reason, false);
    }

    /** The application closed: nothing more is delivered but the disconnect with its own code. */
    void endNow(int code, String reason) {
        finish(code, reason, true);
    }

    private void finish(int code, String reason, boolean dropQueued) {
        lock.lock();
        try {
            if (end != null) {
                return;
            }
            end = new Message.WebSocketDisconnect(code, reason);
            if (dropQueued) {
                messages.clear();
                bytes = 0;
            }
            resumeWanted = false;
            available.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Whether the connection has ended (messages may still be waiting to be taken). */
    boolean ended() {
        lock.lock();
        try {
            return end != null;
        } finally {
            lock.unlock();
        }
    }

    /** Application thread: the next message, waiting for it, or the disconnect once it is all over. */
    Message take() throws InterruptedException {
        boolean wake = false;
        lock.lock();
        try {
            while (messages.isEmpty()) {
                if (end != null) {
                    return end;
                }
                available.await();
            }
            Message.WebSocketReceive message = messages.poll();
            bytes -= message.data().length;
            if (resumeWanted && bytes <= LOW_WATER) {
                resumeWanted = false;
                wake = true;
            }
            return message;
        } finally {
            lock.unlock();
            if (wake) {
                resume.run();
            }
        }
    }
}
