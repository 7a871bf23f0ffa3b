package dev.rigel.netty.internal;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.ArrayDeque;

/**
 * Netty's response encoder, paired with {@link Http1RequestDecoder} the way Netty's {@code
 * HttpServerCodec} pairs its own two halves (that class is final and its decoder private, so the
 * strict decoder cannot live in it): the decoder tells this encoder each request's method, in
 * order, so a response to HEAD is encoded without a body and a 2xx to CONNECT without
 * Transfer-Encoding; and a request framed by both Transfer-Encoding and Content-Length (RFC 9112
 * 6.3) closes the connection after its response. Complete responses the exchange encoded itself
 * ({@link Http1EncodedResponse}) pass through as their bytes. Kept as a separate handler, not combined with
 * the decoder, because Netty's WebSocket handshaker swaps a separate decoder and encoder out.
 */
final class Http1ResponseEncoder extends HttpResponseEncoder {

    /** Methods of the requests decoded and not answered yet, oldest first. */
    private final ArrayDeque<HttpMethod> methods = new ArrayDeque<>(4);

    private HttpMethod method;
    private boolean closeAfterResponse;

    /** The decoder read a request head with {@code method}. */
    void requestDecoded(HttpMethod method) {
        methods.add(method);
    }

    /** The decoder read a request whose framing was ambiguous: no more requests after its response. */
    void closeAfterResponse() {
        closeAfterResponse = true;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        boolean encoded = msg instanceof Http1EncodedResponse;
        if (closeAfterResponse && (encoded || msg instanceof LastHttpContent)) {
            closeAfterResponse = false;
            promise = promise.unvoid().addListener(ChannelFutureListener.CLOSE);
        }
        if (encoded) {
            // Already bytes (never one of the responses to HEAD): it answers the oldest request.
            methods.poll();
            ctx.write(((Http1EncodedResponse) msg).content(), promise);
            return;
        }
        super.write(ctx, msg, promise);
    }

    @Override
    protected boolean isContentAlwaysEmpty(HttpResponse msg) {
        if (msg.status().codeClass() == HttpStatusClass.INFORMATIONAL) {
            return super.isContentAlwaysEmpty(msg); // a 100 Continue answers no request yet
        }
        method = methods.poll();
        return HttpMethod.HEAD.equals(method) || super.isContentAlwaysEmpty(msg);
    }

    @Override
    protected void sanitizeHeadersBeforeEncode(HttpResponse msg, boolean isAlwaysEmpty) {
        if (!isAlwaysEmpty
                && HttpMethod.CONNECT.equals(method)
                && msg.status().codeClass() == HttpStatusClass.SUCCESS) {
            msg.headers().remove(HttpHeaderNames.TRANSFER_ENCODING); // RFC 9112 6.1
            return;
        }
        super.sanitizeHeadersBeforeEncode(msg, isAlwaysEmpty);
    }
}
