package dev.rigel.netty.internal;

import dev.rigel.protocol.Headers;
import dev.rigel.protocol.Scope;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.EventExecutor;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/**
 * An HTTP/1 connection's side of a WebSocket upgrade: checks the upgrade request, starts the
 * application's {@link WebSocketExchange}, keeps the connection (reading nothing more) while the
 * application decides, then either lets {@link WebSocketUpgrade} hand the connection over or
 * sends the refusal and closes. Apart from {@link Http1RequestReader} because after an upgrade
 * request the connection serves no more HTTP: this is where it leaves HTTP/1. Event loop only,
 * but for the two accessors.
 */
final class Http1WebSocketHandOff {

    private final Http1Handler http1;

    Http1WebSocketHandOff(Http1Handler http1) {
        this.http1 = http1;
    }

    Connection connection() {
        return http1.connection;
    }

    EventExecutor executor() {
        return http1.ctx.executor();
    }

    /**
     * An {@code Upgrade: websocket} request. A malformed handshake is refused here (RFC 6455
     * 4.2.2: 400, or 426 for a protocol version other than 13); a valid one goes to the
     * application on a virtual thread, which accepts or refuses it, and the connection serves no
     * more HTTP requests.
     */
    void start(HttpRequest request, Headers headers, long contentLength, Http1RequestHead head) {
        http1.readTimeout.upgrading();
        http1.headerTimeout.cancel();
        ReferenceCountUtil.release(request); // a full request has no content worth keeping
        String problem = WebSocketHandshakes.problem(request, head.connection, contentLength, head.chunked);
        if (problem != null) {
            http1.rejection.reject(HttpResponseStatus.BAD_REQUEST, problem);
            return;
        }
        Dispatcher dispatcher = http1.dispatcher;
        if (!WebSocketHandshakes.supportedVersion(request)) {
            FullHttpResponse response = Http1Exchange.error(
                    HttpVersion.HTTP_1_1,
                    HttpResponseStatus.UPGRADE_REQUIRED,
                    WebSocketHandshakes.UNSUPPORTED_VERSION,
                    dispatcher.serverHeader());
            response.headers().set(HttpHeaderNames.SEC_WEBSOCKET_VERSION, "13");
            http1.rejection.rejectWith(response);
            return;
        }
        Scope scope = Scopes.webSocket(
                request.uri(), headers, http1.ctx.channel(), "https".equals(http1.scheme) ? "wss" : "ws");
        WebSocketExchange ex = new WebSocketExchange(this, dispatcher, scope, request.headers(), request.uri());
        http1.webSocket = ex;
        try {
            dispatcher.startVirtual(ex);
        } catch (RuntimeException | Error e) {
            http1.webSocket = null;
            ex.connectionLost();
            http1.rejection.reject(HttpResponseStatus.SERVICE_UNAVAILABLE, ErrorBodies.SERVICE_UNAVAILABLE);
        }
    }

    /** Event loop: the application accepted {@code ex}; upgrade unless the connection is gone or draining. */
    void accept(
            WebSocketExchange ex,
            String subprotocol,
            HttpHeaders extraHeaders,
            CompletableFuture<WebSocketFrameHandler> upgraded) {
        if (ex != http1.webSocket || http1.closing || !http1.ctx.channel().isActive()) {
            upgraded.completeExceptionally(new IOException("the connection closed before the handshake was answered"));
            return;
        }
        if (http1.connection.draining()) {
            upgraded.completeExceptionally(new IOException("the server is shutting down"));
            http1.webSocket = null;
            ex.connectionLost();
            http1.rejection.reject(HttpResponseStatus.SERVICE_UNAVAILABLE, ErrorBodies.SERVICE_UNAVAILABLE);
            return;
        }
        WebSocketUpgrade.perform(
                http1.ctx,
                ex,
                subprotocol,
                extraHeaders,
                http1.dispatcher,
                frames -> {
                    http1.webSocket = null; // handed over: removing this handler must not end the exchange
                    http1.closing = true;
                    http1.connection.switchedToWebSocket(frames);
                },
                upgraded);
    }

    /** Event loop: the application refused {@code ex} with {@code response}; send it and close. */
    void refuse(WebSocketExchange ex, FullHttpResponse response) {
        if (ex != http1.webSocket || http1.closing) {
            response.release();
            return;
        }
        http1.closing = true;
        http1.ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
}
