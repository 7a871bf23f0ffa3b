package dev.rigel.netty.internal;

import io.netty.channel.Channel;
import io.netty.util.concurrent.EventExecutor;

/**
 * The channel handler an {@link HttpExchange} belongs to: {@link Http1ResponseWriter} (the
 * writing side of {@link Http1Handler}) for an HTTP/1 connection, {@link Http2StreamHandler} for
 * an HTTP/2 stream. The exchange is protocol-neutral; whatever touches the channel it asks its
 * handler to do, so the handler alone decides whether the exchange may still write.
 *
 * <p>Everything but the three accessors is called on the event loop only.
 */
interface HttpExchangeHandler {

    /** The channel the exchange's response goes out on (for allocation and writability). */
    Channel channel();

    /** The event loop that owns the channel. */
    EventExecutor executor();

    /** The connection, which counts the exchanges in flight and knows whether it is draining. */
    Connection connection();

    /** Writes message(s) of {@code ex}'s response; {@code last} ends the response. */
    void write(HttpExchange ex, Object msg, boolean last);

    /** Writes an interim 100 Continue for {@code ex}. */
    void writeContinue(HttpExchange ex);

    /** The application drained {@code ex}'s body queue; read more. */
    void resumeReading(HttpExchange ex);

    /**
     * Calls {@link HttpExchange#writableAgain()} once {@code ex} may write more (now, if it may
     * already): the channel is writable, and for an HTTP/2 stream the client's window is open too;
     * or the exchange is over.
     */
    void awaitWritable(HttpExchange ex);

    /**
     * {@code ex}'s application waits, after the whole body, for the client to leave: make sure
     * that will be noticed ({@link HttpExchange#connectionLost()}) even while nothing is written.
     */
    void watchDisconnect(HttpExchange ex);

    /** {@code ex}'s response cannot be completed: drop the connection (or reset the stream). */
    void abort(HttpExchange ex);
}
