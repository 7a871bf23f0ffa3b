package dev.rigel.netty.internal;

import dev.rigel.protocol.Headers;
import dev.rigel.protocol.Message;
import dev.rigel.protocol.Message.ResponseBody;
import dev.rigel.protocol.Message.ResponseStart;
import dev.rigel.protocol.Receive;
import dev.rigel.protocol.Scope;
import dev.rigel.protocol.Send;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.util.concurrent.EventExecutor;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;
import java.util.concurrent.locks.LockSupport;

/**
 * The server side of one HTTP request/response exchange, protocol-neutral: it is the {@link
 * Receive} and {@link Send} the application is called with, and it owns the request body on its
 * way in and the response state machine on its way out. The name keeps it apart from the
 * application framework's own per-request object, which only sees this exchange as a {@code
 * Receive}, and from {@link WebSocketExchange}, which serves an upgraded connection and shares
 * nothing with it. The HTTP/1.1 and HTTP/2 subclasses only turn protocol messages into Netty
 * objects; everything that touches the channel goes through their {@link HttpExchangeHandler}.
 *
 * <p>It stays one class although its request and response halves can be told apart: both are
 * this one object (the application's {@code Receive} and {@code Send}, one allocation per
 * request), they share the lifecycle flags read across threads, and both hand {@code this} to
 * the handler.
 *
 * <p>Threading: fields in the "event loop" group are touched only on the channel's event loop;
 * the response state is touched only by the thread calling {@link #send} (the event loop itself
 * for inline applications). Anything both sides read is volatile. All writes happen on the event
 * loop, so the handler decides alone whether an exchange may still write.
 */
abstract class HttpExchange implements Receive, Send, Runnable {

    private static final int INIT = 0;
    private static final int STARTED = 1;
    private static final int STREAMING = 2;
    private static final int DONE = 3;

    final Dispatcher dispatcher;
    final Scope scope;
    final boolean headRequest;
    final Connection connection;
    private final HttpExchangeHandler handler;
    final Channel channel;
    private final EventExecutor loop;
    private final long contentLength;

    /** A virtual-thread exchange buffers at most this much before it starts streaming. */
    private static final int DEFER_LIMIT = 64 * 1024;

    // The "event loop" group:
    boolean inline;
    /** The virtual thread has been started (unused for inline exchanges, which are called when complete). */
    private boolean dispatched;
    /** Request body bytes seen so far, checked against the limit. */
    long received;
    /**
     * Still counted as in flight on its connection: from construction until the response is
     * complete or the exchange is lost, whichever comes first.
     */
    private boolean active = true;

    private BodyBuffer buffer;
    private BodyQueue queue;
    /** The whole request has arrived (read by the application thread when building headers). */
    volatile boolean requestComplete;
    /** The client asked for 100 Continue and has not been sent one yet. */
    volatile boolean expectContinue;

    // The response side, and what both sides read:
    private int state = INIT;
    private ResponseStart pending;
    private byte[] bufferedBody;
    private boolean bufferedBodyTaken;
    /** Something of the response was handed to the event loop; an error can no longer become a 500. */
    volatile boolean onWire;
    /** The connection (or stream) is gone or the server gave up on this exchange. */
    volatile boolean closed;

    private volatile Thread writer;
    private volatile boolean writeDone;
    /**
     * The response is complete (or abandoned): a receive waiting for the client to leave returns.
     * Together with {@link #closed} it is all a waiting receive looks at.
     */
    private volatile boolean over;
    /**
     * The threads parked in a receive after the body, waiting for the client to leave (a stream's
     * watcher, a middleware's own thread…); made on the first wait, so ordinary exchanges never
     * allocate it.
     */
    private volatile ConcurrentLinkedQueue<Thread> disconnectWaiters;

    private static final AtomicReferenceFieldUpdater<HttpExchange, ConcurrentLinkedQueue> WAITERS =
            AtomicReferenceFieldUpdater.newUpdater(
                    HttpExchange.class, ConcurrentLinkedQueue.class, "disconnectWaiters");
    /** The handler was asked to notice the client leaving (HTTP/1 must read for that). */
    private volatile boolean watching;

