package dev.rigel.netty.internal;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.timeout.IdleStateEvent;
import java.io.IOException;
import javax.net.ssl.SSLException;

/**
 * Per-connection state and policy, placed near the head of the pipeline so it sees every
 * connection-level event whatever protocol runs above it: it counts exchanges in flight (an
 * idle timeout must not cut a slow handler off), turns the server's shutdown signals into a
 * graceful or forced close, and tells the HTTP/1 handler when raw bytes arrive (the start of a
 * request for the read timeout). On a connection upgraded to a WebSocket, an idle period sends a
 * ping and a graceful stop a close with 1001.
 */
public final class Connection extends ChannelDuplexHandler {

    /** Pipeline events the server fires at every open connection on stop. */
    public enum Signal {
        /** Finish what is in flight, take nothing new, then close. */
        GRACEFUL,
        /** Close now. */
        FORCE
    }

    private int active;
    private volatile boolean draining;
    private boolean http2;
    private Http1Handler http1;
    private WebSocketFrameHandler webSocket;

    void exchangeStarted() {
        active++;
    }

    void exchangeFinished() {
        active--;
    }

    boolean draining() {
        return draining;
    }

    void http1(Http1Handler handler) {
        http1 = handler;
    }

    void http1Removed(Http1Handler handler) {
        if (http1 == handler) {
            http1 = null;
        }
    }

    /** The connection was upgraded to a WebSocket served by {@code handler}. */
    void switchedToWebSocket(WebSocketFrameHandler handler) {
        webSocket = handler;
        http1 = null;
    }

    void switchedToHttp2() {
        http2 = true;
        http1 = null;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Http1Handler h = http1;
        if (h != null) {
            h.bytesArrived();
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent) {
            if (webSocket != null) {
                webSocket.idle(); // a WebSocket may be quiet for long: ping it instead
                return;
            }
            if (active == 0) {
                // channel().close() runs through the whole pipeline, so HTTP/2 says GOAWAY first.
                ctx.channel().close();
            }
            return;
        }
        if (evt == Signal.GRACEFUL) {
            draining = true;
            if (webSocket != null) {
                webSocket.goingAway(); // 1001; the connection closes when the client answers
                return;
            }
            if (http2) {
                ctx.channel().close(); // graceful by itself: GOAWAY, then wait for the open streams
            } else if (http1 != null) {
                // A response in progress says Connection: close and closes after itself; an idle
                // connection may have a request on the wire, so it is read once more.
                http1.close.drainIdle();
            } else if (active == 0) {
                ctx.channel().close();
            }
            return;
        }
        if (evt == Signal.FORCE) {
            // From this context the close skips the protocol handlers: no more waiting.
            ctx.close();
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Transport and TLS failures end up here: a reset peer or a failed handshake is routine.
        if (cause instanceof IOException || cause.getCause() instanceof SSLException) {
            ServerLog.LOG.debug("Closing {}: {}", ctx.channel(), cause.toString());
        } else {
            ServerLog.LOG.warn("Closing {} after an unexpected error", ctx.channel(), cause);
        }
        ctx.close();
    }
}
