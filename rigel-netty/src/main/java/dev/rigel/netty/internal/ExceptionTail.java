package dev.rigel.netty.internal;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.io.IOException;

/**
 * Last handler of an HTTP/2 connection pipeline: whatever error gets this far closes the
 * connection, logged quietly when it is just the network. {@link Http1Handler} ends its
 * connections the same way, through {@link #logAndClose}.
 */
@ChannelHandler.Sharable
final class ExceptionTail extends ChannelInboundHandlerAdapter {

    static final ExceptionTail INSTANCE = new ExceptionTail();

    private ExceptionTail() {}

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
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
