package dev.rigel.netty.internal;

import dev.rigel.protocol.Message;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.CodecException;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.compression.DecompressionException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The last handler of an upgraded connection: whole messages (Netty's decoder, deflate and
 * aggregator handlers sit before it) go to the application's {@link WebSocketInbox}; pings are
 * answered; the close handshake is completed whichever side starts it; the application's
 * messages are written from whatever thread sends them.
 *
 * <p>Ordering: every frame that carries data or a close is enqueued on the event loop in the
 * order {@link #outbound} grants, and frames this handler writes itself are enqueued too (never
 * written directly), so nothing the application sent before a close can overtake it and nothing
 * goes out after it. A sender blocks while the channel is not writable, which bounds what a fast
 * producer can pin in memory.
 */
final class WebSocketFrameHandler extends ChannelInboundHandlerAdapter {

    /** How long to wait for the client to answer our close frame before closing the TCP connection. */
    static final long CLOSE_TIMEOUT_MILLIS = 5000;

    private final WebSocketExchange exchange;
    private final WebSocketInbox inbox;
    private final ReentrantLock outbound = new ReentrantLock();
    private final Condition writable = outbound.newCondition();
    private ChannelHandlerContext ctx;
    /** A close frame was sent (or Netty's decoder sent one): no more frames may follow. */
    private volatile boolean closeSent;

    private volatile boolean inactive;
    // event loop
    private boolean closeReceived;
    private boolean pingOutstanding;

    WebSocketFrameHandler(WebSocketExchange exchange) {
        this.exchange = exchange;
        this.inbox = exchange.inbox;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    /** Event loop, once installed: starts reading frames. */
    void start() {
        ctx.read();
    }

    // ------------------------------------------------------------------ reading (event loop)

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        pingOutstanding = false;
        switch (msg) {
            case TextWebSocketFrame text -> deliver(text, true);
            case BinaryWebSocketFrame binary -> deliver(binary, false);
            case PingWebSocketFrame ping -> {
                if (closeSent) {
                    ping.release();
                } else {
                    ctx.writeAndFlush(new PongWebSocketFrame(ping.content()), ctx.voidPromise());
                }
            }
            case CloseWebSocketFrame close -> onClose(close);
            default -> ReferenceCountUtil.release(msg); // pongs, and bytes left over from the HTTP codec
        }
    }

    private void deliver(WebSocketFrame frame, boolean text) {
        try {
            if (!closeSent) {
                inbox.offer(new Message.WebSocketReceive(ByteBufUtil.getBytes(frame.content()), text));
            }
        } finally {
            frame.release();
        }
    }

    private void onClose(CloseWebSocketFrame frame) {
        int code = frame.statusCode() < 0 ? 1005 : frame.statusCode();
        String reason = frame.reasonText();
        frame.release();
        if (code != 1005 && !receivable(code)) {
            // RFC 6455 7.4: a code no endpoint may send is a protocol error. Netty's decoder fails
            // the connection for most such codes itself, but lets 5000 and above through
            reason = "invalid close code " + code;
            code = 1002;
        }
        closeReceived = true;
        if (closeSent) {
            inbox.end(code, reason == null ? "" : reason);
            ctx.close(); // the answer to our own close: the handshake is complete
            return;
        }
        // answer with the same code (none if it sent none), then the server closes the TCP connection;
        // answered before the application hears of it, so a close of its own cannot overtake the answer
        enqueueClose(code == 1005 ? new CloseWebSocketFrame() : new CloseWebSocketFrame(code, ""), true);
        inbox.end(code, reason == null ? "" : reason);
    }

    /**
     * Whether a peer may send {@code code} in a close frame (RFC 6455 7.4): the defined codes but
     * 1004, 1005 and 1006 (1005 and 1006 only ever describe a close, 1004 is reserved), the
     * IANA-registered 1012 to 1014, and 3000 to 4999 for libraries and applications.
     */
    static boolean receivable(int code) {
        return code >= 1000 && code <= 1014 && code != 1004 && code != 1005 && code != 1006
                || code >= 3000 && code <= 4999;
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (!closeReceived && !inbox.isFull()) {
            ctx.read();
        }
    }

    /** Event loop: the application took enough queued messages to read again. */
    void resumeReading() {
        if (!closeReceived && ctx.channel().isActive()) {
            ctx.read();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        inactive = true;
        signalWritable();
        exchange.connectionLost(); // 1006, unless a close frame or an error already ended it
        ctx.fireChannelInactive();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
            signalWritable();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof CorruptedWebSocketFrameException corrupted) {
            // Netty's decoder already answered with a close frame (1002, 1007, 1009) and closes
            closeSent = true;
            inbox.end(corrupted.closeStatus().code(), corrupted.closeStatus().reasonText());
            ServerLog.LOG.debug("{}: {}", exchange.scope, cause.getMessage());
        } else if (cause instanceof TooLongFrameException) {
            closeFromServer(1009, "Message too big");
        } else if (cause instanceof DecompressionException || cause.getCause() instanceof DecompressionException) {
            // the inflater stops at the message size limit; anything else is a broken deflate stream
            String message = String.valueOf(cause.getMessage());
            boolean tooBig = message.contains("maximum size");
            closeFromServer(tooBig ? 1009 : 1007, tooBig ? "Message too big" : "Invalid compressed data");
        } else if (fromDeflateDecoder(cause)) {
            // what Netty's inflater refuses with a bare CodecException ("cannot read uncompressed
            // buffer" for a fragment that inflates to nothing) is the client's broken stream too
            closeFromServer(1007, "Invalid compressed data");
        } else if (cause instanceof IOException || cause instanceof PrematureChannelClosureException) {
            // the network, or the client left in the middle of a fragmented message (the aggregator's
            // complaint as the channel goes inactive): nothing unexpected, and no one left to tell
            ServerLog.LOG.debug("Closing {}: {}", ctx.channel(), cause.toString());
            ctx.close();
        } else {
            ServerLog.LOG.warn("Closing the WebSocket {} after an unexpected error", exchange.scope, cause);
            closeFromServer(1011, "");
        }
    }