    /** Event loop: the handler has just read the request head. */
    HttpExchange(
            HttpExchangeHandler handler,
            Dispatcher dispatcher,
            Scope scope,
            long contentLength,
            boolean expectContinue) {
        this.dispatcher = dispatcher;
        this.scope = scope;
        this.headRequest = "HEAD".equals(scope.method());
        this.handler = handler;
        this.connection = handler.connection();
        this.channel = handler.channel();
        this.loop = handler.executor();
        this.contentLength = contentLength;
        this.expectContinue = expectContinue;
        connection.exchangeStarted();
    }

    /** Application thread: the complete response (status, headers, whole body) as Netty message(s). */
    abstract Object fullResponse(int status, Headers headers, byte[] body);

    /** Application thread: the head of a streamed response plus its first chunk. */
    abstract Object headResponse(int status, Headers headers, byte[] firstChunk);

    /** Application thread: a further chunk; null when there is nothing to write. */
    abstract Object bodyChunk(byte[] chunk, boolean last);

    /** Any thread: a complete JSON error response. */
    abstract Object errorResponse(int status, String detail);

    /**
     * Event loop: starts the exchange once the request head is known. An inline exchange is
     * called when its body is complete. A blocking one is dispatched to its virtual thread when
     * its body is complete or the current read ends, whichever comes first ({@link
     * #dispatchIfDeferred}): a GET or small POST usually arrives whole in one read, and then the
     * application gets the body already buffered, with no queue and no hand-off between threads.
     */
    final void begin(boolean inline) {
        this.inline = inline;
        // The body must be buffered before an inline call, so the client has to send it now.
        if (inline && expectContinue) {
            expectContinue = false;
            handler.writeContinue(this);
        }
    }

    /**
     * Event loop, at the end of a read with this exchange's body still incomplete: start the
     * application now and stream the rest to it, rather than make it wait for a slow body (or for
     * a body the client only sends after a 100 Continue, which the application triggers by
     * reading).
     */
    final void dispatchIfDeferred() {
        if (!inline && !dispatched && !closed) {
            dispatchStreaming();
        }
    }

    private void dispatchStreaming() {
        dispatched = true;
        queue = new BodyQueue(this::resumeFromApplication);
        if (buffer != null) {
            byte[] head = buffer.finish();
            buffer = null;
            if (head.length > 0) {
                queue.offer(new Message.RequestBody(head, true));
            }
        }
        dispatcher.startVirtual(this);
    }

    /** Event loop: takes ownership of {@code content}. The caller has already checked the size limit. */
    final void onBody(ByteBuf content, boolean last) {
        if (last) {
            requestComplete = true;
        }
        if (queue == null) {
            // Inline, or not dispatched yet: collect the body.
            if (content.isReadable()) {
                if (buffer == null) {
                    buffer = new BodyBuffer(channel.alloc(), contentLength);
                }
                buffer.add(content);
            } else {
                content.release();
            }
            if (last) {
                bufferedBody = buffer == null ? Message.EMPTY : buffer.finish();
                buffer = null;
                if (!inline) {
                    dispatched = true;
                    dispatcher.startVirtual(this);
                }
            } else if (!inline && buffer != null && buffer.size() > DEFER_LIMIT) {
                dispatchStreaming();
            }
            return;
        }
        byte[] bytes = content.isReadable() ? ByteBufUtil.getBytes(content) : Message.EMPTY;
        content.release();
        if (last) {
            queue.offer(bytes.length == 0 ? Message.RequestBody.EMPTY_LAST : new Message.RequestBody(bytes, false));
        } else if (bytes.length > 0) {
            queue.offer(new Message.RequestBody(bytes, true));
        }
    }

    /** Event loop: whether reading should pause because the application is behind on the body. */
    final boolean inboundFull() {
        return queue != null && queue.isFull();
    }

    /**
     * Runs an inline application on the event loop, once the body is complete. An asynchronous
     * handler may finish the exchange later ({@link Scope#finishLater}): the exchange then ends,
     * and counts as a running call, until that completion, on whichever thread completes it.
     */
    final void callInline() {
        scope.allowFinishLater();
        callApplication();
        CompletionStage<?> later = scope.completion();
        if (later == null) {
            afterCall();
            return;
        }
        dispatcher.started();
        later.whenComplete((ignored, error) -> {
            try {
                if (error != null) {
                    failed(error);
                }
                afterCall();
            } finally {
                dispatcher.finished();
            }
        });
    }

    /** Event loop: the handler has taken the last of the response: the exchange is over on this side. */
    final void responseComplete() {
        stopCounting();
        endReceive();
        if (!requestComplete) {
            detachBody(); // answered early: the handler skips the rest of the request body
        }
    }

