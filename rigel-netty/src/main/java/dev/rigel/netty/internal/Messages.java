package dev.rigel.netty.internal;

import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.ReferenceCountUtil;

/**
 * Outbound messages travel from the application thread to the event loop as a single Netty
 * message or, when one protocol message becomes several (head plus first chunk), as an
 * {@code Object[]}. This avoids a list allocation in the common single-message case.
 */
final class Messages {

    private Messages() {}

    static void release(Object msg) {
        if (msg instanceof Object[] all) {
            for (Object m : all) {
                ReferenceCountUtil.release(m);
            }
        } else if (msg != null) {
            ReferenceCountUtil.release(msg);
        }
    }

    /** Writes without flushing, using void promises: failures surface through exceptionCaught. */
    static void write(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Object[] all) {
            for (Object m : all) {
                ctx.write(m, ctx.voidPromise());
            }
        } else if (msg != null) {
            ctx.write(msg, ctx.voidPromise());
        }
    }

    /** Writes and flushes, returning the future of the last message (to close after it). */
    static ChannelFuture writeAndFlush(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Object[] all) {
            for (int i = 0; i < all.length - 1; i++) {
                ctx.write(all[i], ctx.voidPromise());
            }
            return ctx.writeAndFlush(all[all.length - 1]);
        }
        return ctx.writeAndFlush(msg);
    }

    /** Whether a response with this status never has a body (RFC 9110 6.4.1). */
    static boolean bodylessStatus(int status) {
        return status < 200 || status == 204 || status == 304;
    }
}
