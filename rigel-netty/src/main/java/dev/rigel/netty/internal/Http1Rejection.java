package dev.rigel.netty.internal;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.handler.ssl.SslHandler;
import java.util.concurrent.TimeUnit;

/**
 * Answers a request the server refuses itself on an HTTP/1 connection (malformed, too large, too
 * slow, a bad WebSocket handshake) and closes the connection, since the rest of the request
 * cannot be trusted to frame the next one. Apart from {@link Http1ResponseWriter} because it
 * speaks for the server, not for an exchange: it ends the exchange in flight, if any, stops
 * reading for good, and closes without letting a TCP reset destroy its answer. Event loop only.
 */
final class Http1Rejection {

    /** How long to keep swallowing a rejected request's body before closing (avoids a TCP reset eating the error response). */
    private static final long LINGER_MILLIS = 2000;

    private final Http1Handler http1;

    Http1Rejection(Http1Handler http1) {
        this.http1 = http1;
    }

    /** A request head the codec could not decode: the status says which limit or rule it broke. */
    void rejectUndecodable(Throwable cause) {
        if (cause instanceof TooLongHttpLineException) {
            reject(HttpResponseStatus.REQUEST_URI_TOO_LONG, ErrorBodies.URI_TOO_LONG);
        } else if (cause instanceof TooLongHttpHeaderException) {
            reject(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, ErrorBodies.HEADERS_TOO_LARGE);
        } else {
            reject(HttpResponseStatus.BAD_REQUEST, ErrorBodies.BAD_REQUEST);
        }
    }

    /** Answers with a JSON error, unless the exchange in flight already wrote part of its response. */
    void reject(HttpResponseStatus status, String detail) {
        Http1Exchange ex = http1.current;
        http1.closing = true;
        http1.reader.releasePending();
        http1.readTimeout.cancel();
        http1.headerTimeout.cancel();
        if (ex != null) {
            http1.current = null;
            ex.connectionLost(); // marks it closed before we look at whether it wrote anything
            if (ex.onWire) {
                http1.ctx.close();
                return;
            }
        }
        FullHttpResponse response =
                Http1Exchange.error(HttpVersion.HTTP_1_1, status, detail, http1.dispatcher.serverHeader());
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        http1.writer.flushing();
        http1.ctx.writeAndFlush(response).addListener(future -> lingerAndClose());
    }

    /** As {@link #reject}, with a response already built. */
    void rejectWith(FullHttpResponse response) {
        http1.closing = true;
        http1.reader.releasePending();
        http1.readTimeout.cancel();
        http1.headerTimeout.cancel();
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        http1.writer.flushing();
        http1.ctx.writeAndFlush(response).addListener(future -> lingerAndClose());
    }

    /**
     * Closes after an error response without resetting it away: closing a socket with unread
     * input makes the kernel send RST, which can destroy the response before the client reads
     * it. So shut down our side, swallow input for a moment, then close.
     */
    private void lingerAndClose() {
        ChannelHandlerContext ctx = http1.ctx;
        Channel ch = ctx.channel();
        if (!ch.isActive()) {
            return;
        }
        if (ch instanceof DuplexChannel duplex && ctx.pipeline().get(SslHandler.class) == null) {
            duplex.shutdownOutput().addListener(done -> {
                if (!done.isSuccess()) {
                    ch.close();
                    return;
                }
                ch.config().setAutoRead(true);
                ch.eventLoop()
                        .schedule(
                                () -> {
                                    ch.close();
                                },
                                LINGER_MILLIS,
                                TimeUnit.MILLISECONDS);
            });
        } else {
            ch.close();
        }
    }
}
