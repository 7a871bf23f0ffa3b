package dev.rigel.netty.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.VoidChannelPromise;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpServerUpgradeHandler.UpgradeEvent;
import io.netty.handler.codec.http2.AbstractHttp2ConnectionHandlerBuilder;
import io.netty.handler.codec.http2.DefaultHttp2Connection;
import io.netty.handler.codec.http2.DefaultHttp2RemoteFlowController;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2Connection;
import io.netty.handler.codec.http2.Http2ConnectionAdapter;
import io.netty.handler.codec.http2.Http2ConnectionDecoder;
import io.netty.handler.codec.http2.Http2ConnectionEncoder;
import io.netty.handler.codec.http2.Http2ConnectionHandler;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2Flags;
import io.netty.handler.codec.http2.Http2FrameListener;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2LocalFlowController;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2Stream;
import io.netty.handler.codec.http2.HttpConversionUtil;
import io.netty.handler.codec.http2.UniformStreamByteDistributor;

/**
 * One HTTP/2 connection: Netty's connection handler (framing, HPACK, flow control, GOAWAY, the
 * reset limits) with the server's streams served right from its frame callbacks. Each stream is
 * an {@link Http2StreamHandler} kept in the stream's property map: no child channel, pipeline or
 * frame object per stream, which is what Netty's multiplexer costs and where most of an HTTP/2
 * request's time used to go.
 *
 * <p>Flushing. Responses written while the connection is being read (inline handlers, refusals)
 * go out with Netty's flush at the end of the read. Responses written outside a read (from
 * virtual threads, through event-loop tasks) ask for one flush task, so all responses that are
 * already queued as tasks share one flush (one {@code writev}) instead of one each.
 */
final class Http2Handler extends Http2ConnectionHandler implements Http2FrameListener {

    private final Dispatcher dispatcher;
    private final Connection connection;
    private final String scheme;
    private final Http2Connection.PropertyKey streamKey;
    /** The receive window SETTINGS give each stream (applied once the client acknowledges them). */
    private final int streamWindow;

    private final Runnable flushTask = this::flushNow;

    private ChannelHandlerContext ctx;
    private ChannelPromise quietPromise;
    /** Inside channelRead: channelReadComplete will flush. */
    private boolean reading;

    private boolean flushScheduled;
    /** Streams whose request is still incomplete and that were read during the current read, linked. */
    private Http2StreamHandler firstDeferred;

    private Http2Handler(
            Http2ConnectionDecoder decoder,
            Http2ConnectionEncoder encoder,
            Http2Settings initialSettings,
            Dispatcher dispatcher,
            Connection connection,
            String scheme) {
        super(decoder, encoder, initialSettings);
        this.dispatcher = dispatcher;
        this.connection = connection;
        this.scheme = scheme;
        Integer window = initialSettings.initialWindowSize();
        this.streamWindow = window == null ? Http2CodecUtil.DEFAULT_WINDOW_SIZE : window;
        Http2Connection http2 = connection();
        this.streamKey = http2.newKey();
        decoder.frameListener(this);
        http2.addListener(new Http2ConnectionAdapter() {
            @Override
            public void onStreamClosed(Http2Stream stream) {
                Http2StreamHandler handler = stream.getProperty(streamKey);
                if (handler != null) {
                    handler.streamClosed();
                }
            }
        });
        // Tells a stream whose response waits on the client's window when it may write again.
        encoder.flowController().listener(stream -> {
            Http2StreamHandler handler = stream.getProperty(streamKey);
            if (handler != null) {
                handler.writabilityChanged();
            }
        });
    }

    /** Builds the handler with the server's HTTP/2 settings (see {@link ServerInitializer#http2Handler}). */
    static final class Builder extends AbstractHttp2ConnectionHandlerBuilder<Http2Handler, Builder> {

        private final Dispatcher dispatcher;
        private final Connection connection;
        private final String scheme;

        Builder(Dispatcher dispatcher, Connection connection, String scheme) {
            this.dispatcher = dispatcher;
            this.connection = connection;
            this.scheme = scheme;
            connection(serverConnection());
        }

