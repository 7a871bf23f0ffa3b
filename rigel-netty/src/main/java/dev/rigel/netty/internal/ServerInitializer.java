package dev.rigel.netty.internal;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2ServerUpgradeCodec;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.ssl.SslContext;
import io.netty.util.AsciiString;
import java.time.Duration;

/**
 * Admits each accepted connection (at most {@code maxConnectionsPerAddress} per client address,
 * when set) and builds its pipeline:
 * <pre>
 * cleartext, h2 on:  [idle] Connection H2cPriorKnowledge Http1ResponseEncoder Http1RequestDecoder UpgradeHandler Http1Handler
 *                    (the first request removes the upgrade handlers, or the connection turns HTTP/2)
 * cleartext, h2 off: [idle] Connection Http1ResponseEncoder Http1RequestDecoder Http1Handler
 * TLS:               SslHandler [idle] Connection AlpnHandler → HTTP/1.1 or HTTP/2 as negotiated
 * HTTP/2:            ... Connection Http2Handler ExceptionTail
 *                    (each stream: an Http2StreamHandler object in the stream's properties, no channel)
 * </pre>
 */
public final class ServerInitializer extends ChannelInitializer<Channel> {

    /** Chunks the HTTP/1 decoder hands over at most; larger than Netty's 8 KiB to cut per-chunk overhead. */
    private static final int MAX_CHUNK_SIZE = 64 * 1024;

    private static final long MAX_CONCURRENT_STREAMS = 256;

    /**
     * Each HTTP/2 stream's receive window: twice the protocol's 64 KiB default, so one upload is
     * not held to 64 KiB per round trip. Netty then opens the connection's window to 192 KiB (the
     * most a connection buffers for handlers that do not read), so one stream cannot take it all.
     */
    private static final int STREAM_WINDOW = 128 * 1024;

    private static final int MAX_RESETS_PER_WINDOW = 200;
    private static final int RESET_WINDOW_SECONDS = 30;

    private final Dispatcher dispatcher;
    private final SslContext sslContext;
    private final ChannelGroup channels;
    private final boolean http2;
    private final long idleMillis;
    /** Null when connections per address are not limited. */
    private final ConnectionLimiter limiter;

    private final int maxInitialLineLength;
    private final int maxHeaderSize;
    private final long shutdownTimeoutMillis;

    /**
     * The settings are the server configuration's; {@code sslContext} is null for cleartext, and
     * every accepted connection joins {@code channels}.
     */
    public ServerInitializer(
            Dispatcher dispatcher,
            SslContext sslContext,
            ChannelGroup channels,
            boolean http2,
            Duration idleTimeout,
            int maxConnectionsPerAddress,
            int maxInitialLineLength,
            int maxHeaderSize,
            Duration shutdownTimeout) {
        this.dispatcher = dispatcher;
        this.sslContext = sslContext;
        this.channels = channels;
        this.http2 = http2;
        this.idleMillis = idleTimeout.toMillis();
        this.limiter = maxConnectionsPerAddress > 0 ? new ConnectionLimiter(maxConnectionsPerAddress) : null;
        this.maxInitialLineLength = maxInitialLineLength;
        this.maxHeaderSize = maxHeaderSize;
        this.shutdownTimeoutMillis = shutdownTimeout.toMillis();
    }

    @Override
    protected void initChannel(Channel ch) {
        if (limiter != null && !limiter.admit(ch)) {
            // Over the client's share: closed before anything is read or any handler set up.
            ServerLog.LOG.debug("Refusing {}: too many connections from its address", ch);
            ch.close();
            return;
        }
        channels.add(ch);
        Connection connection = new Connection();
        ChannelPipeline pipeline = ch.pipeline();
        if (sslContext != null) {
            pipeline.addLast(sslContext.newHandler(ch.alloc()));
        }
        if (idleMillis > 0) {
            pipeline.addLast(new IdleTimeout(idleMillis));
        }
        pipeline.addLast(connection);
        if (sslContext != null) {
            pipeline.addLast(new AlpnHandler(this, connection));
            return;
        }
        Http1ResponseEncoder encoder = new Http1ResponseEncoder();
        Http1RequestDecoder decoder = httpDecoder(encoder);
        if (http2) {
            UpgradeHandler upgrade = new UpgradeHandler(
                    decoder,
                    protocol -> AsciiString.contentEquals(Http2CodecUtil.HTTP_UPGRADE_PROTOCOL_NAME, protocol)
                            ? new Http2ServerUpgradeCodec(
                                    (String) null, // Netty names the handler
                                    http2Handler(connection, "http"),
                                    new Http2Installer(this, connection, "http", false),
                                    ExceptionTail.INSTANCE)
                            : null);
            pipeline.addLast(new H2cPriorKnowledge(
                    new Http2Installer(this, connection, "http", true), encoder, decoder, upgrade));
            pipeline.addLast(encoder, decoder, upgrade);
        } else {
            pipeline.addLast(encoder, decoder);
        }
        pipeline.addLast(new Http1Handler(dispatcher, connection, "http"));
    }

    Dispatcher dispatcher() {
        return dispatcher;
    }

    boolean http2Enabled() {
        return http2;
    }

    /** The HTTP/1 decoder, paired with {@code encoder}; add the encoder before it. */
    Http1RequestDecoder httpDecoder(Http1ResponseEncoder encoder) {
        return new Http1RequestDecoder(
                new HttpDecoderConfig()
                        .setMaxInitialLineLength(maxInitialLineLength)
                        .setMaxHeaderSize(maxHeaderSize)
                        .setMaxChunkSize(MAX_CHUNK_SIZE)
                        // Netty's defaults today, fixed here so a system property cannot loosen them:
                        // CRLF line ends only, RFC 9112 framing. Header names and values are validated
                        // as Netty's default factory would, by the fields the request head goes into.
                        .setStrictLineParsing(true)
                        .setHeadersFactory(Http1RequestFields.FACTORY)
                        .setTrailersFactory(DefaultHttpHeadersFactory.trailersFactory())
                        .setUseRfc9112TransferEncoding(true),
                encoder);
    }

    /** The HTTP/2 side of a connection: Netty's connection handler serving the streams itself. */
    Http2Handler http2Handler(Connection connection, String scheme) {
        Http2Handler handler = new Http2Handler.Builder(dispatcher, connection, scheme)
                .settings(Http2Settings.defaultSettings()
                        .maxConcurrentStreams(MAX_CONCURRENT_STREAMS)
                        .initialWindowSize(STREAM_WINDOW)
                        .maxHeaderListSize(maxHeaderSize))
                // Netty's close() is graceful: GOAWAY, then wait this long for open streams.
                .shutdownTimeoutMillis(shutdownTimeoutMillis)
                .validatingHeaders()
                // Netty's server defaults, fixed here: more RST_STREAMs than this received (rapid
                // reset) or provoked (MadeYouReset) in the window is a GOAWAY with ENHANCE_YOUR_CALM.
                .resetLimits(MAX_RESETS_PER_WINDOW, RESET_WINDOW_SECONDS)
                .build();
        OverflowRefusingFlowController.install(handler.connection());
        return handler;
    }
}