    /** Whether {@code cause} is (or wraps) an exception thrown by Netty's permessage-deflate decoder. */
    private static boolean fromDeflateDecoder(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            StackTraceElement[] trace = t.getStackTrace();
            if (t instanceof CodecException
                    && trace.length > 0
                    && trace[0].getClassName().startsWith(DEFLATE_PACKAGE)) {
                return true;
            }
        }
        return false;
    }

    private static final String DEFLATE_PACKAGE = "io.netty.handler.codec.http.websocketx.extensions.compression.";

    // ------------------------------------------------------------------ connection events (event loop)

    /** The server is stopping: tell the client (1001) and the application. */
    void goingAway() {
        closeFromServer(1001, "Server shutting down");
    }

    /**
     * Nothing was read or written for the idle timeout: ping the client, and if a whole idle
     * period later it still has not answered (or not completed a close), drop the connection.
     */
    void idle() {
        if (closeSent || pingOutstanding) {
            ServerLog.LOG.debug("Closing the idle WebSocket {}", exchange.scope);
            ctx.close();
            return;
        }
        pingOutstanding = true;
        ctx.writeAndFlush(new PingWebSocketFrame(Unpooled.EMPTY_BUFFER), ctx.voidPromise());
    }

    /** Closes from the server's side with {@code code}; the application receives the same code. */
    private void closeFromServer(int code, String reason) {
        // the frame first: woken by the disconnect, the application may close too, and must find it sent
        enqueueClose(new CloseWebSocketFrame(code, reason), closeReceived);
        inbox.end(code, reason);
    }

    // ------------------------------------------------------------------ writing (any thread)

    /** Sends one message of the application's; blocks while the channel is not writable. */
    void send(Message.WebSocketSend message) throws IOException {
        WebSocketFrame frame = message.isText()
                ? new TextWebSocketFrame(Unpooled.wrappedBuffer(message.data()))
                : new BinaryWebSocketFrame(Unpooled.wrappedBuffer(message.data()));
        boolean onLoop = ctx.executor().inEventLoop();
        outbound.lock();
        try {
            if (closeSent || inactive) {
                frame.release();
                throw new IOException("the WebSocket " + exchange.scope + " is closed");
            }
            if (onLoop) {
                ctx.executor().execute(() -> ctx.writeAndFlush(frame, ctx.voidPromise()));
            } else {
                ctx.writeAndFlush(frame, ctx.voidPromise()); // enqueued on the event loop, in lock order
            }
        } finally {
            outbound.unlock();
        }
        if (!onLoop && !ctx.channel().isWritable()) {
            awaitWritable();
        }
    }

    /** The application closes (any thread). */
    void close(int code, String reason) {
        enqueueClose(new CloseWebSocketFrame(code, reason), false);
    }

    /**
     * Enqueues a close frame unless one was sent already. Then the TCP connection closes: right
     * after the frame when the client's close was already received ({@code last}), otherwise when
     * the client answers, or after {@link #CLOSE_TIMEOUT_MILLIS} at the latest.
     */
    private void enqueueClose(CloseWebSocketFrame frame, boolean last) {
        outbound.lock();
        try {
            if (closeSent || inactive) {
                frame.release();
                return;
            }
            closeSent = true;
            ctx.executor().execute(() -> {
                if (last) {
                    ctx.writeAndFlush(frame).addListener(ChannelFutureListener.CLOSE);
                    return;
                }
                ctx.writeAndFlush(frame, ctx.voidPromise());
                ctx.executor()
                        .schedule(
                                () -> {
                                    ctx.close();
                                },
                                CLOSE_TIMEOUT_MILLIS,
                                TimeUnit.MILLISECONDS);
                if (!closeReceived) {
                    ctx.read(); // keep reading, to see the client's answer
                }
            });
        } finally {
            outbound.unlock();
        }
        signalWritable(); // a sender waiting for room will now find the connection closing
    }

    private void awaitWritable() throws IOException {
        outbound.lock();
        try {
            while (!ctx.channel().isWritable() && !inactive && !closeSent) {
                writable.await();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to send on " + exchange.scope);
        } finally {
            outbound.unlock();
        }
    }

    private void signalWritable() {
        outbound.lock();
        try {
            writable.signalAll();
        } finally {
            outbound.unlock();
        }
    }
}
