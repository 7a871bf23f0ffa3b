package dev.rigel.netty.internal;

import io.netty.channel.Channel;
import io.netty.util.concurrent.EventExecutor;

/**
 * The channel handler an {@link Exchange} belongs to: {@link Http1Handler} for an HTTP/1
 * connection, {@link Http2StreamHandler} for an HTTP/2 stream. The exchange is protocol-neutral;
 * whatever touches the channel it asks its handler to do, so the handler alone decides whether
 * the exchange may still write.
 *
 * <p>Everything but the three accessors is called on the event loop only.
 */
interface ExchangeHandler {

    /** The channel the exchange's response goes out on (for allocation and writability). */
    Channel channel();

    /** The event loop that owns the channel. */
    EventExecutor executor();

    /** The connection, which counts the exchanges in flight and knows whether it is draining. */
    Connection connection();

    /** Writes message(s) of {@code ex}'s response; {@code last} ends the response. */
    void write(Exchange ex, Object msg, boolean last);

    /** Writes an interim 100 Continue for {@code ex}. */
    void writeContinue(Exchange ex);

    /** The application drained {@code ex}'s body queue; read more. */
    void resumeReading(Exchange ex);

    /** Calls {@link Exchange#writableAgain()} once the channel is writable (or closed). */
    void awaitWritable(Exchange ex);

    /**
     * {@code ex}'s application waits, after the whole body, for the client to leave: make sure
     * that will be noticed ({@link Exchange#connectionLost()}) even while nothing is written.
     */
    void watchDisconnect(Exchange ex);

    /** {@code ex}'s response cannot be completed: drop the connection (or reset the stream). */
    void abort(Exchange ex);
}
