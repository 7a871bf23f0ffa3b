package dev.rigel.netty.internal;

import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * The header-read timeout of an HTTP/1 connection: a request head must arrive whole within it,
 * counted from its first byte, and a new connection must send its first head within it. Aimed at
 * slowloris clients, which trickle a head to hold a connection: progress does not restart the
 * clock. On expiry a partial head is answered with 408, a connection that sent nothing is just
 * closed. Apart from {@link Http1ReadTimeout}, which bounds a whole request (body included), and
 * from the idle timeout, which governs the quiet between requests on a kept-alive connection.
 * Counts only while the server is waiting for the head: when it stopped reading (an exchange in
 * flight, pipelined heads waiting behind it) the timer starts over. Event loop only.
 */
final class Http1HeaderTimeout {

    private final Http1Handler http1;
    private final ReadTimer timer;
    private Http1RequestDecoder decoder;
    /** Nothing has been read on this connection yet. */
    private boolean fresh = true;

    Http1HeaderTimeout(Http1Handler http1, long timeoutNanos) {
        this.http1 = http1;
        this.timer = new ReadTimer(timeoutNanos);
    }

    /** The connection is ready to read HTTP/1 with {@code decoder}: its first head is awaited. */
    void start(Http1RequestDecoder decoder) {
        this.decoder = decoder;
        if (decoder != null) {
            timer.arm(http1.ctx.executor(), this::fired);
        }
    }

    /** End of a read: time a head that is partly here; one that completed is not timed any more. */
    void readComplete() {
        if (decoder == null || http1.closing) {
            return;
        }
        fresh = false;
        if (decoder.midHead()) {
            timer.arm(http1.ctx.executor(), this::fired);
        } else {
            timer.cancel(); // the head is complete, or the connection is between requests (the idle timeout's)
        }
    }

    void cancel() {
        timer.cancel();
    }

    private void fired() {
        if (http1.closing || http1.webSocket != null) {
            return;
        }
        if (http1.current != null) {
            timer.arm(http1.ctx.executor(), this::fired); // the server is busy and not reading: not the client's doing
            return;
        }
        if (!fresh) {
            http1.rejection.reject(HttpResponseStatus.REQUEST_TIMEOUT, ErrorBodies.REQUEST_TIMEOUT);
        } else {
            ServerLog.LOG.debug("Closing {}: no request within the header-read timeout", http1.ctx.channel());
            http1.closing = true;
            http1.ctx.close();
        }
    }
}
