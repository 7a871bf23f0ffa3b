package dev.rigel;

import dev.rigel.function.Fn0;
import dev.rigel.function.Fn1;
import dev.rigel.function.Fn2;
import dev.rigel.function.Fn3;
import dev.rigel.function.Fn4;
import dev.rigel.function.Fn5;
import dev.rigel.function.Fn6;
import dev.rigel.internal.invoke.CallableSpec;
import dev.rigel.internal.invoke.Callables;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A route handler written as a lambda or method reference, for small apps and one-off endpoints:
 *
 * <pre>{@code
 * App app = App.builder()
 *     .routeHandlers(
 *         Route.get("/health", () -> Map.of("status", "ok")),
 *         Route.get("/users/{user_id:int}", users::find))   // parameters bound by name
 *     .build();
 * }</pre>
 *
 * <p>Parameters bind by name, like an annotated method's: {@code (Long userId, Database db) -> …}.
 * A lambda's parameter names come from the class file's debug information (Maven compiles with
 * it by default); its generic parameter types do not survive compilation, so a parameter such as
 * {@code List<Integer>} needs a method reference or an annotated method. A route is also a
 * layer: it takes dependencies, guards, middleware and the rest.
 */
public final class Route extends LayerBuilder<Route> {

    private final String path;
    private final Set<String> methods;
    private final Supplier<CallableSpec> spec;
    private int status;
    private String mediaType;
    private String name;
    private boolean nonBlocking;
    private int cache = dev.rigel.cache.Cache.NONE;
    private dev.rigel.cache.CacheKeyBuilder cacheKeyBuilder;

    private Route(String path, Set<String> methods, Supplier<CallableSpec> spec) {
        super("handler " + String.join("/", methods) + " " + path);
        if (methods.isEmpty()) {
            throw new IllegalArgumentException("Route " + path + " needs at least one HTTP method");
        }
        this.path = path;
        Set<String> upper = new LinkedHashSet<>();
        methods.forEach(method -> upper.add(method.toUpperCase(Locale.ROOT)));
        this.methods = Set.copyOf(upper);
        this.spec = spec;
    }

    /** A GET handler for {@code path}. */
    public static <R> Route get(String path, Fn0<R> handler) {
        return new Route(path, Set.of("GET"), () -> Callables.fromLambda(handler, 0, args -> handler.apply()));
    }

    @SuppressWarnings("unchecked")
    public static <A, R> Route get(String path, Fn1<A, R> handler) {
        return new Route(
                path, Set.of("GET"), () -> Callables.fromLambda(handler, 1, args -> handler.apply((A) args[0])));
    }

    @SuppressWarnings("unchecked")
    public static <A, B, R> Route get(String path, Fn2<A, B, R> handler) {
        return new Route(
                path,
                Set.of("GET"),
                () -> Callables.fromLambda(handler, 2, args -> handler.apply((A) args[0], (B) args[1])));
    }

    @SuppressWarnings("unchecked")
    public static <A, B, C, R> Route get(String path, Fn3<A, B, C, R> handler) {
        return new Route(
                path,
                Set.of("GET"),
                () -> Callables.fromLambda(handler, 3, args -> handler.apply((A) args[0], (B) args[1], (C) args[2])));
    }

    @SuppressWarnings("unchecked")
    public static <A, B, C, D, R> Route get(String path, Fn4<A, B, C, D, R> handler) {
        return new Route(
                path,
                Set.of("GET"),
                () -> Callables.fromLambda(
                        handler, 4, args -> handler.apply((A) args[0], (B) args[1], (C) args[2], (D) args[3])));
    }

    @SuppressWarnings("unchecked")
    public static <A, B, C, D, E, R> Route get(String path, Fn5<A, B, C, D, E, R> handler) {
        return new Route(
                path,
                Set.of("GET"),
                () -> Callables.fromLambda(
                        handler,
                        5,
                        args -> handler.apply((A) args[0], (B) args[1], (C) args[2], (D) args[3], (E) args[4])));
    }

    @SuppressWarnings("unchecked")
    public static <A, B, C, D, E, F, R> Route get(String path, Fn6<A, B, C, D, E, F, R> handler) {
        return new Route(
                path,
                Set.of("GET"),
                () -> Callables.fromLambda(
                        handler,
                        6,
                        args -> handler.apply(
                                (A) args[0], (B) args[1], (C) args[2], (D) args[3], (E) args[4], (F) args[5])));
    }
    /** A POST handler for {@code path}. */
    public static <R> Route post(String path, Fn0<R> handler) {
        return new Route(path, Set.of("POST"), () -> Callables.fromLambda(handler, 0, args -> handler.apply()));
    }