    /** Event loop: the connection or stream went away, or the server answered the request itself. */
    final void connectionLost() {
        stopCounting();
        closed = true;
        detachBody();
        writableAgain();
        endReceive();
    }

    /** The exchange is over for the receiving side: a receive waiting for a disconnect returns now. */
    private void endReceive() {
        over = true;
        // a waiter adds itself before it looks at `over`/`closed`, so it either sees them set or is unparked here
        ConcurrentLinkedQueue<Thread> waiting = disconnectWaiters;
        if (waiting != null) {
            waiting.forEach(LockSupport::unpark);
        }
    }

    /** Once per exchange, however it ended: an idle timeout or a graceful stop may now close. */
    private void stopCounting() {
        if (active) {
            active = false;
            connection.exchangeFinished();
        }
    }

    /** The response finished before the request body did: the rest of the body will not come. */
    private void detachBody() {
        if (queue != null) {
            queue.disconnect();
        }
        if (buffer != null) {
            buffer.release();
            buffer = null;
        }
    }

    /** Wakes an application thread blocked in {@link #send} on a full outbound buffer. */
    final void writableAgain() {
        writeDone = true;
        Thread w = writer;
        if (w != null) {
            LockSupport.unpark(w);
        }
    }

    private void resumeFromApplication() {
        try {
            loop.execute(() -> handler.resumeReading(this));
        } catch (RejectedExecutionException shuttingDown) {
            // the event loop is gone, and with it the connection
        }
    }

    @Override
    public final void run() {
        try {
            callApplication();
        } finally {
            try {
                afterCall();
            } finally {
                dispatcher.finished();
            }
        }
    }

    /** Whatever the application throws becomes a 500, or a dropped connection if that is too late. */
    private void callApplication() {
        try {
            dispatcher.app().call(scope, this, this);
        } catch (Throwable error) {
            failed(error);
        }
    }

    @Override
    public final Message receive() throws InterruptedException {
        if (queue == null) {
            // Inline, or dispatched with the whole body already buffered: nothing to wait for.
            if (!bufferedBodyTaken) {
                bufferedBodyTaken = true;
                byte[] body = bufferedBody == null ? Message.EMPTY : bufferedBody;
                return body.length == 0 ? Message.RequestBody.EMPTY_LAST : new Message.RequestBody(body, false);
            }
            return awaitDisconnect();
        }
        if (expectContinue) {
            // The application wants the body: now is the time to tell the client to send it.
            expectContinue = false;
            try {
                loop.execute(this::continueOnLoop);
            } catch (RejectedExecutionException shuttingDown) {
                return Message.Disconnect.INSTANCE;
            }
        }
        Message next = queue.take();
        return next != null ? next : awaitDisconnect();
    }

    /**
     * After the whole body: blocks until the client leaves (connection closed, stream reset) or the
     * exchange is over (the response is complete or abandoned), then yields Disconnect. This is
     * how a long response notices a departed client before its next write. An inline call runs on
     * the event loop, which must never wait, so there it yields Disconnect at once.
     */
    private Message awaitDisconnect() throws InterruptedException {
        if (closed || over || loop.inEventLoop()) {
            return Message.Disconnect.INSTANCE;
        }
        ConcurrentLinkedQueue<Thread> waiters = disconnectWaiters;
        if (waiters == null) {
            WAITERS.compareAndSet(this, null, new ConcurrentLinkedQueue<Thread>());
            waiters = disconnectWaiters;
        }
        Thread me = Thread.currentThread();
        waiters.add(me);
        try {
            if (!watching) {
                watching = true;
                try {
                    loop.execute(() -> handler.watchDisconnect(this));
                } catch (RejectedExecutionException shuttingDown) {
                    return Message.Disconnect.INSTANCE;
                }
            }
            while (!closed && !over) {
                LockSupport.park(this);
                if (Thread.interrupted()) {
                    throw new InterruptedException(
                            "interrupted while waiting for the client of " + scope + " to leave");
                }
            }
        } finally {
            waiters.remove(me);
        }
        return Message.Disconnect.INSTANCE;
    }

    private void continueOnLoop() {
        if (!closed && !requestComplete && !onWire) {
            handler.writeContinue(this);
        }
    }

