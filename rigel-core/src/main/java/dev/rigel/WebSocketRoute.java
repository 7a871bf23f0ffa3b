package dev.rigel;

import dev.rigel.function.Action1;
import dev.rigel.function.Action2;
import dev.rigel.function.Action3;
import dev.rigel.function.Action4;
import dev.rigel.function.Fn1;
import dev.rigel.function.Fn2;
import dev.rigel.function.Fn3;
import dev.rigel.function.Fn4;
import dev.rigel.internal.invoke.CallableSpec;
import dev.rigel.internal.invoke.Callables;
import java.util.function.Supplier;

/**
 * A WebSocket route written as a lambda or method reference, the counterpart of
 * {@link dev.rigel.Route} for {@link dev.rigel.annotation.WebSocket @WebSocket} handlers and
 * {@link dev.rigel.annotation.WebSocketListener @WebSocketListener}s:
 *
 * <pre>{@code
 * App app = App.builder()
 *     .routeHandlers(
 *         WebSocketRoute.handler("/echo", (WebSocketConnection socket) -> {
 *             socket.accept();
 *             for (String text : socket.textMessages()) socket.sendText(text);
 *         }),
 *         WebSocketRoute.listener("/upper", (String data) -> data.toUpperCase())
 *             .onAccept((WebSocketConnection socket) -> socket.sendText("ready")),
 *         WebSocketRoute.stream("/count", (Integer to) -> IntStream.rangeClosed(1, to).boxed()))
 *     .build();
 * }</pre>
 *
 * Parameters bind by name and type as for {@code Route}s (a lambda's names come from the class
 * file's debug information, and its generic parameter types are lost). A route is also a layer:
 * it takes dependencies, guards, middleware and the rest.
 */
public final class WebSocketRoute extends LayerBuilder<WebSocketRoute> {

    private final String path;
    private final boolean listener;
    private final boolean stream;
    private final Supplier<CallableSpec> spec;
    private boolean allowDataDiscard;
    private boolean interruptOnDisconnect;
    private Supplier<CallableSpec> onAccept;
    private Supplier<CallableSpec> onDisconnect;
    private String name;

    private WebSocketRoute(String path, boolean listener, Supplier<CallableSpec> spec) {
        this(path, listener, false, spec);
    }

    private WebSocketRoute(String path, boolean listener, boolean stream, Supplier<CallableSpec> spec) {
        super((listener ? "WebSocket listener " : stream ? "WebSocket stream " : "WebSocket handler ") + path);
        this.path = java.util.Objects.requireNonNull(path, "path");
        this.listener = listener;
        this.stream = stream;
        this.spec = spec;
    }

    /** A WebSocket handler for {@code path}: it accepts, receives, sends and closes itself. */
    @SuppressWarnings("unchecked")
    public static <A> WebSocketRoute handler(String path, Action1<A> handler) {
        return new WebSocketRoute(
                path,
                false,
                () -> Callables.fromLambda(handler, 1, args -> {
                    handler.run((A) args[0]);
                    return null;
                }));
    }

    @SuppressWarnings("unchecked")
    public static <A, B> WebSocketRoute handler(String path, Action2<A, B> handler) {
        return new WebSocketRoute(
                path,
                false,
                () -> Callables.fromLambda(handler, 2, args -> {
                    handler.run((A) args[0], (B) args[1]);
                    return null;
                }));
    }

    @SuppressWarnings("unchecked")
    public static <A, B, C> WebSocketRoute handler(String path, Action3<A, B, C> handler) {
        return new WebSocketRoute(
                path,
                false,
                () -> Callables.fromLambda(handler, 3, args -> {
                    handler.run((A) args[0], (B) args[1], (C) args[2]);
                    return null;
                }));
    }

    @SuppressWarnings("unchecked")
    public static <A, B, C, D> WebSocketRoute handler(String path, Action4<A, B, C, D> handler) {
        return new WebSocketRoute(
                path,
                false,
                () -> Callables.fromLambda(handler, 4, args -> {
                    handler.run((A) args[0], (B) args[1], (C) args[2], (D) args[3]);
                    return null;
                }));
    }