    @SuppressWarnings("unchecked")
    public static <A, R> Route post(String path, Fn1<A, R> handler) {
        return new Route(
                path, Set.of("POST"), () -> Callables.fromLambda(handler, 1, args -> handler.apply((A) args[0])));
    }

    @SuppressWarnings("unchecked")
    public static <A, B, R> Route post(String path, Fn2<A, B, R> handler) {
        return new Route(
                path,
                Set.of("POST"),
                () -> Callables.fromLambda(handler, 2, args -> handler.apply((A) args[0], (B) args[1])));
    }

    @SuppressWarnings("unchecked")
    public static <A, B, C, R> Route post(String path, Fn3<A, B, C, R> handler) {
        return new Route(
                path,
                Set.of("POST"),
                () -> Callables.fromLambda(handler, 3, args -> handler.apply((A) args[0], (B) args[1], (C) args[2])));
    }

    @SuppressWarnings("unchecked")
    public static <A, B, C, D, R> Route post(String path, Fn4<A, B, C, D, R> handler) {
        return new Route(
                path,
                Set.of("POST"),
                () -> Callables.fromLambda(
                        handler, 4, args -> handler.apply((A) args[0], (B) args[1], (C) args[2], (D) args[3])));
    }

    @SuppressWarnings("unchecked")
    public static <A, B, C, D, E, R> Route post(String path, Fn5<A, B, C, D, E, R> handler) {
        return new Route(
                path,
                Set.of("POST"),
                () -> Callables.fromLambda(
                        handler,
                        5,
                        args -> handler.apply((A) args[0], (B) args[1], (C) args[2], (D) args[3], (E) args[4])));
    }

    @SuppressWarnings("unchecked")
    public static <A, B, C, D, E, F, R> Route post(String path, Fn6<A, B, C, D, E, F, R> handler) {
        return new Route(
                path,
                Set.of("POST"),
                () -> Callables.fromLambda(
                        handler,
                        6,
                        args -> handler.apply(
                                (A) args[0], (B) args[1], (C) args[2], (D) args[3], (E) args[4], (F) args[5])));
    }
    /** A PUT handler for {@code path}. */
    public static <R> Route put(String path, Fn0<R> handler) {
        return new Route(path, Set.of("PUT"), () -> Callables.fromLambda(handler, 0, args -> handler.apply()));
    }

    @SuppressWarnings("unchecked")
    public static <A, R> Route put(String path, Fn1<A, R> handler) {
        return new Route(
                path, Set.of("PUT"), () -> Callables.fromLambda(handler, 1, args -> handler.apply((A) args[0])));
    }

    @SuppressWarnings("unchecked")
    public static <A, B, R> Route put(String path, Fn2<A, B, R> handler) {
        return new Route(
                path,
                Set.of("PUT"),
                () -> Callables.fromLambda(handler, 2, args -> handler.apply((A) args[0], (B) args[1])));
    }

    @SuppressWarnings("unchecked")
    public static <A, B, C, R> Route put(String path, Fn3<A, B, C, R> handler) {
        return new Route(
                path,
                Set.of("PUT"),
                () -> Callables.fromLambda(handler, 3, args -> handler.apply((A) args[0], (B) args[1], (C) args[2])));
    }

    @SuppressWarnings("unchecked")
    public static <A, B, C, D, R> Route put(String path, Fn4<A, B, C, D, R> handler) {
        return new Route(
                path,
                Set.of("PUT"),
                () -> Callables.fromLambda(
                        handler, 4, args -> handler.apply((A) args[0], (B) args[1], (C) args[2], (D) args[3])));
    }

    @SuppressWarnings("unchecked")
    public static <A, B, C, D, E, R> Route put(String path, Fn5<A, B, C, D, E, R> handler) {
        return new Route(
                path,
                Set.of("PUT"),
                () -> Callables.fromLambda(
                        handler,
                        5,
                        args -> handler.apply((A) args[0], (B) args[1], (C) args[2], (D) args[3], (E) args[4])));
    }

