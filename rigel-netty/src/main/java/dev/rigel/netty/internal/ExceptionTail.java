package dev.rigel.netty.internal;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http2.Http2Exception;
import java.io.IOException;

/**
 * Last handler of an HTTP/2 connection pipeline: whatever error gets this far closes the
 * connection, logged quietly when it is just the network, except HTTP/2 connection errors, which
 * Netty's codec closes itself with the right GOAWAY code. {@link Http1Handler} ends its
 * connections the same way, through {@link #logAndClose}.
 */
@ChannelHandler.Sharable
final class ExceptionTail extends ChannelInboundHandlerAdapter {

    static final ExceptionTail INSTANCE = new ExceptionTail();

    private ExceptionTail() {}

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof Http2Exception) {
            // A connection error the client caused: Netty's codec reported it up the pipeline
            // first and now sends GOAWAY with its code (PROTOCOL_ERROR, FLOW_CONTROL_ERROR,
            // ENHANCE_YOUR_CALM...) and closes. Closing here would say NO_ERROR before it.
            ServerLog.LOG.debug("HTTP/2 connection error on {}: {}", ctx.channel(), cause.toString());
            return;
        }
        logAndClose(ctx, cause);
    }

    static void logAndClose(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            ServerLog.LOG.debug("Closing {}: {}", ctx.channel(), cause.toString());
        } else {
            ServerLog.LOG.warn("Closing {} after an unexpected error", ctx.channel(), cause);
        }
        ctx.close();
    }
}
