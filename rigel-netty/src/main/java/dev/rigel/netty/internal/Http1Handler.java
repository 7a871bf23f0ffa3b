package dev.rigel.netty.internal;

import dev.rigel.protocol.Headers;
import dev.rigel.protocol.Scope;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.EventExecutor;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Serves one HTTP/1.x connection, one request at a time.
 *
 * <p>Reading is driven by demand ({@code autoRead} off): the socket is asked for more bytes
 * only while a request head is awaited or the current request's body is wanted. Pipelined
 * requests that arrive in the same read wait in {@link #pending} until the response before them
 * is complete, so responses always leave in request order. Responses written while a read is
 * being processed are flushed once at the end of that read, so a batch of pipelined inline
 * requests costs one syscall.
 */
final class Http1Handler extends ChannelInboundHandlerAdapter implements HttpExchangeHandler {

    /** How long to keep swallowing a rejected request's body before closing (avoids a TCP reset eating the error response). */
    private static final long LINGER_MILLIS = 2000;

    private final Dispatcher dispatcher;
    private final Connection connection;
    private final String scheme;
    private final ArrayDeque<HttpObject> pending = new ArrayDeque<>(4);
    private final ReadTimer readTimer;
    private ChannelHandlerContext ctx;
    private Http1Exchange current;
    /** A WebSocket upgrade whose handshake the application has not answered yet: no more HTTP on this connection. */
    private WebSocketExchange webSocket;

    private HttpExchange waitingForWritable;
    private boolean inDrain;
    private boolean inReadLoop;
    private boolean flushPending;
    private boolean closing;
    /** Bytes of an abandoned request body skipped so far. */
    private long discarded;
    /** Part of a request has arrived but not all of it (see the read timer). */
    private boolean receiving;
    /** Counts fully received requests, so the read timer knows whether progress was made. */
    private long requestSeq;
    // Scratch for the request being started, filled by copy().
    private String contentLengthField;
    private String expectField;
    private String connectionField;
    private String upgradeField;
    private boolean chunkedField;

    Http1Handler(Dispatcher dispatcher, Connection connection, String scheme) {
        this.dispatcher = dispatcher;
        this.connection = connection;
        this.scheme = scheme;
        this.readTimer = new ReadTimer(dispatcher.readTimeoutNanos());
    }

    @Override
    public Channel channel() {
        return ctx.channel();
    }

    @Override
    public EventExecutor executor() {
        return ctx.executor();
    }

    @Override
    public Connection connection() {
        return connection;
    }

    // ------------------------------------------------------------------ lifecycle

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        connection.http1(this);
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
        if (waitingForWritable != null) {
            waitingForWritable.writableAgain();
            waitingForWritable = null;
        }
        releasePending();
        readTimer.cancel();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        closing = true;
        ExceptionTail.logAndClose(ctx, cause);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        HttpExchange waiting = waitingForWritable;
        if (waiting != null && ctx.channel().isWritable()) {
            waitingForWritable = null;
            waiting.writableAgain();
        }
        ctx.fireChannelWritabilityChanged();
    }

    // ------------------------------------------------------------------ reading

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        inReadLoop = true;
        if (closing || !(msg instanceof HttpObject obj)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        pending.add(obj);
        drain();
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        inReadLoop = false;
        if (flushPending) {
            flushPending = false;
            ctx.flush();
        }
        if (receiving && !closing) {
            armReadTimer();
        }
        Http1Exchange ex = current;
        if (ex != null) {
            ex.dispatchIfDeferred();
        }
        maybeRead();
    }

    /** Called by {@link Connection} for every raw read: a request is (still) arriving. */
    void bytesArrived() {
        if (!closing) {
            receiving = true;
        }
    }

    /** Feeds queued inbound objects to the current exchange, starting the next one when it is done. */
    private void drain() {
        if (inDrain) {
            return; // a response completed inside an inline call; the outer loop carries on
        }
        inDrain = true;
        try {
            while (!closing && webSocket == null) {
                HttpObject obj = pending.peek();
                if (obj == null) {
                    break;
                }
                Http1Exchange ex = current;
                if (ex == null) {
                    pending.poll();
                    if (obj instanceof HttpRequest request) {
                        startRequest(request);
                    } else {
                        discard((HttpContent) obj);
                    }
                } else if (obj instanceof HttpRequest || ex.inboundFull()) {
                    break; // the next request waits for this response; or the application is behind
                } else {
                    pending.poll();
                    onContent(ex, (HttpContent) obj);
                }
            }
        } finally {
            inDrain = false;
        }
    }

    /** Asks the socket for more bytes if, and only if, they are wanted now. */
    private void maybeRead() {
        if (closing || webSocket != null) {
            return; // a pending upgrade: nothing is read until the WebSocket takes over the connection
        }
        Http1Exchange ex = current;
        if (ex == null || (!ex.requestComplete && pending.isEmpty() && !ex.inboundFull())) {
            ctx.read();
        }
    }

    private void startRequest(HttpRequest request) {
        receiving = true;
        DecoderResult result = request.decoderResult();
        if (result.isFailure()) {
            ReferenceCountUtil.release(request);
            Throwable cause = result.cause();
            if (cause instanceof TooLongHttpLineException) {
                reject(HttpResponseStatus.REQUEST_URI_TOO_LONG, ErrorBodies.URI_TOO_LONG);
            } else if (cause instanceof TooLongHttpHeaderException) {
                reject(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, ErrorBodies.HEADERS_TOO_LARGE);
            } else {
                reject(HttpResponseStatus.BAD_REQUEST, ErrorBodies.BAD_REQUEST);
            }
            return;
        }
        Headers headers = copy(request.headers());
        long contentLength = -1;
        if (contentLengthField != null) {
            try {
                contentLength = Long.parseLong(contentLengthField.trim());
            } catch (NumberFormatException e) {
                ReferenceCountUtil.release(request);
                reject(HttpResponseStatus.BAD_REQUEST, ErrorBodies.BAD_REQUEST);
                return;
            }
        }
        if (upgradeField != null && HttpFields.hasToken(upgradeField, "websocket")) {
            startWebSocket(request, headers, contentLength);
            return;
        }
        if (contentLength > dispatcher.maxBodySize()) {
            // Decided from the head alone: the body is never read.
            ReferenceCountUtil.release(request);
            reject(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, ErrorBodies.TOO_LARGE);
            return;
        }
        HttpVersion version = request.protocolVersion();
        boolean expectContinue = false;
        if (expectField != null) {
            if (!HttpHeaderValues.CONTINUE.contentEqualsIgnoreCase(expectField.trim())) {
                ReferenceCountUtil.release(request);
                reject(HttpResponseStatus.EXPECTATION_FAILED, ErrorBodies.EXPECTATION_FAILED);
                return;
            }
            // HTTP/1.0 clients cannot wait for 100 Continue (RFC 9110 10.1.1).
            expectContinue = version != HttpVersion.HTTP_1_0 && (contentLength > 0 || chunkedField);
        }
        boolean keepAlive = version.isKeepAliveDefault()
                ? !HttpFields.hasToken(connectionField, "close")
                : HttpFields.hasToken(connectionField, "keep-alive");
        Scope scope = Scopes.http(
                request.method().name(),
                request.uri(),
                headers,
                ctx.channel(),
                scheme,
                version == HttpVersion.HTTP_1_0 ? "1.0" : "1.1");
        Http1Exchange ex =
                new Http1Exchange(this, dispatcher, scope, contentLength, expectContinue, version, keepAlive);
        current = ex;
        boolean inline;
        try {
            inline = dispatcher.app().runsInline(scope);
        } catch (Throwable error) {
            ReferenceCountUtil.release(request);
            ex.failed(error); // answers 500; the body, if any, is discarded as it arrives
            return;
        }
        ex.begin(inline);
        if (request instanceof HttpContent content) {
            // A full request (e.g. an upgrade request that was not upgraded): head and body at once.
            onContent(ex, content);
        }
    }

    /**
     * Copies the request fields into the protocol's {@link Headers} and, in the same pass, picks
     * out those the server acts on (into the {@code *Field} scratch fields).
     */
    private Headers copy(HttpHeaders in) {
        contentLengthField = null;
        expectField = null;
        connectionField = null;
        upgradeField = null;
        chunkedField = false;
        Headers out = new Headers(in.size());
        Iterator<Map.Entry<CharSequence, CharSequence>> it = in.iteratorCharSequence();
        while (it.hasNext()) {
            Map.Entry<CharSequence, CharSequence> field = it.next();
            CharSequence name = field.getKey();
            String value = field.getValue().toString();
            switch (HttpFields.kind(name)) {
                case HttpFields.CONTENT_LENGTH -> contentLengthField = value;
                case HttpFields.EXPECT -> expectField = value;
                case HttpFields.CONNECTION ->
                    connectionField = connectionField == null ? value : connectionField + "," + value;
                case HttpFields.TRANSFER_ENCODING -> chunkedField |= HttpFields.hasToken(value, "chunked");
                case HttpFields.UPGRADE -> upgradeField = value;
                default -> {}
            }
            out.add(name.toString(), value);
        }
        return out;
    }

    private void onContent(Http1Exchange ex, HttpContent content) {
        if (content.decoderResult().isFailure()) {
            content.release();
            reject(HttpResponseStatus.BAD_REQUEST, ErrorBodies.BAD_REQUEST);
            return;
        }
        ByteBuf buf = content.content();
        ex.received += buf.readableBytes();
        if (ex.received > dispatcher.maxBodySize()) {
            // A chunked body grew past the limit: stop here rather than read the rest.
            content.release();
            reject(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, ErrorBodies.TOO_LARGE);
            return;
        }
        boolean last = content instanceof LastHttpContent;
        if (last) {
            receiving = false;
            requestSeq++;
        }
        ex.onBody(buf, last);
        if (last && ex.inline) {
            ex.callInline();
        }
    }

    /** Skips the rest of a body whose response is already complete, keeping the connection usable. */
    private void discard(HttpContent content) {
        discarded += content.content().readableBytes();
        boolean last = content instanceof LastHttpContent;
        boolean failed = content.decoderResult().isFailure();
        content.release();
        if (failed || discarded > dispatcher.maxBodySize()) {
            closing = true;
            ctx.close();
        } else if (last) {
            discarded = 0;
            receiving = false;
            requestSeq++;
        }
    }

    // ------------------------------------------------------------------ writing (event loop)

    /** Writes an exchange's message(s); {@code last} completes its response. */
    @Override
    public void write(HttpExchange ex, Object msg, boolean last) {
        Http1Exchange exchange = current; // once checked, ex itself, as the HTTP/1 type
        if (ex != exchange || closing) {
            Messages.release(msg);
            return;
        }
        if (!last) {
            Messages.write(ctx, msg);
            flushSoon();
            return;
        }
        finish(exchange);
        if (exchange.closeAfter || connection.draining()) {
            closing = true;
            flushPending = false;
            Messages.writeAndFlush(ctx, msg).addListener(ChannelFutureListener.CLOSE);
            releasePending();
            readTimer.cancel();
            return;
        }
        Messages.write(ctx, msg);
        flushSoon();
        if (!inDrain) {
            drain();
            if (!inReadLoop) {
                afterDrainOutsideRead();
            }
        }
    }

    /** What channelReadComplete would do, for drains triggered by the application's progress. */
    private void afterDrainOutsideRead() {
        Http1Exchange ex = current;
        if (ex != null && !closing) {
            ex.dispatchIfDeferred();
        }
        maybeRead();
    }

    @Override
    public void writeContinue(HttpExchange ex) {
        if (ex == current && !closing) {
            ctx.writeAndFlush(
                    new DefaultFullHttpResponse(
                            HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE, Unpooled.EMPTY_BUFFER),
                    ctx.voidPromise());
        }
    }

    @Override
    public void resumeReading(HttpExchange ex) {
        if (ex == current && !closing) {
            drain();
            if (!inReadLoop) {
                afterDrainOutsideRead();
            }
        }
    }

    @Override
    public void awaitWritable(HttpExchange ex) {
        if (closing || ctx.channel().isWritable()) {
            ex.writableAgain();
        } else {
            waitingForWritable = ex;
        }
    }

    /**
     * Reading is on demand, so a client that closes its socket while a long response is quiet
     * would go unnoticed until the next write. Asking for one more read lets the end of the stream
     * reach {@link #channelInactive}. Bytes that arrive instead (a pipelined request) wait in
     * {@code pending} as usual, and no further read is asked for until this exchange is done.
     */
    @Override
    public void watchDisconnect(HttpExchange ex) {
        if (ex == current && !closing && webSocket == null && pending.isEmpty()) {
            ctx.read();
        }
    }

    /** The response cannot be completed properly: the only honest signal left is closing. */
    @Override
    public void abort(HttpExchange ex) {
        if (ex == current) {
            current = null;
            ex.connectionLost();
            closing = true;
            ctx.close();
        }
    }

    private void flushSoon() {
        if (inReadLoop) {
            flushPending = true; // channelReadComplete flushes once for the whole read
        } else {
            ctx.flush();
        }
    }

    private void finish(Http1Exchange ex) {
        current = null;
        ex.responseComplete(); // the rest of its body, if any, is discarded as it arrives
    }

    /**
     * Answers a request the server refuses (malformed, too large, too slow) and closes the
     * connection, since the rest of the request cannot be trusted to frame the next one.
     */
    private void reject(HttpResponseStatus status, String detail) {
        Http1Exchange ex = current;
        closing = true;
        releasePending();
        readTimer.cancel();
        if (ex != null) {
            current = null;
            ex.connectionLost(); // marks it closed before we look at whether it wrote anything
            if (ex.onWire) {
                ctx.close();
                return;
            }
        }
        FullHttpResponse response =
                Http1Exchange.error(HttpVersion.HTTP_1_1, status, detail, dispatcher.serverHeader());
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        flushPending = false;
        ctx.writeAndFlush(response).addListener(future -> lingerAndClose());
    }

    // ------------------------------------------------------------------ WebSocket upgrade

    /**
     * An {@code Upgrade: websocket} request. A malformed handshake is refused here (RFC 6455
     * 4.2.2: 400, or 426 for a protocol version other than 13); a valid one goes to the
     * application on a virtual thread, which accepts or refuses it, and the connection serves no
     * more HTTP requests.
     */
    private void startWebSocket(HttpRequest request, Headers headers, long contentLength) {
        receiving = false;
        readTimer.cancel();
        ReferenceCountUtil.release(request); // a full request has no content worth keeping
        String problem = WebSocketHandshakes.problem(request, connectionField, contentLength, chunkedField);
        if (problem != null) {
            reject(HttpResponseStatus.BAD_REQUEST, problem);
            return;
        }
        if (!WebSocketHandshakes.supportedVersion(request)) {
            FullHttpResponse response = Http1Exchange.error(
                    HttpVersion.HTTP_1_1,
                    HttpResponseStatus.UPGRADE_REQUIRED,
                    WebSocketHandshakes.UNSUPPORTED_VERSION,
                    dispatcher.serverHeader());
            response.headers().set(HttpHeaderNames.SEC_WEBSOCKET_VERSION, "13");
            rejectWith(response);
            return;
        }
        Scope scope = Scopes.webSocket(request.uri(), headers, ctx.channel(), "https".equals(scheme) ? "wss" : "ws");
        WebSocketExchange ex = new WebSocketExchange(this, dispatcher, scope, request.headers(), request.uri());
        webSocket = ex;
        try {
            dispatcher.startVirtual(ex);
        } catch (RuntimeException | Error e) {
            webSocket = null;
            ex.connectionLost();
            reject(HttpResponseStatus.SERVICE_UNAVAILABLE, ErrorBodies.SERVICE_UNAVAILABLE);
        }
    }

    /** Event loop: the application accepted {@code ex}; upgrade unless the connection is gone or draining. */
    void acceptWebSocket(
            WebSocketExchange ex,
            String subprotocol,
            HttpHeaders extraHeaders,
            CompletableFuture<WebSocketFrameHandler> upgraded) {
        if (ex != webSocket || closing || !ctx.channel().isActive()) {
            upgraded.completeExceptionally(new IOException("the connection closed before the handshake was answered"));
            return;
        }
        if (connection.draining()) {
            upgraded.completeExceptionally(new IOException("the server is shutting down"));
            webSocket = null;
            ex.connectionLost();
            reject(HttpResponseStatus.SERVICE_UNAVAILABLE, ErrorBodies.SERVICE_UNAVAILABLE);
            return;
        }
        WebSocketUpgrade.perform(
                ctx,
                ex,
                subprotocol,
                extraHeaders,
                dispatcher.config(),
                frames -> {
                    webSocket = null; // handed over: removing this handler must not end the exchange
                    closing = true;
                    connection.switchedToWebSocket(frames);
                },
                upgraded);
    }

    /** Event loop: the application refused {@code ex} with {@code response}; send it and close. */
    void refuseWebSocket(WebSocketExchange ex, FullHttpResponse response) {
        if (ex != webSocket || closing) {
            response.release();
            return;
        }
        closing = true;
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }

    /** As {@link #reject}, with a response already built. */
    private void rejectWith(FullHttpResponse response) {
        closing = true;
        releasePending();
        readTimer.cancel();
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        flushPending = false;
        ctx.writeAndFlush(response).addListener(future -> lingerAndClose());
    }

    /**
     * Closes after an error response without resetting it away: closing a socket with unread
     * input makes the kernel send RST, which can destroy the response before the client reads
     * it. So shut down our side, swallow input for a moment, then close.
     */
    private void lingerAndClose() {
        Channel ch = ctx.channel();
        if (!ch.isActive()) {
            return;
        }
        if (ch instanceof DuplexChannel duplex && ctx.pipeline().get(SslHandler.class) == null) {
            duplex.shutdownOutput().addListener(done -> {
                if (!done.isSuccess()) {
                    ch.close();
                    return;
                }
                ch.config().setAutoRead(true);
                ch.eventLoop()
                        .schedule(
                                () -> {
                                    ch.close();
                                },
                                LINGER_MILLIS,
                                TimeUnit.MILLISECONDS);
            });
        } else {
            ch.close();
        }
    }

    private void releasePending() {
        HttpObject obj;
        while ((obj = pending.poll()) != null) {
            ReferenceCountUtil.release(obj);
        }
    }

    // ------------------------------------------------------------------ read timeout

    /**
     * Armed only when a read ends with a request incomplete, so requests that arrive in one read
     * (nearly all of them) never touch the scheduler.
     */
    private void armReadTimer() {
        long seq = requestSeq;
        readTimer.arm(ctx.executor(), () -> readTimerFired(seq));
    }

    private void readTimerFired(long seqWhenArmed) {
        if (closing || !receiving || webSocket != null) {
            return;
        }
        Http1Exchange ex = current;
        boolean pausedByServer = ex != null && (ex.requestComplete || ex.inboundFull());
        if (pausedByServer || seqWhenArmed != requestSeq) {
            // Not the client's fault (we stopped reading), or a request completed meanwhile.
            armReadTimer();
            return;
        }
        reject(HttpResponseStatus.REQUEST_TIMEOUT, ErrorBodies.REQUEST_TIMEOUT);
    }
}
