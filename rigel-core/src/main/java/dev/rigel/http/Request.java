package dev.rigel.http;

import java.lang.reflect.Type;
import java.util.Map;
import java.util.Optional;

/**
 * The HTTP request as handlers, dependencies, guards and hooks see it. Inject it by naming a
 * parameter {@code request} (or giving it this type). On a WebSocket route it is the handshake
 * request, without a body. The accessors it shares with a WebSocket connection (path, headers,
 * query, cookies, path parameters, state, client, handler) come from {@link HttpConnection}.
 */
public interface Request extends HttpConnection {

    String method();

    /** The raw body, read fully on first call (subject to the route's body size limit). */
    byte[] body();

    /**
     * The body as it arrives, for handlers that hash, store or forward a large upload without
     * holding it (Litestar's {@code request.stream()}); a handler parameter {@code InputStream body}
     * is the same stream. Chunks are pulled from the server as the stream is read, and the server
     * reads no more from the client than it can hand over (backpressure). The route's body limit
     * holds on the running total: reading past it throws {@link
     * dev.rigel.exceptions.RequestEntityTooLargeException} (a 413 when it escapes the handler). A
     * client that leaves mid-body makes {@code read} throw a {@link dev.rigel.exceptions.ClientException}.
     *
     * <p>The body can be read once: calling this twice, or after {@link #body()}, {@link #text()},
     * {@code json(…)} or {@link #form()} read it (or calling those after it), throws an {@link
     * IllegalStateException}, a bug in the handler rather than the client's.
     */
    default java.io.InputStream stream() {
        throw new UnsupportedOperationException(getClass().getName() + " has no request body to stream");
    }

    /** The body decoded as UTF-8 text. */
    String text();

    /**
     * The body decoded from JSON into {@code type}. A body not declared as JSON
     * ({@code application/json} or a {@code +json} type) is a 415; malformed JSON, ill-formed
     * UTF-8 or a JSON {@code null} is a 400.
     */
    <T> T json(Class<T> type);

    /**
     * The body decoded as a form ({@code application/x-www-form-urlencoded} or
     * {@code multipart/form-data}), read on first call. Another content type is a 415, a malformed
     * body or too many parts a 400, a part over its size limit a 413 (see
     * {@link dev.rigel.form.FormConfig}). Uploaded files spooled to disk are deleted after the
     * response. Requests without an HTTP body to read (a hand-made test double) have no form.
     */
    default dev.rigel.form.FormData form() {
        throw new UnsupportedOperationException(getClass().getName() + " has no request body to read a form from");
    }

    /** The body decoded from JSON into a generic {@code type}; refused as {@link #json(Class)} says. */
    <T> T json(Type type);

    /**
     * Content negotiation: which of {@code mediaTypes} (the types the handler can produce, in its
     * order of preference) the client's {@code Accept} header prefers, by q-value and specificity
     * (RFC 9110 §12.5.1). Without an {@code Accept} header the first is chosen; empty when the
     * client accepts none of them (a handler typically answers 406 then).
     *
     * <pre>{@code
     * return request.accepts("text/html", "application/json").orElse("application/json")
     *         .equals("text/html") ? Template.of("user.html", Map.of("user", user)) : user;
     * }</pre>
     */
    default Optional<String> accepts(String... mediaTypes) {
        return dev.rigel.internal.http.AcceptHeader.bestMatch(headers().getAll("accept"), mediaTypes);
    }

    /**
     * The absolute URL of the route named {@code routeName} (its {@code name} on {@code @Get} or
     * {@code Route}), with {@code pathParams} filled in ({@code user_id} or {@code userId}), on the
     * scheme and host this request came in on.
     *
     * @throws dev.rigel.exceptions.NoRouteMatchFoundException for an unknown name, or parameters
     *     that are missing, extra or of the wrong type
     */
    default String urlFor(String routeName, Map<String, ?> pathParams) {
        return urlFor(routeName, pathParams, Map.of());
    }

    /**
     * As {@link #urlFor(String, Map)}, with {@code query} appended (an iterable value repeats its
     * key). Requests that do not belong to an app's route (a hand-made test double) cannot build URLs.
     */
    default String urlFor(String routeName, Map<String, ?> pathParams, Map<String, ?> query) {
        throw new UnsupportedOperationException(getClass().getName() + " does not know the app's routes");
    }
}
