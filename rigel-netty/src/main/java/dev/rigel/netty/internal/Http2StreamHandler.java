package dev.rigel.netty.internal;

import dev.rigel.protocol.Headers;
import dev.rigel.protocol.Scope;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.DefaultHttp2ResetFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.util.AsciiString;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.EventExecutor;
import java.io.IOException;
import java.util.Map;

/**
 * Serves one HTTP/2 stream (a child channel of {@code Http2MultiplexHandler}): HEADERS become a
 * {@link Scope}, DATA frames the request body, and the exchange's response goes back as frames.
 * Streams are independent, so there is no ordering to keep; backpressure toggles the child
 * channel's {@code autoRead}, which withholds WINDOW_UPDATEs and so slows the client down.
 */
final class Http2StreamHandler extends ChannelInboundHandlerAdapter implements HttpExchangeHandler {

    private static final AsciiString STATUS_100 = AsciiString.cached("100");

    private final Dispatcher dispatcher;
    private final Connection connection;
    private final String scheme;
    private final ReadTimer readTimer;
    private ChannelHandlerContext ctx;
    private Http2Exchange exchange;
    private HttpExchange waitingForWritable;
    /** The stream was answered or refused; further frames from the client are ignored. */
    private boolean finished;

    private boolean paused;

    Http2StreamHandler(Dispatcher dispatcher, Connection connection, String scheme) {
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

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (finished) {
                return;
            }
            if (msg instanceof Http2HeadersFrame headers) {
                if (exchange == null) {
                    startRequest(headers);
                } else if (headers.isEndStream()) {
                    onData(Unpooled.EMPTY_BUFFER, true); // trailers end the body; their fields are not kept
                }
            } else if (msg instanceof Http2DataFrame data && exchange != null && !exchange.requestComplete) {
                onData(data.content().retain(), data.isEndStream());
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        Http2Exchange ex = exchange;
        if (ex != null && !finished) {
            ex.dispatchIfDeferred();
        }
        ctx.fireChannelReadComplete();
    }

    private void startRequest(Http2HeadersFrame frame) {
        Http2Headers h = frame.headers();
        CharSequence method = h.method();
        CharSequence path = h.path();
        if (method == null || path == null) {
            reject(400, ErrorBodies.BAD_REQUEST);
            return;
        }
        long contentLength = -1;
        CharSequence declared = h.get(HttpHeaderNames.CONTENT_LENGTH);
        if (declared != null) {
            try {
                contentLength = Long.parseLong(declared.toString().trim());
            } catch (NumberFormatException e) {
                reject(400, ErrorBodies.BAD_REQUEST);
                return;
            }
        }
        if (contentLength > dispatcher.maxBodySize()) {
            reject(413, ErrorBodies.TOO_LARGE);
            return;
        }
        CharSequence expect = h.get(HttpHeaderNames.EXPECT);
        boolean expectContinue =
                expect != null && !frame.isEndStream() && HttpHeaderValues.CONTINUE.contentEqualsIgnoreCase(expect);

        Headers headers = new Headers(h.size());
        CharSequence authority = h.authority();
        if (authority != null && !h.contains(HttpHeaderNames.HOST)) {
            // HTTP/2 carries the host in :authority; applications look for a Host header.
            headers.add("host", authority.toString());
        }
        for (Map.Entry<CharSequence, CharSequence> field : h) {
            CharSequence name = field.getKey();
            if (name.length() > 0 && name.charAt(0) == ':') {
                continue;
            }
            headers.add(name.toString(), field.getValue().toString());
        }
        Scope scope = Scopes.http(method.toString(), path.toString(), headers, ctx.channel(), scheme, "2");
        Http2Exchange ex = new Http2Exchange(this, dispatcher, scope, contentLength, expectContinue);
        exchange = ex;
        boolean inline;
        try {
            inline = dispatcher.app().runsInline(scope);
        } catch (Throwable error) {
            ex.failed(error);
            return;
        }
        ex.begin(inline);
        if (frame.isEndStream()) {
            onData(Unpooled.EMPTY_BUFFER, true);
        } else {
            armReadTimer();
        }
    }

    private void onData(ByteBuf content, boolean last) {
        Http2Exchange ex = exchange;
        ex.received += content.readableBytes();
        if (ex.received > dispatcher.maxBodySize()) {
            content.release();
            reject(413, ErrorBodies.TOO_LARGE);
            return;
        }
        ex.onBody(content, last);
        if (last) {
            readTimer.cancel();
            if (ex.inline) {
                ex.callInline();
            }
        } else if (!paused && ex.inboundFull()) {
            paused = true;
            ctx.channel().config().setAutoRead(false);
        }
    }

    // ------------------------------------------------------------------ writing (event loop)

    @Override
    public void write(HttpExchange ex, Object msg, boolean last) {
        if (ex != exchange || finished || ex.closed) {
            Messages.release(msg);
            return;
        }
        if (last && !ex.requestComplete) {
            // Answered before the body was complete: once the response is out, tell the client to
            // stop sending (RFC 9113 8.1). Not earlier: a reset discards DATA still queued for
            // flow control.
            Messages.writeAndFlush(ctx, msg).addListener(written -> resetStream());
            finish(ex);
            return;
        }
        Messages.write(ctx, msg);
        // Inside the parent's read loop the stream channel defers this flush and Netty flushes
        // the connection once for all streams.
        ctx.flush();
        if (last) {
            finish(ex);
        }
    }

    private void resetStream() {
        if (ctx.channel().isActive()) {
            ctx.writeAndFlush(new DefaultHttp2ResetFrame(Http2Error.NO_ERROR));
        }
    }

    @Override
    public void writeContinue(HttpExchange ex) {
        if (ex == exchange && !finished && !ex.closed) {
            Http2Headers headers = new DefaultHttp2Headers().status(STATUS_100);
            ctx.writeAndFlush(new DefaultHttp2HeadersFrame(headers, false), ctx.voidPromise());
        }
    }

    @Override
    public void resumeReading(HttpExchange ex) {
        if (ex == exchange && paused) {
            paused = false;
            ctx.channel().config().setAutoRead(true);
        }
    }

    @Override
    public void awaitWritable(HttpExchange ex) {
        if (finished || !ctx.channel().isActive() || ctx.channel().isWritable()) {
            ex.writableAgain();
        } else {
            waitingForWritable = ex;
        }
    }

    /** Nothing to do: the connection is always read, and a reset or a lost connection ends the stream channel. */
    @Override
    public void watchDisconnect(HttpExchange ex) {}

    @Override
    public void abort(HttpExchange ex) {
        if (ex == exchange && !finished) {
            finished = true;
            ex.connectionLost();
            ctx.close(); // resets the stream; the connection and its other streams live on
        }
    }

    private void finish(HttpExchange ex) {
        finished = true;
        readTimer.cancel();
        ex.responseComplete();
    }

    /** Answers a request the server refuses and resets the stream. */
    private void reject(int status, String detail) {
        Http2Exchange ex = exchange;
        finished = true;
        readTimer.cancel();
        if (ex != null) {
            ex.connectionLost();
            if (ex.onWire) {
                ctx.close();
                return;
            }
        }
        Messages.writeAndFlush(ctx, Http2Exchange.error(status, detail, dispatcher.serverHeader()))
                .addListener(written -> resetStream());
    }

    // ------------------------------------------------------------------ lifecycle

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        HttpExchange waiting = waitingForWritable;
        if (waiting != null && ctx.channel().isWritable()) {
            waitingForWritable = null;
            waiting.writableAgain();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        // The stream closed: normally after our response, else reset by the client.
        readTimer.cancel();
        Http2Exchange ex = exchange;
        if (ex != null) {
            ex.connectionLost();
        }
        finished = true;
        waitingForWritable = null;
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof Http2Exception) {
            // A stream error the client caused (flow control, malformed headers...): the
            // multiplexer resets the stream with its code right after; closing here would say CANCEL.
            ServerLog.LOG.debug("HTTP/2 stream error on {}: {}", ctx.channel(), cause.toString());
            return;
        }
        if (cause instanceof IOException) {
            ServerLog.LOG.debug("Resetting {}: {}", ctx.channel(), cause.toString());
        } else {
            ServerLog.LOG.warn("Resetting {} after an unexpected error", ctx.channel(), cause);
        }
        ctx.close();
    }

    private void armReadTimer() {
        readTimer.arm(ctx.executor(), this::readTimerFired);
    }

    private void readTimerFired() {
        Http2Exchange ex = exchange;
        if (finished || ex == null || ex.requestComplete) {
            return;
        }
        if (paused) {
            armReadTimer(); // we stopped reading, not the client
            return;
        }
        reject(408, ErrorBodies.REQUEST_TIMEOUT);
    }
}
