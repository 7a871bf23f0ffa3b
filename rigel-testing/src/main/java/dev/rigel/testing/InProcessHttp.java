package dev.rigel.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rigel.protocol.Message;
import dev.rigel.protocol.Receive;
import dev.rigel.protocol.Send;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One in-process HTTP exchange: the client side of the protocol, what a server would be. The
 * request body comes out of {@link #receive} as one final chunk (a streamed body: one 64 KiB
 * chunk per receive, read from its source only when the app asks, then an empty final one); after it, {@code receive} blocks
 * until the client leaves ({@link #leave}: the test closed a streamed response or the client) or
 * the exchange is over (the response is complete, or the app returned), then yields Disconnect.
 * Sends are checked against the protocol and queued for the reader; once the client has left they
 * fail with an IOException, as a write to a closed connection does.
 */
final class InProcessHttp implements Receive, Send {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final OutgoingBody requestBody;
    private boolean bodyTaken;
    private boolean clientGone;
    private Message.ResponseStart start;
    private final ArrayDeque<byte[]> chunks = new ArrayDeque<>();
    private boolean complete;
    /** The app's call returned (or threw); nothing more will be sent. */
    private boolean returned;

    InProcessHttp(OutgoingBody requestBody) {
        this.requestBody = requestBody;
    }

    @Override
    public Message receive() throws InterruptedException {
        if (requestBody.isStreamed() && streamedBodyPending()) {
            // read outside the lock: the source may wait for the test to write more
            return nextStreamedChunk();
        }
        lock.lock();
        try {
            if (!bodyTaken) {
                bodyTaken = true;
                if (requestBody.isStreamed()) {
                    return Message.Disconnect.INSTANCE; // the client left in the middle of its body
                }
                return new Message.RequestBody(requestBody.bytes(), false);
            }
            while (!clientGone && !complete && !returned) {
                changed.await();
            }
            return Message.Disconnect.INSTANCE;
        } finally {
            lock.unlock();
        }
    }

    private boolean streamedBodyPending() {
        lock.lock();
        try {
            return !bodyTaken && !clientGone;
        } finally {
            lock.unlock();
        }
    }

    /** The next piece of a streamed request body, pulled from its source as the app asks for it. */
    private Message nextStreamedChunk() {
        byte[] chunk;
        try {
            chunk = requestBody.chunks().readNBytes(OutgoingBody.CHUNK);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("The test's request body source failed", e);
        }
        if (chunk.length == 0) {
            lock.lock();
            try {
                bodyTaken = true;
            } finally {
                lock.unlock();
            }
            return new Message.RequestBody(Message.EMPTY, false);
        }
        return new Message.RequestBody(chunk, true);
    }

    @Override
    public void send(Message message) throws IOException {
        lock.lock();
        try {
            if (complete) {
                throw new IllegalStateException(
                        "The app sent " + message.getClass().getSimpleName() + " after the response was complete");
            }
            if (clientGone) {
                throw new IOException("The test client left before the response was complete");
            }
            switch (message) {
                case Message.ResponseStart responseStart -> {
                    if (start != null) {
                        throw new IllegalStateException("The app sent a second response start");
                    }
                    start = responseStart;
                }
                case Message.ResponseBody chunk -> {
                    if (start == null) {
                        throw new IllegalStateException("The app sent a body before the response start");
                    }
                    if (chunk.body().length > 0) {
                        chunks.add(chunk.body().clone()); // the app may reuse its buffer
                    }
                    complete = !chunk.moreBody();
                }
                default -> throw new IllegalStateException("The app sent an inbound message: " + message);
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The app's call is over: a receive still waiting returns, a reader sees the end. */
    void returned() {
        lock.lock();
        try {
            returned = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The client goes away: a receive waiting after the body yields Disconnect, sends fail. */
    void leave() {
        lock.lock();
        try {
            clientGone = true;
            chunks.clear();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Waits (at most {@code seconds}) for the response start; null if the app returned without one. */
    Message.ResponseStart awaitStart(long seconds) throws InterruptedException {
        long nanos = TimeUnit.SECONDS.toNanos(seconds);
        lock.lock();
        try {
            while (start == null && !returned) {
                if (nanos <= 0) {
                    throw new IllegalStateException("The app sent no response start within " + seconds + " s");
                }
                nanos = changed.awaitNanos(nanos);
            }
            return start;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Streamed reading: the next chunk of the body, waiting for it; null at the end.
     *
     * @throws IOException if the app returned without completing its response
     */
    byte[] nextChunk() throws IOException, InterruptedException {
        lock.lock();
        try {
            while (chunks.isEmpty() && !complete && !returned && !clientGone) {
                changed.await();
            }
            if (!chunks.isEmpty()) {
                return chunks.poll();
            }
            if (complete || clientGone) {
                return null;
            }
            throw new IOException("The app returned without completing its response");
        } finally {
            lock.unlock();
        }
    }

    /** After the app returned: the whole response. */
    TestResponse response(ObjectMapper mapper) {
        lock.lock();
        try {
            if (start == null || !complete) {
                throw new IllegalStateException("The app returned without completing its response");
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            chunks.forEach(body::writeBytes);
            return new TestResponse(start.status(), start.headers(), body.toByteArray(), mapper);
        } finally {
            lock.unlock();
        }
    }
}
