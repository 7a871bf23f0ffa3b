package dev.rigel.netty.internal;

import dev.rigel.protocol.Headers;
import dev.rigel.protocol.Scope;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.Http2ConnectionEncoder;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2Stream;
import io.netty.util.AsciiString;
import io.netty.util.concurrent.EventExecutor;
import java.util.Map;

/**
 * Serves one HTTP/2 stream for its {@link Http2Handler}: the request head becomes a {@link Scope},
 * DATA the request body, and the exchange's {@link Http2Response}s go straight into the
 * connection's encoder. Streams are independent, so there is no ordering to keep. Backpressure
 * on the body holds back the bytes the application has not caught up with from the flow
 * controller, so no WINDOW_UPDATE opens the stream's window until it has; a response waits on
 * the client's window through the remote flow controller's writability. Event loop only.
 */
final class Http2StreamHandler implements HttpExchangeHandler {

    private static final AsciiString STATUS_100 = AsciiString.cached("100");

    private final Http2Handler http2;
    private final Http2Stream stream;
    private final Dispatcher dispatcher;
    private final Connection connection;
    private final String scheme;
    private final ReadTimer readTimer;
    private final ChannelHandlerContext ctx;
    private Http2Exchange exchange;
    private HttpExchange waitingForWritable;
    /** The stream was answered or refused; further frames from the client are ignored. */
    private boolean finished;
    /** The application is behind on the body: DATA is taken but its window not given back. */
    private boolean paused;
    /** Body bytes (and padding) taken while paused, given back to the window on resuming. */
    private int withheld;

    /** Linked by {@link Http2Handler} while waiting for the end of the current read. */
    Http2StreamHandler nextDeferred;

    boolean readCompleteQueued;

    Http2StreamHandler(
            Http2Handler http2, Http2Stream stream, Dispatcher dispatcher, Connection connection, String scheme) {
        this.http2 = http2;
        this.stream = stream;
        this.dispatcher = dispatcher;
        this.connection = connection;
        this.scheme = scheme;
        this.ctx = http2.context();
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

    // ------------------------------------------------------------------ reading (from Http2Handler)

    void requestHead(Http2Headers h, boolean endOfStream) {
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
                expect != null && !endOfStream && HttpHeaderValues.CONTINUE.contentEqualsIgnoreCase(expect);

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
        if (endOfStream) {
            onData(Unpooled.EMPTY_BUFFER, true);
        } else {
            armReadTimer();
            http2.readCompleteWanted(this);
        }
    }

    /** Trailers end the body; their fields are not kept. */
    void trailers() {
        if (!finished && exchange != null && !exchange.requestComplete) {
            onData(Unpooled.EMPTY_BUFFER, true);
        }
    }

    /** Takes a DATA frame; returns the bytes whose window may go back to the client now. */
    int data(ByteBuf data, int padding, boolean endOfStream) {
        int bytes = data.readableBytes() + padding;
        Http2Exchange ex = exchange;
        if (finished || ex == null || ex.requestComplete) {
            return bytes;
        }
        onData(data.retain(), endOfStream);
        if (paused && !finished) {
            withheld += bytes;
            return 0;
        }
        return bytes;
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
        } else {
            http2.readCompleteWanted(this);
            if (!paused && ex.inboundFull()) {
                paused = true;
            }
        }
    }

    /** The connection's read that brought part of this stream's request has ended. */
    void readComplete() {
        readCompleteQueued = false;
        Http2Exchange ex = exchange;
        if (ex != null && !finished) {
            ex.dispatchIfDeferred();
        }
    }

    // ------------------------------------------------------------------ writing (event loop)

    @Override
    public void write(HttpExchange ex, Object msg, boolean last) {
        if (ex != exchange || finished || ex.closed || msg == null) {
            return;
        }
        Http2Response response = (Http2Response) msg;
        if (last && !ex.requestComplete) {
            // Answered before the body was complete: once the response is out, tell the client to
            // stop sending (RFC 9113 8.1). Not earlier: a reset discards DATA still queued for
            // flow control.
            ChannelPromise written = ctx.newPromise();
            send(response, written);
            written.addListener(done -> resetStream(Http2Error.NO_ERROR));
            finish(ex);
            return;
        }
        send(response, http2.quietPromise());
        if (last) {
            finish(ex);
        }
    }