        /**
         * A server connection whose DATA is shared out round-robin among the streams that have
         * some. Netty's default is a weighted fair queue over the priority tree, which took about
         * a sixth of an HTTP/2 request's CPU time for small responses (JFR, 160 concurrent
         * streams), for priorities RFC 9113 deprecates and clients rarely send.
         */
        private static Http2Connection serverConnection() {
            Http2Connection connection = new DefaultHttp2Connection(true);
            connection
                    .remote()
                    .flowController(new DefaultHttp2RemoteFlowController(
                            connection, new UniformStreamByteDistributor(connection)));
            return connection;
        }

        Builder settings(Http2Settings settings) {
            return initialSettings(settings);
        }

        Builder shutdownTimeoutMillis(long millis) {
            return gracefulShutdownTimeoutMillis(millis);
        }

        Builder validatingHeaders() {
            return validateHeaders(true);
        }

        Builder resetLimits(int maxResets, int windowSeconds) {
            return decoderEnforceMaxRstFramesPerWindow(maxResets, windowSeconds)
                    .encoderEnforceMaxRstFramesPerWindow(maxResets, windowSeconds);
        }

        @Override
        public Http2Handler build() {
            return super.build();
        }

        @Override
        protected Http2Handler build(
                Http2ConnectionDecoder decoder, Http2ConnectionEncoder encoder, Http2Settings initialSettings) {
            return new Http2Handler(decoder, encoder, initialSettings, dispatcher, connection, scheme);
        }
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) throws Exception {
        this.ctx = ctx;
        this.quietPromise = new VoidChannelPromise(ctx.channel(), false);
        super.handlerAdded(ctx); // sends the server's SETTINGS
        widenConnectionWindow();
    }

    /**
     * SETTINGS give every stream its window but leave the connection's at the protocol's 64 KiB,
     * which a single upload would then fill. Opened by twice what a stream got beyond the default
     * (as Netty's frame codec does), so one stream cannot take the whole connection window.
     */
    private void widenConnectionWindow() throws Http2Exception {
        Http2Stream connectionStream = connection().connectionStream();
        Http2LocalFlowController flow = connection().local().flowController();
        int delta = streamWindow - flow.initialWindowSize(connectionStream);
        if (delta > 0) {
            flow.incrementWindowSize(connectionStream, delta * 2);
            flush(ctx);
        }
    }

    ChannelHandlerContext context() {
        return ctx;
    }

    /**
     * The promise for writes nobody waits on. Netty's own void promise would send a failed write
     * (a stream reset or a connection lost before its DATA left) through the whole pipeline as an
     * error; the stream's end already reaches its handler through {@code onStreamClosed}.
     */
    ChannelPromise quietPromise() {
        return quietPromise;
    }

    // ------------------------------------------------------------------ reading

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        reading = true;
        super.channelRead(ctx, msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
        reading = false;
        // A blocking exchange whose body is still coming starts now, not when the body is complete.
        for (Http2StreamHandler deferred = firstDeferred; deferred != null; ) {
            Http2StreamHandler next = deferred.nextDeferred;
            deferred.nextDeferred = null;
            deferred.readComplete();
            deferred = next;
        }
        firstDeferred = null;
        super.channelReadComplete(ctx); // flushes everything written during the read
    }

    /** {@code stream} read part of its request during this read: tell it when the read completes. */
    void readCompleteWanted(Http2StreamHandler stream) {
        if (!stream.readCompleteQueued) {
            stream.readCompleteQueued = true;
            stream.nextDeferred = firstDeferred;
            firstDeferred = stream;
        }
    }

    @Override
    public void onHeadersRead(
            ChannelHandlerContext ctx, int streamId, Http2Headers headers, int padding, boolean endOfStream) {
        Http2Stream stream = connection().stream(streamId);
        if (stream == null) {
            return;
        }
        Http2StreamHandler handler = stream.getProperty(streamKey);
        try {
            if (handler == null) {
                handler = new Http2StreamHandler(this, stream, dispatcher, connection, scheme);
                stream.setProperty(streamKey, handler);
                handler.requestHead(headers, endOfStream);
            } else if (endOfStream) {
                handler.trailers();
            }
        } catch (RuntimeException e) {
            if (handler != null) {
                handler.failed(e);
            } else {
                throw e;
            }
        }
    }

    @Override
    public void onHeadersRead(
            ChannelHandlerContext ctx,
            int streamId,
            Http2Headers headers,
            int streamDependency,
            short weight,
            boolean exclusive,
            int padding,
            boolean endOfStream) {
        onHeadersRead(ctx, streamId, headers, padding, endOfStream);
    }

