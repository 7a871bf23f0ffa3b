package dev.rigel;

import java.lang.reflect.Type;

/**
 * The HTTP request as handlers, dependencies, guards and hooks see it. Inject it by naming a
 * parameter {@code request} (or giving it this type). On a WebSocket route it is the handshake
 * request, without a body.
 */
public interface Request extends HttpConnection {

    String method();

    /** The raw body, read fully on first call (subject to the route's body size limit). */
    byte[] body();

    /** The body decoded as UTF-8 text. */
    String text();

    /** The body decoded from JSON into {@code type}; malformed input raises a 400. */
    <T> T json(Class<T> type);

    /** The body decoded from JSON into a generic {@code type}; malformed input raises a 400. */
    <T> T json(Type type);
}
