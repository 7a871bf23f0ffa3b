package dev.rigel.http;

import dev.rigel.protocol.Headers;
import dev.rigel.protocol.Scope;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;

/**
 * What an HTTP {@link Request} and a {@link dev.rigel.websocket.WebSocketConnection} have in
 * common (Litestar's {@code ASGIConnection}): where the client connected to and what its request
 * head said. A dependency that only needs these can take an {@code HttpConnection} and serve both
 * HTTP routes and WebSocket routes.
 */
public interface HttpConnection {

    /** The underlying protocol scope (per-request state, matched handler, raw values). */
    Scope scope();

    /** The decoded path, without the query string. */
    default String path() {
        return scope().path();
    }

    default Headers headers() {
        return scope().headers();
    }

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
    default Map<String, Object> pathParams() {
        return scope().pathParams();
    }

    /** Per-connection values shared between middleware, dependencies and the handler. */
    default Map<String, Object> state() {
        return scope().state();
    }

    /** Application-wide state. */
    default State appState() {
        return State.of(scope());
    }

    /** The client's address, if the server knows it. */
    default Optional<InetSocketAddress> client() {
        return Optional.ofNullable(scope().client());
    }

    /** The matched route handler. */
    default HandlerInfo handler() {
        return HandlerInfo.of(scope());
    }

    /**
     * The authenticated caller ({@link AuthenticationResult#user()}), as the type the app's
     * authentication produces. Fails with {@link dev.rigel.exceptions.ImproperlyConfiguredException}
     * when no authentication middleware ran for this request: a route asking for its caller needs
     * one on its layers (a handler parameter named {@code user} is checked at startup instead).
     */
    @SuppressWarnings("unchecked")
    default <U> U user() {
        return (U) authentication().user();
    }

    /** What authenticated the caller ({@link AuthenticationResult#auth()}; may be null); fails as {@link #user()}. */
    @SuppressWarnings("unchecked")
    default <A> A auth() {
        return (A) authentication().auth();
    }

    /** The request's authentication; fails as {@link #user()} when there is none. */
    private AuthenticationResult authentication() {
        return AuthenticationResult.of(scope())
                .orElseThrow(
                        () -> new dev.rigel.exceptions.ImproperlyConfiguredException(
                                "The caller of " + scope().method() + " " + path()
                                        + " was asked for, but no authentication"
                                        + " middleware covers this request: add one (a subclass of"
                                        + " AbstractAuthenticationMiddleware) to a layer of the route, or remove its exclusion"));
    }
}