    @SuppressWarnings("unchecked")
    public static <A, B, C, D, E, F, R> Route put(String path, Fn6<A, B, C, D, E, F, R> handler) {
        return new Route(
                path,
                Set.of("PUT"),
                () -> Callables.fromLambda(
                        handler,
                        6,
                        args -> handler.apply(
                                (A) args[0], (B) args[1], (C) args[2], (D) args[3], (E) args[4], (F) args[5])));
    }
    /** A PATCH handler for {@code path}. */
    public static <R> Route patch(String path, Fn0<R> handler) {
        return new Route(path, Set.of("PATCH"), () -> Callables.fromLambda(handler, 0, args -> handler.apply()));
    }

    @SuppressWarnings("unchecked")
    public static <A, R> Route patch(String path, Fn1<A, R> handler) {
        return new Route(
                path, Set.of("PATCH"), () -> Callables.fromLambda(handler, 1, args -> handler.apply((A) args[0])));
    }

    @SuppressWarnings("unchecked")
    public static <A, B, R> Route patch(String path, Fn2<A, B, R> handler) {
        return new Route(
                path,
                Set.of("PATCH"),
                () -> Callables.fromLambda(handler, 2, args -> handler.apply((A) args[0], (B) args[1])));
    }

    @SuppressWarnings("unchecked")
    public static <A, B, C, R> Route patch(String path, Fn3<A, B, C, R> handler) {
        return new Route(
                path,
                Set.of("PATCH"),
                () -> Callables.fromLambda(handler, 3, args -> handler.apply((A) args[0], (B) args[1], (C) args[2])));
    }

    @SuppressWarnings("unchecked")
    public static <A, B, C, D, R> Route patch(String path, Fn4<A, B, C, D, R> handler) {
        return new Route(
                path,
                Set.of("PATCH"),
                () -> Callables.fromLambda(
                        handler, 4, args -> handler.apply((A) args[0], (B) args[1], (C) args[2], (D) args[3])));
    }

    @SuppressWarnings("unchecked")
    public static <A, B, C, D, E, R> Route patch(String path, Fn5<A, B, C, D, E, R> handler) {
        return new Route(
                path,
                Set.of("PATCH"),
                () -> Callables.fromLambda(
                        handler,
                        5,
                        args -> handler.apply((A) args[0], (B) args[1], (C) args[2], (D) args[3], (E) args[4])));
    }

    @SuppressWarnings("unchecked")
    public static <A, B, C, D, E, F, R> Route patch(String path, Fn6<A, B, C, D, E, F, R> handler) {
        return new Route(
                path,
                Set.of("PATCH"),
                () -> Callables.fromLambda(
                        handler,
                        6,
                        args -> handler.apply(
                                (A) args[0], (B) args[1], (C) args[2], (D) args[3], (E) args[4], (F) args[5])));
    }
    /** A DELETE handler for {@code path}. */
    public static <R> Route delete(String path, Fn0<R> handler) {
        return new Route(path, Set.of("DELETE"), () -> Callables.fromLambda(handler, 0, args -> handler.apply()));
    }

    @SuppressWarnings("unchecked")
    public static <A, R> Route delete(String path, Fn1<A, R> handler) {
        return new Route(
                path, Set.of("DELETE"), () -> Callables.fromLambda(handler, 1, args -> handler.apply((A) args[0])));
    }

    @SuppressWarnings("unchecked")
    public static <A, B, R> Route delete(String path, Fn2<A, B, R> handler) {
        return new Route(
                path,
                Set.of("DELETE"),
                () -> Callables.fromLambda(handler, 2, args -> handler.apply((A) args[0], (B) args[1])));
    }

    @SuppressWarnings("unchecked")
    public static <A, B, C, R> Route delete(String path, Fn3<A, B, C, R> handler) {
        return new Route(
                path,
                Set.of("DELETE"),
                () -> Callables.fromLambda(handler, 3, args -> handler.apply((A) args[0], (B) args[1], (C) args[2])));
    }

    @SuppressWarnings("unchecked")
    public static <A, B, C, D, R> Route delete(String path, Fn4<A, B, C, D, R> handler) {
        return new Route(
                path,
                Set.of("DELETE"),
                () -> Callables.fromLambda(
                        handler, 4, args -> handler.apply((A) args[0], (B) args[1], (C) args[2], (D) args[3])));
    }

    @SuppressWarnings("unchecked")
    public static <A, B, C, D, E, R> Route delete(String path, Fn5<A, B, C, D, E, R> handler) {
        return new Route(
                path,
                Set.of("DELETE"),
                () -> Callables.fromLambda(
                        handler,
                        5,
                        args -> handler.apply((A) args[0], (B) args[1], (C) args[2], (D) args[3], (E) args[4])));
    }

