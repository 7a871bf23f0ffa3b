package dev.rigel.netty.internal;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpObject;
import io.netty.util.ReferenceCountUtil;

/**
 * Serves one HTTP/1.x connection, one request at a time.
 *
 * <p>Reading is driven by demand ({@code autoRead} off): the socket is asked for more bytes
 * only while a request head is awaited or the current request's body is wanted. Pipelined
 * requests that arrive in the same read wait in {@link Http1RequestReader}'s queue until the
 * response before them is complete, so responses always leave in request order. Responses written
 * while a read is being processed are flushed once at the end of that read, so a batch of
 * pipelined inline requests costs one syscall.
 *
 * <p>This class is the pipeline handler: it follows the connection's lifecycle, holds the state
 * its parts share (the fields below) and hands channel events to them. Each part has one job and
 * keeps its own state: {@link Http1RequestReader} reads requests, {@link Http1ResponseWriter}
 * writes responses (and is the exchanges' {@link HttpExchangeHandler}), {@link Http1Rejection}
 * answers requests the server refuses, {@link Http1ReadTimeout} times out slow requests,
 * {@link Http1HeaderTimeout} slow heads, {@link Http1WebSocketHandOff} keeps the connection during
 * a WebSocket handshake and {@link Http1Close} ends the connection without losing a request. The parts are
 * made once per connection and read the shared fields directly, so serving a request allocates
 * nothing more than when they were one class. Event loop only.
 */
final class Http1Handler extends ChannelInboundHandlerAdapter {

    final Dispatcher dispatcher;
    final Connection connection;
    final String scheme;
    final Http1RequestReader reader;
    final Http1ResponseWriter writer;
    final Http1Rejection rejection;
    final Http1ReadTimeout readTimeout;
    final Http1HeaderTimeout headerTimeout;
    final Http1WebSocketHandOff webSocketHandOff;
    final Http1Close close;

    ChannelHandlerContext ctx;
    /** The exchange being served: its request is being read or its response written. */
    Http1Exchange current;
    /** A WebSocket upgrade whose handshake the application has not answered yet: no more HTTP on this connection. */
    WebSocketExchange webSocket;
    /** Between channelRead and channelReadComplete: writes wait for the end of the read to be flushed. */
    boolean inReadLoop;
    /** The connection is closing, or was handed over: nothing more is read or served. */
    boolean closing;

    Http1Handler(Dispatcher dispatcher, Connection connection, String scheme) {
        this.dispatcher = dispatcher;
        this.connection = connection;
        this.scheme = scheme;
        this.reader = new Http1RequestReader(this);
        this.writer = new Http1ResponseWriter(this);
        this.rejection = new Http1Rejection(this);
        this.readTimeout = new Http1ReadTimeout(this, dispatcher.readTimeoutNanos());
        this.headerTimeout = new Http1HeaderTimeout(this, dispatcher.headerReadTimeoutNanos());
        this.webSocketHandOff = new Http1WebSocketHandOff(this);
        this.close = new Http1Close(this);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        connection.http1(this);
        headerTimeout.start(ctx.pipeline().get(Http1RequestDecoder.class));
        Channel ch = ctx.channel();
        ch.config().setAutoRead(false);
        if (ch.isRegistered() && ch.isActive()) {
            ctx.read();
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        // Removed when the connection switches to HTTP/2, or when the channel is torn down.
        connection.http1Removed(this);
        dropEverything();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ctx.read();
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        dropEverything();
        ctx.fireChannelInactive();
    }

    private void dropEverything() {
        closing = true;
        Http1Exchange ex = current;
        if (ex != null) {
            current = null;
            ex.connectionLost();
        }
        WebSocketExchange ws = webSocket;
        if (ws != null) {
            webSocket = null;
            ws.connectionLost();
        }
        writer.releaseWaitingForWritable();
        reader.releasePending();
        readTimeout.cancel();
        headerTimeout.cancel();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        closing = true;
        ExceptionTail.logAndClose(ctx, cause);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        writer.writabilityChanged();
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        inReadLoop = true;
        if (closing || !(msg instanceof HttpObject obj)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        reader.received(obj);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        inReadLoop = false;
        if (close.lingering()) {
            close.readWhileLingering();
            return;
        }
        writer.flushIfPending();
        readTimeout.readComplete();
        headerTimeout.readComplete();
        reader.readComplete();
    }

    /** Called by {@link Connection} for every raw read: a request is (still) arriving. */
    void bytesArrived() {
        if (!closing) {
            readTimeout.receiving();
        }
    }
}
