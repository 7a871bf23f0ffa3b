package dev.rigel.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A WebSocket route that is called once per message (Litestar's {@code websocket_listener}):
 * Rigel accepts the connection, decodes each message into the {@code data} parameter and sends
 * back what the method returns (a {@code String} as text, a {@code byte[]} as binary, anything
 * else as JSON text; {@code null} or {@code void} sends nothing).
 *
 * <p>The {@code data} parameter's type chooses the decoding: {@code String} (text), {@code byte[]}
 * (binary), or any other type, decoded from JSON (and validated when it carries constraints).
 * With a DTO in force ({@link #dto()}, or a layer's), {@code data} is decoded through it as an
 * HTTP body would be (the model, a list of them, or {@code DTOData} of either), and replies of the
 * model's type are written through the return DTO. The other parameters bind as for any handler: the connection as a
 * {@link dev.rigel.websocket.WebSocketConnection}, path parameters, query values, headers and
 * dependencies. Dependencies are resolved once per connection, not per message.
 *
 * <p><b>On a method</b>, the method handles the messages; {@link #onAccept} and
 * {@link #onDisconnect} may name sibling methods to call after accepting and once the connection
 * is over:
 *
 * <pre>{@code
 * @WebSocketListener(value = "/echo", onAccept = "greet")
 * public String echo(String data) { return data; }
 *
 * public void greet(WebSocketConnection socket) { socket.sendText("hello"); }
 * }</pre>
 *
 * <b>On a class</b> (Litestar's {@code WebsocketListener} class), the class's {@code onReceive}
 * method handles the messages and its optional {@code onAccept} and {@code onDisconnect} methods
 * are the callbacks; register the class (or an instance) like a controller.
 *
 * <pre>{@code
 * @WebSocketListener("/chat")
 * public class Chat {
 *     public void onAccept(WebSocketConnection socket) { … }
 *     public Reply onReceive(ChatMessage data, WebSocketConnection socket) { … }
 *     public void onDisconnect(WebSocketConnection socket) { … }
 * }
 * }</pre>
 *
 * If a callback throws after the connection was accepted, it closes with 4500 (or the code of a
 * {@link dev.rigel.exceptions.WebSocketException}). {@code onDisconnect} runs whenever
 * {@code onAccept} ran, however the connection ended.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface WebSocketListener {

    /** Path(s) relative to the enclosing controller/router; empty means the controller's own path. */
    String[] value() default {};

    /** On a method: the name of a method of the same class to call after accepting; empty for none. */
    String onAccept() default "";

    /** On a method: the name of a method of the same class to call once the connection is over; empty for none. */
    String onDisconnect() default "";

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
     * The DTO that decodes each message into the {@code data} parameter (and shapes the replies
     * unless {@link #returnDto} is set), as for an HTTP body; {@code AbstractDTO.class}, the
     * default, inherits the layers' DTO and {@code NoDTO.class} switches it off.
     */
    @SuppressWarnings("rawtypes")
    Class<? extends dev.rigel.dto.AbstractDTO> dto() default dev.rigel.dto.AbstractDTO.class;

    /** The DTO that shapes the replies; {@code AbstractDTO.class} inherits, {@code NoDTO.class} switches off. */
    @SuppressWarnings("rawtypes")
    Class<? extends dev.rigel.dto.AbstractDTO> returnDto() default dev.rigel.dto.AbstractDTO.class;
}
