package dev.rigel.netty.internal;

import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * The read timeout of an HTTP/1 connection: a client that sent part of a request and then went
 * quiet for the read timeout gets a 408, and the connection closes. Apart from {@link
 * Http1Handler} because it keeps its own books (whether a request is partly here, how many have
 * arrived whole) and decides alone whether a quiet spell was the client's doing. Event loop only.
 */
final class Http1ReadTimeout {

    private final Http1Handler http1;
    private final ReadTimer readTimer;
    /** Part of a request has arrived but not all of it. */
    private boolean receiving;
    /** Counts fully received requests, so the timer knows whether progress was made. */
    private long requestSeq;

    Http1ReadTimeout(Http1Handler http1, long timeoutNanos) {
        this.http1 = http1;
        this.readTimer = new ReadTimer(timeoutNanos);
    }

    /** Bytes of a request arrived (its head, or the start of one). */
    void receiving() {
        receiving = true;
    }

    /** Whether part of a request has arrived but not all of it. */
    boolean isReceiving() {
        return receiving;
    }

    /** A request arrived whole (its body, or the body skipped for it, is complete). */
    void received() {
        receiving = false;
        requestSeq++;
    }

    /** The connection reads no more HTTP: a WebSocket handshake is under way. */
    void upgrading() {
        receiving = false;
        readTimer.cancel();
    }

    /** End of a read: time the client out if it left a request incomplete. */
    void readComplete() {
        if (receiving && !http1.closing) {
            arm();
        }
    }

    void cancel() {
        readTimer.cancel();
    }

    /**
     * Armed only when a read ends with a request incomplete, so requests that arrive in one read
     * (nearly all of them) never touch the scheduler.
     */
    private void arm() {
        long seq = requestSeq;
        readTimer.arm(http1.ctx.executor(), () -> fired(seq));
    }

    private void fired(long seqWhenArmed) {
        if (http1.closing || !receiving || http1.webSocket != null) {
            return;
        }
        Http1Exchange ex = http1.current;
        boolean pausedByServer = ex != null && (ex.requestComplete || ex.inboundFull());
        if (pausedByServer || seqWhenArmed != requestSeq) {
            // Not the client's fault (we stopped reading), or a request completed meanwhile.
            arm();
            return;
        }
        http1.rejection.reject(HttpResponseStatus.REQUEST_TIMEOUT, ErrorBodies.REQUEST_TIMEOUT);
    }
}
