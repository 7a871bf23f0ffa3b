package dev.rigel.internal.body;

import dev.rigel.protocol.Headers;
import dev.rigel.protocol.Message;
import dev.rigel.protocol.Receive;
import dev.rigel.protocol.Send;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A body sent as several messages after the handler returned (file, stream, events). It owns its
 * source and closes it however sending ends. A client that left shows up as an IOException from
 * {@code send}, or, for an interruptible source waiting for its next element, as an interrupt
 * from its {@link ClientWatch}; either ends the body quietly (the server drops the half-sent
 * response without logging), since a departed client is normal for long streams and not an error
 * of the app.
 */
public abstract class StreamedBody {

    static final Logger LOG = LoggerFactory.getLogger("dev.rigel.responses");

    /** A HEAD request: send the status and headers, never touch the source. */
    final boolean head;

    StreamedBody(boolean head) {
        this.head = head;
    }

    /**
     * Sends start and body, then releases the source. With {@code receive} (the request's, its
     * body already taken) and an {@link #interruptibleSource() interruptible source}, a
     * {@link ClientWatch} stops the source as soon as the client leaves; a failure of the source caused by that stop ends the body quietly,
     * as a failed write does.
     */
    final void send(Send send, Receive receive, int status, Headers headers) throws IOException {
        ClientWatch watch = null;
        try {
            if (!deliver(send, new Message.ResponseStart(status, headers))) {
                return;
            }
            if (head) {
                deliver(send, Message.ResponseBody.EMPTY_LAST);
                return;
            }
            if (receive != null && interruptibleSource()) {
                watch = ClientWatch.start(receive);
                send = watch.guard(send);
            }
            sendBody(send);
        } catch (IOException | RuntimeException e) {
            // after the client left, whatever the interrupted source threw is only its way of stopping
            if (watch == null || !watch.finish()) {
                throw e;
            }
            LOG.debug("Client left during a streamed response; its source was stopped: {}", e.toString());
        } finally {
            if (watch != null) {
                watch.finish();
            }
            release();
        }
    }

    /**
     * Whether the source may be interrupted when the client leaves (the response asked for it, or
     * it waits on a queue), so the client is watched. Not by default: an interrupt aborts the
     * source's blocking I/O too (a closed NIO channel, a virtual thread's closed socket — a pooled
     * JDBC connection, an H2 file), so other sources notice a departed client at their next write.
     */
    abstract boolean interruptibleSource();

    /** Sends the body messages, the last with {@code moreBody == false}, unless the client left. */
    abstract void sendBody(Send send) throws IOException;

    /** Closes the source; must not throw. */
    public abstract void release();

    /** Sends one message; false when the client has gone (the caller stops). */
    static boolean deliver(Send send, Message message) {
        try {
            send.send(message);
            return true;
        } catch (IOException gone) {
            LOG.debug("Client left during a streamed response: {}", gone.toString());
            return false;
        }
    }

    /** Closes {@code source} if it is AutoCloseable, logging (not throwing) a failure. */
    static void closeQuietly(Object source) {
        if (source instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.warn("Closing the source of a streamed response failed", e);
            }
        }
    }
}