    @Override
    public int onDataRead(ChannelHandlerContext ctx, int streamId, ByteBuf data, int padding, boolean endOfStream) {
        Http2Stream stream = connection().stream(streamId);
        Http2StreamHandler handler = stream == null ? null : stream.getProperty(streamKey);
        if (handler == null) {
            return data.readableBytes() + padding;
        }
        try {
            return handler.data(data, padding, endOfStream);
        } catch (RuntimeException e) {
            handler.failed(e);
            return data.readableBytes() + padding;
        }
    }

    /** A stream's application caught up with its body: give the client the window it was held back. */
    void consumed(Http2Stream stream, int bytes) {
        try {
            if (decoder().flowController().consumeBytes(stream, bytes)) {
                flushSoon();
            }
        } catch (Http2Exception e) {
            onError(ctx, false, e);
        }
    }

    /**
     * The request of an h2c upgrade, which the HTTP/1 upgrade handler read, is stream 1 (already
     * half closed: only requests without a body are upgraded, see {@link UpgradeHandler}).
     */
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof UpgradeEvent upgrade) {
            try {
                FullHttpRequest request = upgrade.upgradeRequest();
                // the request line has no scheme; HTTP/2 wants one in :scheme
                request.headers().set(HttpConversionUtil.ExtensionHeaderNames.SCHEME.text(), scheme);
                onHeadersRead(
                        ctx,
                        Http2CodecUtil.HTTP_UPGRADE_STREAM_ID,
                        HttpConversionUtil.toHttp2Headers(request, true),
                        0,
                        true);
            } finally {
                upgrade.release();
            }
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    // ------------------------------------------------------------------ writing

    /** Sends what was written: now if inside a read (its end flushes), else once the queued tasks ran. */
    void flushSoon() {
        if (reading || flushScheduled) {
            return;
        }
        flushScheduled = true;
        ctx.executor().execute(flushTask);
    }

    private void flushNow() {
        flushScheduled = false;
        flush(ctx);
    }

    // ------------------------------------------------------------------ errors

    @Override
    protected void onConnectionError(
            ChannelHandlerContext ctx, boolean outbound, Throwable cause, Http2Exception http2Ex) {
        // A client breaking the protocol is routine: Netty answers it with GOAWAY and its code.
        ServerLog.LOG.debug("HTTP/2 connection error on {}: {}", ctx.channel(), String.valueOf(cause));
        super.onConnectionError(ctx, outbound, cause, http2Ex);
    }

    @Override
    protected void onStreamError(
            ChannelHandlerContext ctx, boolean outbound, Throwable cause, Http2Exception.StreamException http2Ex) {
        ServerLog.LOG.debug("HTTP/2 stream error on {}: {}", ctx.channel(), String.valueOf(cause));
        super.onStreamError(ctx, outbound, cause, http2Ex);
    }

    // ------------------------------------------------------------------ frames the server does not act on

    @Override
    public void onPriorityRead(
            ChannelHandlerContext ctx, int streamId, int streamDependency, short weight, boolean exclusive) {}

    @Override
    public void onRstStreamRead(ChannelHandlerContext ctx, int streamId, long errorCode) {
        // the stream closes; onStreamClosed tells its handler
    }

    @Override
    public void onSettingsAckRead(ChannelHandlerContext ctx) {}

    @Override
    public void onSettingsRead(ChannelHandlerContext ctx, Http2Settings settings) {}

    @Override
    public void onPingRead(ChannelHandlerContext ctx, long data) {}

    @Override
    public void onPingAckRead(ChannelHandlerContext ctx, long data) {}

    @Override
    public void onPushPromiseRead(
            ChannelHandlerContext ctx, int streamId, int promisedStreamId, Http2Headers headers, int padding) {}

    @Override
    public void onGoAwayRead(ChannelHandlerContext ctx, int lastStreamId, long errorCode, ByteBuf debugData) {}

    @Override
    public void onWindowUpdateRead(ChannelHandlerContext ctx, int streamId, int windowSizeIncrement) {}

    @Override
    public void onUnknownFrame(
            ChannelHandlerContext ctx, byte frameType, int streamId, Http2Flags flags, ByteBuf payload) {}
}
