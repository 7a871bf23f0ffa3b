package dev.rigel.netty.internal;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerAdapter;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;

/**
 * Turns a connection into an HTTP/2 connection from wherever it sits in the pipeline: optionally
 * installs {@link Http2Handler} after itself (prior knowledge, ALPN), drops the HTTP/1 handler,
 * switches reading back to automatic (HTTP/2 must always read to keep flow control and pings
 * going; per-stream backpressure holds back a stream's window instead), then removes itself. For
 * the h2c upgrade, Netty's upgrade codec installs the handler and this only switches.
 */
final class Http2Installer extends ChannelHandlerAdapter {

    private final ServerInitializer server;
    private final Connection connection;
    private final String scheme;
    private final boolean installCodec;

    Http2Installer(ServerInitializer server, Connection connection, String scheme, boolean installCodec) {
        this.server = server;
        this.connection = connection;
        this.scheme = scheme;
        this.installCodec = installCodec;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        ChannelPipeline pipeline = ctx.pipeline();
        if (installCodec) {
            ChannelHandler http2 = server.http2Handler(connection, scheme);
            pipeline.addAfter(ctx.name(), null, http2);
            pipeline.addAfter(pipeline.context(http2).name(), null, ExceptionTail.INSTANCE);
        }
        connection.switchedToHttp2();
        Http1Handler http1 = pipeline.get(Http1Handler.class);
        if (http1 != null) {
            pipeline.remove(http1);
        }
        pipeline.remove(this);
        ctx.channel().config().setAutoRead(true);
    }
}
