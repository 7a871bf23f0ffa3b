package dev.rigel.internal.assembly;

import dev.rigel.internal.invoke.CallableSpec;
import dev.rigel.internal.layers.LayerSettings;
import java.util.List;

/**
 * One WebSocket route as declared ({@code @WebSocket}, {@code @WebSocketListener} or a
 * {@code WebSocketRoute}), before layers are merged. For a handler, {@code callable} runs once
 * per connection; for a listener it runs once per message, and {@code onAccept} /
 * {@code onDisconnect} (each may be null) around the connection.
 */
public record WebSocketDefinition(
        String name,
        List<String> paths,
        boolean listener,
        CallableSpec callable,
        CallableSpec onAccept,
        CallableSpec onDisconnect,
        LayerSettings layer) {}
