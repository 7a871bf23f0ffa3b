package dev.rigel.netty.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.http2.Http2CodecUtil;
import java.util.List;

/**
 * Tells HTTP/2 with prior knowledge (RFC 9113 3.3) from HTTP/1 on a cleartext connection by its
 * first bytes: the HTTP/2 connection preface switches the connection to HTTP/2 (the HTTP/1
 * handlers go, {@code http2} comes in), anything else leaves it to HTTP/1. What Netty's {@code
 * CleartextHttp2ServerUpgradeHandler} does, for the server's own HTTP/1 decoder and encoder,
 * which that class cannot take. Removes itself either way.
 */
final class H2cPriorKnowledge extends ByteToMessageDecoder {

    private static final ByteBuf PREFACE =
            Unpooled.unreleasableBuffer(Http2CodecUtil.connectionPrefaceBuf()).asReadOnly();

    private final ChannelHandler[] http1;
    private final ChannelHandler http2;

    /** {@code http1}: the handlers to remove for HTTP/2; {@code http2}: the handler to add in their place. */
    H2cPriorKnowledge(ChannelHandler http2, ChannelHandler... http1) {
        this.http2 = http2;
        this.http1 = http1;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        int length = Math.min(in.readableBytes(), PREFACE.readableBytes());
        if (!ByteBufUtil.equals(PREFACE, PREFACE.readerIndex(), in, in.readerIndex(), length)) {
            ctx.pipeline().remove(this); // HTTP/1: the bytes go on to its decoder
        } else if (length == PREFACE.readableBytes()) {
            ChannelPipeline pipeline = ctx.pipeline();
            for (ChannelHandler handler : http1) {
                pipeline.remove(handler);
            }
            pipeline.addAfter(ctx.name(), null, http2);
            pipeline.remove(this); // the preface goes on to the HTTP/2 codec, which checks it again
        }
    }
}