    /**
     * A stream for {@code path} (Litestar's {@code websocket_stream}): {@code handler} returns an
     * {@code Iterator}, {@code Iterable} or {@code java.util.stream.Stream}, and Rigel accepts the
     * connection (unless the handler did), sends each element (a {@code String} as text, a
     * {@code byte[]} as binary, anything else as JSON) and closes with 1000 when the source ends.
     * When the client leaves, no further element is pulled and the source is closed if it is
     * {@code AutoCloseable}. See {@link dev.rigel.annotation.WebSocket} for the details.
     */
    @SuppressWarnings("unchecked")
    public static <A> WebSocketRoute stream(String path, Fn1<A, ?> handler) {
        return new WebSocketRoute(
                path, false, true, () -> Callables.fromLambda(handler, 1, args -> handler.apply((A) args[0])));
    }

    @SuppressWarnings("unchecked")
    public static <A, B> WebSocketRoute stream(String path, Fn2<A, B, ?> handler) {
        return new WebSocketRoute(
                path,
                false,
                true,
                () -> Callables.fromLambda(handler, 2, args -> handler.apply((A) args[0], (B) args[1])));
    }

    @SuppressWarnings("unchecked")
    public static <A, B, C> WebSocketRoute stream(String path, Fn3<A, B, C, ?> handler) {
        return new WebSocketRoute(
                path,
                false,
                true,
                () -> Callables.fromLambda(handler, 3, args -> handler.apply((A) args[0], (B) args[1], (C) args[2])));
    }

    @SuppressWarnings("unchecked")
    public static <A, B, C, D> WebSocketRoute stream(String path, Fn4<A, B, C, D, ?> handler) {
        return new WebSocketRoute(
                path,
                false,
                true,
                () -> Callables.fromLambda(
                        handler, 4, args -> handler.apply((A) args[0], (B) args[1], (C) args[2], (D) args[3])));
    }

    /**
     * Streams only: drop messages the client sends while the stream runs, instead of closing the
     * connection with 1003 (Litestar's {@code allow_data_discard}).
     */
    public WebSocketRoute allowDataDiscard() {
        requireStream("allowDataDiscard");
        this.allowDataDiscard = true;
        return this;
    }

    /**
     * Streams only: interrupt the thread sending the stream as soon as the client leaves, so a
     * source blocked in {@code next()} on something interruptible stops at once. Off by default,
     * as for HTTP streams: an interrupt also aborts the source's blocking I/O.
     */
    public WebSocketRoute interruptOnDisconnect() {
        requireStream("interruptOnDisconnect");
        this.interruptOnDisconnect = true;
        return this;
    }

    private void requireStream(String setting) {
        if (!stream) {
            throw new IllegalStateException(setting + " is for streams (WebSocketRoute.stream); " + path + " is a "
                    + (listener ? "listener" : "handler"));
        }
    }

    /**
     * A listener for {@code path}: Rigel accepts the connection, passes each message to
     * {@code onReceive} as its {@code data} parameter and sends back what it returns.
     */
    @SuppressWarnings("unchecked")
    public static <A, R> WebSocketRoute listener(String path, Fn1<A, R> onReceive) {
        return new WebSocketRoute(
                path, true, () -> Callables.fromLambda(onReceive, 1, args -> onReceive.apply((A) args[0])));
    }

    @SuppressWarnings("unchecked")
    public static <A, B, R> WebSocketRoute listener(String path, Fn2<A, B, R> onReceive) {
        return new WebSocketRoute(
                path,
                true,
                () -> Callables.fromLambda(onReceive, 2, args -> onReceive.apply((A) args[0], (B) args[1])));
    }

    @SuppressWarnings("unchecked")
    public static <A, B, C, R> WebSocketRoute listener(String path, Fn3<A, B, C, R> onReceive) {
        return new WebSocketRoute(
                path,
                true,
                () -> Callables.fromLambda(
                        onReceive, 3, args -> onReceive.apply((A) args[0], (B) args[1], (C) args[2])));
    }

    @SuppressWarnings("unchecked")
    public static <A, B, C, D, R> WebSocketRoute listener(String path, Fn4<A, B, C, D, R> onReceive) {
        return new WebSocketRoute(
                path,
                true,
                () -> Callables.fromLambda(
                        onReceive, 4, args -> onReceive.apply((A) args[0], (B) args[1], (C) args[2], (D) args[3])));
    }

