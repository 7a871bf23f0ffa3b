package dev.rigel.netty.internal;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.concurrent.EventExecutor;

/**
 * The writing side of an HTTP/1 connection, and the {@link HttpExchangeHandler} of its
 * exchanges: writes the current exchange's response, batches flushes (one per read when
 * responses are produced inside it), sends 100 Continue, wakes a sender once the channel is
 * writable, and drops the connection when a response cannot be completed. Apart from {@link
 * Http1Handler} because this is everything an exchange asks of its connection, and the exchange
 * calls it directly. Event loop only, but for the three accessors.
 */
final class Http1ResponseWriter implements HttpExchangeHandler {

    private final Http1Handler http1;
    private HttpExchange waitingForWritable;
    private boolean flushPending;

    Http1ResponseWriter(Http1Handler http1) {
        this.http1 = http1;
    }

    @Override
    public Channel channel() {
        return http1.ctx.channel();
    }

    @Override
    public EventExecutor executor() {
        return http1.ctx.executor();
    }

    @Override
    public Connection connection() {
        return http1.connection;
    }

    /** Writes an exchange's message(s); {@code last} completes its response. */
    @Override
    public void write(HttpExchange ex, Object msg, boolean last) {
        Http1Exchange exchange = http1.current; // once checked, ex itself, as the HTTP/1 type
        if (ex != exchange || http1.closing) {
            Messages.release(msg);
            return;
        }
        ChannelHandlerContext ctx = http1.ctx;
        if (!last) {
            Messages.write(ctx, msg);
            flushSoon();
            return;
        }
        finish(exchange);
        if (exchange.closeAfter || http1.connection.draining()) {
            http1.closing = true;
            flushPending = false;
            Messages.writeAndFlush(ctx, msg).addListener(ChannelFutureListener.CLOSE);
            http1.reader.releasePending();
            http1.readTimeout.cancel();
            http1.headerTimeout.cancel();
            return;
        }
        Messages.write(ctx, msg);
        flushSoon();
        http1.reader.responseComplete();
    }

    @Override
    public void writeContinue(HttpExchange ex) {
        if (ex == http1.current && !http1.closing) {
            http1.ctx.writeAndFlush(
                    new DefaultFullHttpResponse(
                            HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE, Unpooled.EMPTY_BUFFER),
                    http1.ctx.voidPromise());
        }
    }

    @Override
    public void resumeReading(HttpExchange ex) {
        if (ex == http1.current && !http1.closing) {
            http1.reader.resume();
        }
    }

    @Override
    public void awaitWritable(HttpExchange ex) {
        if (http1.closing || http1.ctx.channel().isWritable()) {
            ex.writableAgain();
        } else {
            waitingForWritable = ex;
        }
    }

    /**
     * Reading is on demand, so a client that closes its socket while a long response is quiet
     * would go unnoticed until the next write. Asking for one more read lets the end of the stream
     * reach {@link Http1Handler#channelInactive}. Bytes that arrive instead (a pipelined request)
     * wait in the reader's queue as usual, and no further read is asked for until this exchange is
     * done.
     */
    @Override
    public void watchDisconnect(HttpExchange ex) {
        if (ex == http1.current && !http1.closing && http1.webSocket == null && http1.reader.nothingPending()) {
            http1.ctx.read();
        }
    }

    /** The response cannot be completed properly: the only honest signal left is closing. */
    @Override
    public void abort(HttpExchange ex) {
        if (ex == http1.current) {
            http1.current = null;
            ex.connectionLost();
            http1.closing = true;
            http1.ctx.close();
        }
    }

    private void flushSoon() {
        if (http1.inReadLoop) {
            flushPending = true; // channelReadComplete flushes once for the whole read
        } else {
            http1.ctx.flush();
        }
    }

    /** End of a read: one flush for whatever was written during it. */
    void flushIfPending() {
        if (flushPending) {
            flushPending = false;
            http1.ctx.flush();
        }
    }

    /** A write-and-flush is under way, which flushes whatever was written before it too. */
    void flushing() {
        flushPending = false;
    }

    private void finish(Http1Exchange ex) {
        http1.current = null;
        ex.responseComplete(); // the rest of its body, if any, is discarded as it arrives
    }

    void writabilityChanged() {
        HttpExchange waiting = waitingForWritable;
        if (waiting != null && http1.ctx.channel().isWritable()) {
            waitingForWritable = null;
            waiting.writableAgain();
        }
    }

    /** The connection is gone: a sender waiting for it to become writable must not wait forever. */
    void releaseWaitingForWritable() {
        if (waitingForWritable != null) {
            waitingForWritable.writableAgain();
            waitingForWritable = null;
        }
    }
}