    @SuppressWarnings("unchecked")
    public static <A, B, C, D, E, F, R> Route delete(String path, Fn6<A, B, C, D, E, F, R> handler) {
        return new Route(
                path,
                Set.of("DELETE"),
                () -> Callables.fromLambda(
                        handler,
                        6,
                        args -> handler.apply(
                                (A) args[0], (B) args[1], (C) args[2], (D) args[3], (E) args[4], (F) args[5])));
    }
    /** A HEAD handler for {@code path}. */
    public static <R> Route head(String path, Fn0<R> handler) {
        return new Route(path, Set.of("HEAD"), () -> Callables.fromLambda(handler, 0, args -> handler.apply()));
    }

    @SuppressWarnings("unchecked")
    public static <A, R> Route head(String path, Fn1<A, R> handler) {
        return new Route(
                path, Set.of("HEAD"), () -> Callables.fromLambda(handler, 1, args -> handler.apply((A) args[0])));
    }

    @SuppressWarnings("unchecked")
    public static <A, B, R> Route head(String path, Fn2<A, B, R> handler) {
        return new Route(
                path,
                Set.of("HEAD"),
                () -> Callables.fromLambda(handler, 2, args -> handler.apply((A) args[0], (B) args[1])));
    }

    @SuppressWarnings("unchecked")
    public static <A, B, C, R> Route head(String path, Fn3<A, B, C, R> handler) {
        return new Route(
                path,
                Set.of("HEAD"),
                () -> Callables.fromLambda(handler, 3, args -> handler.apply((A) args[0], (B) args[1], (C) args[2])));
    }

    @SuppressWarnings("unchecked")
    public static <A, B, C, D, R> Route head(String path, Fn4<A, B, C, D, R> handler) {
        return new Route(
                path,
                Set.of("HEAD"),
                () -> Callables.fromLambda(
                        handler, 4, args -> handler.apply((A) args[0], (B) args[1], (C) args[2], (D) args[3])));
    }

    @SuppressWarnings("unchecked")
    public static <A, B, C, D, E, R> Route head(String path, Fn5<A, B, C, D, E, R> handler) {
        return new Route(
                path,
                Set.of("HEAD"),
                () -> Callables.fromLambda(
                        handler,
                        5,
                        args -> handler.apply((A) args[0], (B) args[1], (C) args[2], (D) args[3], (E) args[4])));
    }

    @SuppressWarnings("unchecked")
    public static <A, B, C, D, E, F, R> Route head(String path, Fn6<A, B, C, D, E, F, R> handler) {
        return new Route(
                path,
                Set.of("HEAD"),
                () -> Callables.fromLambda(
                        handler,
                        6,
                        args -> handler.apply(
                                (A) args[0], (B) args[1], (C) args[2], (D) args[3], (E) args[4], (F) args[5])));
    }

    /** A handler for several methods, e.g. {@code Route.route(Set.of("GET", "POST"), "/items", …)}. */
    public static <R> Route route(Set<String> methods, String path, Fn0<R> handler) {
        return new Route(path, methods, () -> Callables.fromLambda(handler, 0, args -> handler.apply()));
    }

    @SuppressWarnings("unchecked")
    public static <A, R> Route route(Set<String> methods, String path, Fn1<A, R> handler) {
        return new Route(path, methods, () -> Callables.fromLambda(handler, 1, args -> handler.apply((A) args[0])));
    }

    @SuppressWarnings("unchecked")
    public static <A, B, R> Route route(Set<String> methods, String path, Fn2<A, B, R> handler) {
        return new Route(
                path, methods, () -> Callables.fromLambda(handler, 2, args -> handler.apply((A) args[0], (B) args[1])));
    }

    @SuppressWarnings("unchecked")
    public static <A, B, C, R> Route route(Set<String> methods, String path, Fn3<A, B, C, R> handler) {
        return new Route(
                path,
                methods,
                () -> Callables.fromLambda(handler, 3, args -> handler.apply((A) args[0], (B) args[1], (C) args[2])));
    }

    @SuppressWarnings("unchecked")
    public static <A, B, C, D, R> Route route(Set<String> methods, String path, Fn4<A, B, C, D, R> handler) {
        return new Route(
                path,
                methods,
                () -> Callables.fromLambda(
                        handler, 4, args -> handler.apply((A) args[0], (B) args[1], (C) args[2], (D) args[3])));
    }