    @Override
    public final void send(Message message) throws IOException {
        Objects.requireNonNull(message, "message");
        if (message instanceof ResponseStart start) {
            if (state != INIT) {
                throw new IllegalStateException("the response of " + scope + " was already started");
            }
            if (closed) {
                throw closedException();
            }
            pending = start;
            state = STARTED;
        } else if (message instanceof ResponseBody body) {
            sendBody(body);
        } else {
            throw new IllegalArgumentException("not a response message: " + message);
        }
    }

    private void sendBody(ResponseBody body) throws IOException {
        boolean last = !body.moreBody();
        switch (state) {
            case INIT -> throw new IllegalStateException("ResponseStart must be sent before ResponseBody");
            case DONE -> throw new IllegalStateException("the response of " + scope + " is already complete");
            case STARTED -> {
                ResponseStart start = pending;
                // Building may throw (e.g. a header value with CR/LF); the state stays STARTED
                // and nothing reached the wire, so the failure still becomes a clean 500.
                Object msg = last
                        ? fullResponse(start.status(), start.headers(), body.body())
                        : headResponse(start.status(), start.headers(), body.body());
                pending = null;
                state = last ? DONE : STREAMING;
                onWire = true;
                if (last) {
                    endReceive();
                }
                if (closed) {
                    Messages.release(msg);
                    throw closedException();
                }
                emit(msg, last);
            }
            default -> {
                if (closed) {
                    throw closedException();
                }
                Object msg = bodyChunk(body.body(), last);
                if (last) {
                    state = DONE;
                    endReceive();
                }
                emit(msg, last);
            }
        }
    }

    /**
     * Hands message(s) to the event loop. The final message is fire-and-forget (one task, one
     * flush). Intermediate chunks of a stream wait until they were written and the handler says
     * the exchange may write more, which bounds the memory a fast producer can pin.
     */
    private void emit(Object msg, boolean last) throws IOException {
        if (loop.inEventLoop()) {
            handler.write(this, msg, last);
            return;
        }
        if (last) {
            execute(msg, () -> handler.write(this, msg, true));
            return;
        }
        if (msg == null) {
            return;
        }
        writeDone = false;
        writer = Thread.currentThread();
        execute(msg, () -> {
            handler.write(this, msg, false);
            if (closed) {
                writableAgain();
            } else {
                handler.awaitWritable(
                        this); // the handler knows what writable means (an HTTP/2 stream has its own window)
            }
        });
        while (!writeDone) {
            LockSupport.park(this);
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting to write the response of " + scope);
            }
        }
        if (closed) {
            throw closedException();
        }
    }

    private void execute(Object msg, Runnable task) throws IOException {
        try {
            loop.execute(task);
        } catch (RejectedExecutionException e) {
            Messages.release(msg);
            closed = true;
            throw new IOException("the server is shutting down", e);
        }
    }

    private IOException closedException() {
        return new IOException("connection closed before the response of " + scope + " was complete");
    }

    /** The application threw. Becomes a 500 if nothing was written yet, else the connection is dropped. */
    final void failed(Throwable error) {
        if (closed) {
            ServerLog.LOG.debug("{} ended after its connection was closed: {}", scope, error.toString());
            return;
        }
        if (state == DONE) {
            ServerLog.LOG.error("Exception in {} after its response was complete", scope, error);
            return;
        }
        ServerLog.LOG.error("Unhandled exception in {}", scope, error);
        state = DONE;
        pending = null;
        endReceive();
        if (!onWire) {
            onWire = true;
            Object msg = errorResponse(500, ErrorBodies.INTERNAL_ERROR);
            try {
                emit(msg, true);
            } catch (IOException gone) {
                // the connection went away meanwhile; nothing left to tell
            }
        } else {
            abort();
        }
    }

    /** After the application returned: an unfinished response cannot be framed, so drop the connection. */
    final void afterCall() {
        endReceive(); // nothing may wait for a disconnect after the application returned
        if (state != DONE) {
            if (!closed) {
                ServerLog.LOG.warn("{} returned without completing its response; closing the connection", scope);
            }
            state = DONE;
            abort();
        }
    }

    private void abort() {
        if (loop.inEventLoop()) {
            handler.abort(this);
            return;
        }
        try {
            loop.execute(() -> handler.abort(this));
        } catch (RejectedExecutionException shuttingDown) {
            // connection already gone with its event loop
        }
    }
}
