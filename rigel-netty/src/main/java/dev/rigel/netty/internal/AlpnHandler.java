package dev.rigel.netty.internal;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;

/** After the TLS handshake, sets the connection up for the protocol ALPN chose (HTTP/1.1 without ALPN). */
final class AlpnHandler extends ApplicationProtocolNegotiationHandler {

    private final ServerInitializer server;
    private final Connection connection;

    AlpnHandler(ServerInitializer server, Connection connection) {
        super(ApplicationProtocolNames.HTTP_1_1);
        this.server = server;
        this.connection = connection;
    }

    @Override
    protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
        ChannelPipeline pipeline = ctx.pipeline();
        if (ApplicationProtocolNames.HTTP_2.equals(protocol) && server.http2Enabled()) {
            pipeline.addLast(new Http2Installer(server, connection, "https", true));
        } else {
            Http1ResponseEncoder encoder = new Http1ResponseEncoder();
            pipeline.addLast(encoder, server.httpDecoder(encoder));
            pipeline.addLast(new Http1Handler(server.dispatcher(), connection, "https"));
        }
    }

    @Override
    protected void handshakeFailure(ChannelHandlerContext ctx, Throwable cause) {
        ServerLog.LOG.debug("TLS handshake with {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
