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
}