    @SuppressWarnings("unchecked")
    public static <A, B, C, D, E, R> Route route(Set<String> methods, String path, Fn5<A, B, C, D, E, R> handler) {
        return new Route(
                path,
                methods,
                () -> Callables.fromLambda(
                        handler,
                        5,
                        args -> handler.apply((A) args[0], (B) args[1], (C) args[2], (D) args[3], (E) args[4])));
    }

    @SuppressWarnings("unchecked")
    public static <A, B, C, D, E, F, R> Route route(
            Set<String> methods, String path, Fn6<A, B, C, D, E, F, R> handler) {
        return new Route(
                path,
                methods,
                () -> Callables.fromLambda(
                        handler,
                        6,
                        args -> handler.apply(
                                (A) args[0], (B) args[1], (C) args[2], (D) args[3], (E) args[4], (F) args[5])));
    }

    /** The response status when the handler does not choose one (default: POST 201, DELETE 204, else 200). */
    public Route status(int statusCode) {
        this.status = statusCode;
        return this;
    }

    public Route mediaType(String type) {
        this.mediaType = type;
        return this;
    }

    /** The route's name, unique in the app, for {@code request.urlFor(name, params)} and templates' {@code url_for}. */
    public Route name(String handlerName) {
        this.name = handlerName;
        return this;
    }

    /** The {@link #opt()} key under which {@link #requestExample(String)} keeps its JSON text. */
    public static final String REQUEST_EXAMPLE_OPT = "openapi.requestExample";

    /** The {@link #opt()} key under which {@link #responseExample(String)} keeps its JSON text. */
    public static final String RESPONSE_EXAMPLE_OPT = "openapi.responseExample";

    /**
     * An example request body for the OpenAPI document, as JSON text: the lambda route's
     * {@code @Operation(requestExample = …)}. Kept in the route's {@link #opt()} and parsed when
     * the document is built (malformed JSON stops the app from starting).
     */
    public Route requestExample(String json) {
        return opt(REQUEST_EXAMPLE_OPT, java.util.Objects.requireNonNull(json, "requestExample"));
    }

    /** An example success response body for the OpenAPI document, as JSON text (see {@link #requestExample}). */
    public Route responseExample(String json) {
        return opt(RESPONSE_EXAMPLE_OPT, java.util.Objects.requireNonNull(json, "responseExample"));
    }

    /**
     * Declares that the handler never blocks, so it may run on the server's event loop. A handler
     * that returns a {@link java.util.concurrent.CompletionStage} gives the loop back at once and
     * is answered with the stage's value (or its failure) when it completes.
     */
    public Route nonBlocking() {
        this.nonBlocking = true;
        return this;
    }

    /**
     * Keeps this handler's responses in the app's response cache for {@code seconds}, or
     * {@link dev.rigel.cache.Cache#DEFAULT} (the app's default expiry) or
     * {@link dev.rigel.cache.Cache#FOREVER}; see {@link dev.rigel.cache.ResponseCacheConfig}.
     */
    public Route cache(int seconds) {
        this.cache = dev.rigel.cache.Cache.check(seconds, "Route " + path);
        return this;
    }

    public Route cache(java.time.Duration expiry) {
        long seconds = expiry.toSeconds();
        if (seconds <= 0 || seconds > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    "Route " + path + ": cache expiry must be at least a second, got " + expiry);
        }
        return cache((int) seconds);
    }

    /** The response-cache option ({@link dev.rigel.cache.Cache}); 0 when not cached. */
    public int cache() {
        return cache;
    }

    /**
     * This handler's own response-cache key (Litestar's {@code cache_key_builder} on a route
     * handler), instead of the app's {@link dev.rigel.cache.ResponseCacheConfig#keyBuilder()}.
     * Needs {@link #cache(int)}: a key builder on a route that is not cached fails the build.
     */
    public Route cacheKeyBuilder(dev.rigel.cache.CacheKeyBuilder builder) {
        this.cacheKeyBuilder = java.util.Objects.requireNonNull(builder, "cacheKeyBuilder");
        return this;
    }

    /** The handler's own cache key builder; null when the app's applies. */
    public dev.rigel.cache.CacheKeyBuilder cacheKeyBuilder() {
        return cacheKeyBuilder;
    }

    public String path() {
        return path;
    }

    public Set<String> methods() {
        return methods;
    }

    /** Introspects the handler; called once when the app is built. */
    CallableSpec callable() {
        return spec.get();
    }

    public int status() {
        return status;
    }

    public String mediaType() {
        return mediaType;
    }

    public String name() {
        return name;
    }

    public boolean isNonBlocking() {
        return nonBlocking;
    }
}
