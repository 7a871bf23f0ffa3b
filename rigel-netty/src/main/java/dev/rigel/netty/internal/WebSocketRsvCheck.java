package dev.rigel.netty.internal;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtension;
import io.netty.util.ReferenceCountUtil;

/**
 * The reserved bits of a connection that agreed to permessage-deflate. Netty's frame decoder
 * either refuses every RSV bit or allows them all; once an extension is agreed it must allow
 * them, but permessage-deflate defines RSV1 only, and only on the first frame of a data message
 * (RFC 7692 6). Any other reserved bit is a protocol error (RFC 6455 5.2), failed the way Netty's
 * decoder fails one: a close frame with 1002, the connection closed after it, a {@link
 * CorruptedWebSocketFrameException} up the pipeline, and nothing more read. Sits right after the
 * decoder. Event loop only.
 */
final class WebSocketRsvCheck extends ChannelInboundHandlerAdapter {

    private boolean failed;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (failed) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof WebSocketFrame frame && !allowed(frame)) {
            failed = true;
            String reason = "RSV " + frame.rsv() + " on a " + frame.getClass().getSimpleName();
            frame.release();
            ctx.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.PROTOCOL_ERROR, "reserved bits set"))
                    .addListener(ChannelFutureListener.CLOSE);
            ctx.fireExceptionCaught(new CorruptedWebSocketFrameException(WebSocketCloseStatus.PROTOCOL_ERROR, reason));
            return;
        }
        ctx.fireChannelRead(msg);
    }

    private static boolean allowed(WebSocketFrame frame) {
        int rsv = frame.rsv();
        return rsv == 0
                || rsv == WebSocketExtension.RSV1
                        && (frame instanceof TextWebSocketFrame || frame instanceof BinaryWebSocketFrame);
    }
}
