package dev.rigel.netty.internal;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * How an HTTP/1 connection ends without losing a request. Apart from {@link Http1Handler} because
 * both of its rules are about timing, not about HTTP:
 *
 * <ul>
 *   <li><b>Lingering close</b> (RFC 9112 §9.6): after the last response the server shuts down only
 *       its sending side (a FIN, or TLS close_notify), then reads and discards until the client
 *       closes or {@link #LINGER_MILLIS} pass. Closing both ways at once would make the kernel
 *       answer bytes the client had already sent (its next keep-alive request) with a reset, and a
 *       reset may destroy the response still in the client's receive buffer.
 *   <li><b>Idle at a graceful stop</b>: a connection between requests cannot be told
 *       {@code Connection: close}, and the client may have its next request on the wire. It is read
 *       from once more; a request that arrives is served and its response closes the connection. A
 *       connection that stays quiet for {@link #IDLE_GRACE_MILLIS} is closed (lingering): a request
 *       sent after that loses only the race every idle close has, which clients retry (RFC 9112
 *       §9.3.1).
 * </ul>
 *
 * Event loop only.
 */
final class Http1Close {

    /** How long a connection's reading side stays open after its last response. */
    static final long LINGER_MILLIS = 2_000;
    /** How long a connection idle at a graceful stop may still bring a request. */
    static final long IDLE_GRACE_MILLIS = 500;

    private final Http1Handler http1;
    /** The sending side is shut: reads are only drained. */
    private boolean lingering;

    Http1Close(Http1Handler http1) {
        this.http1 = http1;
    }

    boolean lingering() {
        return lingering;
    }

    /**
     * Once {@code written} (the last response) is flushed, shuts the sending side, then drains the
     * reading side until the client closes or the linger time is up. The handler is already
     * {@code closing}. Shutting down output earlier would discard what is still queued.
     */
    void lingeringClose(ChannelFuture written) {
        if (lingering) {
            return;
        }
        lingering = true;
        http1.reader.releasePending();
        http1.readTimeout.cancel();
        http1.headerTimeout.cancel();
        written.addListener(flushed -> {
            if (flushed.isSuccess()) {
                shutOutput();
            } else {
                http1.ctx.close();
            }
        });
    }

    private void shutOutput() {
        Channel channel = http1.ctx.channel();
        if (!channel.isActive()) {
            return;
        }
        SslHandler tls = channel.pipeline().get(SslHandler.class);
        Future<?> outputShut;
        if (tls != null) {
            outputShut = tls.closeOutbound();
        } else if (channel instanceof DuplexChannel duplex) {
            outputShut = duplex.shutdownOutput();
        } else {
            http1.ctx.close();
            return;
        }
        outputShut.addListener(done -> {
            if (done.isSuccess()) {
                http1.ctx.read(); // from here on, only to see the client's close
            } else {
                http1.ctx.close();
            }
        });
        http1.ctx.executor().schedule(() -> http1.ctx.close(), LINGER_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** End of a read while lingering: keep draining. */
    void readWhileLingering() {
        http1.ctx.read();
    }

    /**
     * The server is stopping and no exchange is in progress: read once more and close if nothing
     * comes within the grace period. An exchange in progress needs nothing from here: the server is
     * draining, so its response says {@code Connection: close} and closes (lingering).
     */
    void drainIdle() {
        if (http1.closing || http1.current != null || http1.webSocket != null) {
            return;
        }
        http1.ctx.read();
        http1.ctx.executor().schedule(this::closeIfStillIdle, IDLE_GRACE_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void closeIfStillIdle() {
        if (http1.closing || http1.current != null || http1.webSocket != null) {
            return; // served meanwhile (that response closes), or closed
        }
        if (http1.readTimeout.isReceiving() || !http1.reader.nothingPending()) {
            // a request is arriving: give it another grace period (the stop's deadline still holds)
            http1.ctx.executor().schedule(this::closeIfStillIdle, IDLE_GRACE_MILLIS, TimeUnit.MILLISECONDS);
            return;
        }
        http1.closing = true;
        lingeringClose(http1.ctx.newSucceededFuture());
    }
}
