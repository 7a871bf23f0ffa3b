package dev.rigel.internal.assembly;

import dev.rigel.internal.invoke.CallableSpec;
import dev.rigel.internal.layers.LayerSettings;
import java.util.List;

/**
 * One WebSocket route as declared ({@code @WebSocket}, {@code @WebSocketListener} or a
 * {@code WebSocketRoute}), before layers are merged. For a handler, {@code callable} runs once
 * per connection; for a listener it runs once per message, and {@code onAccept} /
 * {@code onDisconnect} (each may be null) around the connection. {@code streaming} holds a
 * handler's settings for sending what it returns (a handler streams when it returns an
 * {@code Iterator}, {@code Iterable} or {@code Stream}, or was declared as a stream).
 */
public record WebSocketDefinition(
        String name,
        List<String> paths,
        boolean listener,
        CallableSpec callable,
        CallableSpec onAccept,
        CallableSpec onDisconnect,
        LayerSettings layer,
        Streaming streaming) {

    /**
     * How a handler's returned stream is sent.
     *
     * @param declared the route was declared as a stream ({@code WebSocketRoute.stream}), whatever
     *     its (erased) return type says
     * @param allowDataDiscard messages from the client are dropped instead of closing with 1003
     * @param interruptOnDisconnect the producing thread is interrupted when the client leaves
     */
    public record Streaming(boolean declared, boolean allowDataDiscard, boolean interruptOnDisconnect) {
        public static final Streaming DEFAULT = new Streaming(false, false, false);

        /** Whether any setting differs from a plain handler's. */
        boolean configured() {
            return declared || allowDataDiscard || interruptOnDisconnect;
        }
    }
}
