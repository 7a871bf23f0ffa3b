package dev.rigel.netty.internal;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerAdapter;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;

/**
 * Turns a connection into an HTTP/2 connection from wherever it sits in the pipeline: optionally
 * installs the frame codec and stream multiplexer after itself (prior knowledge, ALPN), drops the
 * HTTP/1 handler, switches reading back to automatic (HTTP/2 must always read to keep flow
 * control and pings going; per-stream backpressure happens on the stream channels), then removes
 * itself. For the h2c upgrade, Netty's upgrade codec installs the codec and this only switches.
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
            // In this order: the multiplexer looks the codec up when it is added.
            ChannelHandler codec = server.http2FrameCodec();
            pipeline.addAfter(ctx.name(), null, codec);
            ChannelHandler multiplexer = server.http2Multiplexer(connection, scheme);
            pipeline.addAfter(pipeline.context(codec).name(), null, multiplexer);
            pipeline.addAfter(pipeline.context(multiplexer).name(), null, ExceptionTail.INSTANCE);
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