    /** Called once the listener accepted the connection (listeners only). */
    @SuppressWarnings("unchecked")
    public <A> WebSocketRoute onAccept(Action1<A> callback) {
        requireListener("onAccept");
        this.onAccept = () -> Callables.fromLambda(callback, 1, args -> {
            callback.run((A) args[0]);
            return null;
        });
        return this;
    }

    @SuppressWarnings("unchecked")
    public <A, B> WebSocketRoute onAccept(Action2<A, B> callback) {
        requireListener("onAccept");
        this.onAccept = () -> Callables.fromLambda(callback, 2, args -> {
            callback.run((A) args[0], (B) args[1]);
            return null;
        });
        return this;
    }

    @SuppressWarnings("unchecked")
    public <A, B, C> WebSocketRoute onAccept(Action3<A, B, C> callback) {
        requireListener("onAccept");
        this.onAccept = () -> Callables.fromLambda(callback, 3, args -> {
            callback.run((A) args[0], (B) args[1], (C) args[2]);
            return null;
        });
        return this;
    }

    @SuppressWarnings("unchecked")
    public <A, B, C, D> WebSocketRoute onAccept(Action4<A, B, C, D> callback) {
        requireListener("onAccept");
        this.onAccept = () -> Callables.fromLambda(callback, 4, args -> {
            callback.run((A) args[0], (B) args[1], (C) args[2], (D) args[3]);
            return null;
        });
        return this;
    }

    /** Called once an accepted connection is over, however it ended (listeners only). */
    @SuppressWarnings("unchecked")
    public <A> WebSocketRoute onDisconnect(Action1<A> callback) {
        requireListener("onDisconnect");
        this.onDisconnect = () -> Callables.fromLambda(callback, 1, args -> {
            callback.run((A) args[0]);
            return null;
        });
        return this;
    }

    @SuppressWarnings("unchecked")
    public <A, B> WebSocketRoute onDisconnect(Action2<A, B> callback) {
        requireListener("onDisconnect");
        this.onDisconnect = () -> Callables.fromLambda(callback, 2, args -> {
            callback.run((A) args[0], (B) args[1]);
            return null;
        });
        return this;
    }

    @SuppressWarnings("unchecked")
    public <A, B, C> WebSocketRoute onDisconnect(Action3<A, B, C> callback) {
        requireListener("onDisconnect");
        this.onDisconnect = () -> Callables.fromLambda(callback, 3, args -> {
            callback.run((A) args[0], (B) args[1], (C) args[2]);
            return null;
        });
        return this;
    }

    @SuppressWarnings("unchecked")
    public <A, B, C, D> WebSocketRoute onDisconnect(Action4<A, B, C, D> callback) {
        requireListener("onDisconnect");
        this.onDisconnect = () -> Callables.fromLambda(callback, 4, args -> {
            callback.run((A) args[0], (B) args[1], (C) args[2], (D) args[3]);
            return null;
        });
        return this;
    }

    private void requireListener(String callback) {
        if (!listener) {
            throw new IllegalStateException(callback + " is for listeners; a WebSocket handler (" + path
                    + ") runs its own code after accepting and when the connection ends");
        }
    }

    public WebSocketRoute name(String handlerName) {
        this.name = handlerName;
        return this;
    }

    public String path() {
        return path;
    }

    public String name() {
        return name;
    }

    /** Whether this is a listener (one call per message) rather than a handler (one call per connection). */
    public boolean isListener() {
        return listener;
    }

    /** How a stream is sent; the default for handlers and listeners. */
    dev.rigel.internal.assembly.WebSocketDefinition.Streaming streaming() {
        return new dev.rigel.internal.assembly.WebSocketDefinition.Streaming(
                stream, allowDataDiscard, interruptOnDisconnect);
    }

    /** Introspects the handler (or the listener's onReceive). Called once when the app is built. */
    CallableSpec callable() {
        return spec.get();
    }

    /** Introspects the onAccept callback, or null. Called once when the app is built. */
    CallableSpec onAcceptCallable() {
        return onAccept == null ? null : onAccept.get();
    }

    /** Introspects the onDisconnect callback, or null. Called once when the app is built. */
    CallableSpec onDisconnectCallable() {
        return onDisconnect == null ? null : onDisconnect.get();
    }
}
