package dev.rigel;

import dev.rigel.protocol.Headers;
import dev.rigel.protocol.Scope;
import java.lang.reflect.Type;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;

/**
 * The HTTP request as handlers, dependencies, guards and hooks see it. Inject it by naming a
 * parameter {@code request} (or giving it this type). On a WebSocket route it is the handshake
 * request, without a body. The accessors it shares with a WebSocket connection come from
 * {@link HttpConnection} (they are repeated here unchanged).
 */
public interface Request extends HttpConnection {

    /** The underlying protocol scope (per-request state, matched handler, raw values). */
    Scope scope();

    String method();

    /** The decoded path, without the query string. */
    String path();

    Headers headers();

    /** The first value of a header, if present. */
    default Optional<String> header(String name) {
        return Optional.ofNullable(headers().get(name));
    }

    /** Parsed query string; multi-valued. */
    QueryParams query();

    /** Request cookies by name (the first value wins when a name repeats). */
    Map<String, String> cookies();

    default Optional<String> cookie(String name) {
        return Optional.ofNullable(cookies().get(name));
    }

    /** Converted path parameters of the matched route. */
    Map<String, Object> pathParams();

    /** Per-request values shared between middleware, hooks, dependencies and the handler. */
    Map<String, Object> state();

    /** Application-wide state. */
    State appState();

    /** The raw body, read fully on first call (subject to the route's body size limit). */
    byte[] body();

    /** The body decoded as UTF-8 text. */
    String text();

    /** The body decoded from JSON into {@code type}; malformed input raises a 400. */
    <T> T json(Class<T> type);

    /** The body decoded from JSON into a generic {@code type}; malformed input raises a 400. */
    <T> T json(Type type);

    /** The client's address, if the server knows it. */
    Optional<InetSocketAddress> client();

    /** The matched route handler. */
    HandlerInfo handler();
}
