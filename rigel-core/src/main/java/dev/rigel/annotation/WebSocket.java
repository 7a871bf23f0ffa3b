package dev.rigel.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method as the WebSocket handler for a path (Litestar's {@code @websocket}). The method
 * takes the connection as a {@link dev.rigel.websocket.WebSocketConnection} parameter, plus any
 * path parameters, query values, headers and dependencies as an HTTP handler would; it accepts,
 * receives, sends and closes as it likes, and the connection ends when it returns. It always runs
 * on its own virtual thread.
 *
 * <pre>{@code
 * @WebSocket("/rooms/{room}")
 * public void join(WebSocketConnection socket, String room, ChatRooms rooms) {
 *     socket.accept();
 *     for (String text : socket.textMessages()) {
 *         rooms.publish(room, text);
 *     }
 * }
 * }</pre>
 *
 * Guards, dependencies and middleware (those whose scopes include {@code websocket}) of every
 * layer apply. A WebSocket route may share its path with HTTP routes.
 *
 * <p><b>Streams</b> (Litestar's {@code websocket_stream}): a handler that returns an
 * {@code Iterator}, an {@code Iterable} or a {@code java.util.stream.Stream} has each element sent
 * to the client (a {@code String} as text, a {@code byte[]} as binary, anything else as JSON
 * text, through the route's return DTO if one is in force); Rigel accepts the connection if the
 * handler did not, and closes it with 1000 when the source ends. When the client leaves, Rigel
 * pulls no further element and closes the source if it is {@code AutoCloseable}. While streaming,
 * Rigel receives on the connection: a message from the client closes it with 1003, unless
 * {@link #allowDataDiscard()}.
 *
 * <pre>{@code
 * @WebSocket(value = "/prices", interruptOnDisconnect = true)
 * public Iterator<Price> prices(PriceFeed feed) {
 *     return feed.subscribe(); // blocks in next() until the next price
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface WebSocket {

    /** Path(s) relative to the enclosing controller/router; empty means the controller's own path. */
    String[] value() default {};

    /** A name for the handler; defaults to {@code Class.method}. */
    String name() default "";

    /** Guards for this handler, added after those of the enclosing layers; they run before the handshake is answered. */
    Class<? extends dev.rigel.http.Guard>[] guards() default {};

    /** Middleware for this handler, innermost. Each class needs a public no-argument constructor. */
    Class<? extends dev.rigel.middleware.Middleware>[] middleware() default {};

    /** Tags, added to the enclosing layers' tags. */
    String[] tags() default {};

    /** Free-form metadata as {@code key=value} (or {@code key}, meaning true); beats the layers' opt. */
    String[] opt() default {};

    /**
     * For a handler that returns a stream: drop messages the client sends while it streams,
     * instead of closing the connection with 1003 (Litestar's {@code allow_data_discard}).
     */
    boolean allowDataDiscard() default false;

    /**
     * For a handler that returns a stream: interrupt the thread sending it as soon as the client
     * leaves, so a source blocked in {@code next()} on something interruptible (a
     * {@code BlockingQueue}) stops at once. Off by default, as for HTTP streams
     * ({@link dev.rigel.response.Stream#interruptOnDisconnect()}): an interrupt also aborts the
     * source's blocking I/O (a JDBC connection's socket). Without it a departed client stops the
     * stream before the next element is pulled.
     */
    boolean interruptOnDisconnect() default false;

    /**
     * For a handler that returns a stream: the DTO that shapes each element;
     * {@code AbstractDTO.class}, the default, inherits the layers' return DTO (or DTO) and
     * {@code NoDTO.class} switches it off.
     */
    @SuppressWarnings("rawtypes")
    Class<? extends dev.rigel.dto.AbstractDTO> returnDto() default dev.rigel.dto.AbstractDTO.class;
}