    /** Writes HEADERS and/or DATA; {@code promise} completes with the last frame. */
    private void send(Http2Response response, ChannelPromise promise) {
        Http2ConnectionEncoder encoder = http2.encoder();
        int id = stream.id();
        byte[] body = response.body();
        if (response.headers() != null) {
            boolean headersEnd = response.endStream() && body == null;
            encoder.writeHeaders(
                    ctx, id, response.headers(), 0, headersEnd, body == null ? promise : http2.quietPromise());
        }
        if (body != null) {
            encoder.writeData(ctx, id, Unpooled.wrappedBuffer(body), 0, response.endStream(), promise);
        }
        http2.flushSoon();
    }

    private void resetStream(Http2Error error) {
        if (stream.state() != Http2Stream.State.CLOSED && ctx.channel().isActive()) {
            http2.resetStream(ctx, stream.id(), error.code(), ctx.newPromise());
            http2.flushSoon();
        }
    }

    @Override
    public void writeContinue(HttpExchange ex) {
        if (ex == exchange && !finished && !ex.closed) {
            Http2Headers headers = new DefaultHttp2Headers().status(STATUS_100);
            http2.encoder().writeHeaders(ctx, stream.id(), headers, 0, false, http2.quietPromise());
            http2.flushSoon();
        }
    }

    @Override
    public void resumeReading(HttpExchange ex) {
        if (ex == exchange && paused) {
            paused = false;
            int bytes = withheld;
            withheld = 0;
            if (bytes > 0 && stream.state() != Http2Stream.State.CLOSED) {
                http2.consumed(stream, bytes);
            }
        }
    }

    @Override
    public void awaitWritable(HttpExchange ex) {
        if (finished || stream.state() == Http2Stream.State.CLOSED || writable()) {
            ex.writableAgain();
        } else {
            waitingForWritable = ex;
        }
    }

    /** The stream may take more DATA: the client's window has room and the socket is writable. */
    private boolean writable() {
        return http2.encoder().flowController().isWritable(stream);
    }

    /** From the remote flow controller: this stream's writability changed. */
    void writabilityChanged() {
        HttpExchange waiting = waitingForWritable;
        if (waiting != null && writable()) {
            waitingForWritable = null;
            waiting.writableAgain();
        }
    }

    /** Nothing to do: the connection is always read, and a reset or a lost connection closes the stream. */
    @Override
    public void watchDisconnect(HttpExchange ex) {}

    @Override
    public void abort(HttpExchange ex) {
        if (ex == exchange && !finished) {
            finished = true;
            ex.connectionLost();
            resetStream(Http2Error.CANCEL); // the connection and its other streams live on
        }
    }

    private void finish(HttpExchange ex) {
        finished = true;
        readTimer.cancel();
        ex.responseComplete();
    }

    /** Answers a request the server refuses and resets the stream if the client is still sending. */
    private void reject(int status, String detail) {
        Http2Exchange ex = exchange;
        finished = true;
        readTimer.cancel();
        if (ex != null) {
            ex.connectionLost();
            if (ex.onWire) {
                resetStream(Http2Error.CANCEL);
                return;
            }
        }
        ChannelPromise written = ctx.newPromise();
        send(Http2Exchange.error(status, detail, dispatcher.serverHeader()), written);
        written.addListener(done -> resetStream(Http2Error.NO_ERROR));
    }

    /** An unexpected failure serving this stream: logged, and the stream reset; the connection lives on. */
    void failed(Throwable cause) {
        ServerLog.LOG.warn(
                "Resetting HTTP/2 stream {} of {} after an unexpected error", stream.id(), ctx.channel(), cause);
        finished = true;
        readTimer.cancel();
        if (exchange != null) {
            exchange.connectionLost();
        }
        resetStream(Http2Error.INTERNAL_ERROR);
    }

    // ------------------------------------------------------------------ lifecycle

    /** The stream closed: normally after our response, else reset by the client or with the connection. */
    void streamClosed() {
        readTimer.cancel();
        Http2Exchange ex = exchange;
        if (ex != null) {
            ex.connectionLost();
        }
        finished = true;
        waitingForWritable = null;
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
