package dev.rigel.protocol;

import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

/**
 * Everything known about one exchange before its body is read: what the server saw on the wire
 * plus a mutable per-request {@link #state()} map. After routing, the framework records the
 * matched route and its converted path parameters here, so middleware and hooks can see them.
 *
 * <p>{@link #path()} is percent-decoded; {@link #rawPath()} is as received (no query string).
 */
public final class Scope {

    private final ScopeType type;
    private final String method;
    private final String path;
    private final String rawPath;
    private final String queryString;
    private final Headers headers;
    private final InetSocketAddress client;
    private final InetSocketAddress server;
    private final String scheme;
    private final String httpVersion;
    private final String rootPath;
    private Map<String, Object> state;
    private Object route;
    private Map<String, Object> pathParams = Map.of();
    private Object routeData;
    private Object appState;
    /**
     * Null: the exchange ends when call returns; {@link #FINISH_ALLOWED}: it may finish later; a
     * stage: it does, when the stage completes. One field, so a scope costs no more memory.
     */
    private Object finish;

    private static final Object FINISH_ALLOWED = new Object();

    private Scope(Builder builder) {
        this.type = Objects.requireNonNull(builder.type, "type");
        this.method = Objects.requireNonNull(builder.method, "method");
        this.rawPath = Objects.requireNonNull(builder.rawPath, "rawPath");
        this.path = builder.path != null ? builder.path : PathDecoder.decode(builder.rawPath);
        this.queryString = builder.queryString == null ? "" : builder.queryString;
        this.headers = builder.headers == null ? new Headers() : builder.headers;
        this.client = builder.client;
        this.server = builder.server;
        this.scheme = builder.scheme == null ? (type == ScopeType.HTTP ? "http" : "ws") : builder.scheme;
        this.httpVersion = builder.httpVersion == null ? "1.1" : builder.httpVersion;
        this.rootPath = builder.rootPath == null ? "" : builder.rootPath;
    }

    public static Builder http(String method, String rawPath) {
        return new Builder(ScopeType.HTTP, method, rawPath);
    }

    public static Builder websocket(String rawPath) {
        return new Builder(ScopeType.WEBSOCKET, "GET", rawPath);
    }

    public ScopeType type() {
        return type;
    }

    /** Upper-case request method, e.g. {@code GET}. WebSocket scopes report {@code GET}. */
    public String method() {
        return method;
    }

    public String path() {
        return path;
    }

    public String rawPath() {
        return rawPath;
    }

    /** The raw query string without the leading '?', or "" when there is none. */
    public String queryString() {
        return queryString;
    }

    public Headers headers() {
        return headers;
    }

    /** The peer's address, or null when unknown (e.g. in-process tests that set none). */
    public InetSocketAddress client() {
        return client;
    }

    public InetSocketAddress server() {
        return server;
    }

    /** {@code http}, {@code https}, {@code ws} or {@code wss}. */
    public String scheme() {
        return scheme;
    }

    /** {@code 1.0}, {@code 1.1} or {@code 2}. */
    public String httpVersion() {
        return httpVersion;
    }

    /**
     * The raw path this exchange's application is mounted at (ASGI's {@code root_path}): empty for
     * the application a server calls; for one mounted under {@code /legacy}, {@code /legacy}, while
     * {@link #rawPath()} is the rest of the request's path.
     */
    public String rootPath() {
        return rootPath;
    }

    /**
     * This exchange as an application mounted at {@code mountRawPath} sees it: the same request,
     * with {@code restRawPath} (the part of {@link #rawPath()} after the mount point, starting
     * with {@code /}) as its path and the mount point added to {@link #rootPath()}. The state map is
     * shared, so what outer middleware learned (the authenticated user) reaches the mounted
     * application; the route and application state are its own.
     */
    public Scope mountedAt(String mountRawPath, String restRawPath) {
        Scope mounted = new Builder(type, method, restRawPath)
                .queryString(queryString)
                .headers(headers)
                .client(client)
                .server(server)
                .scheme(scheme)
                .httpVersion(httpVersion)
                .rootPath(rootPath + mountRawPath)
                .build();
        mounted.state = state();
        return mounted;
    }

    /** Per-request values shared by middleware, hooks, dependencies and the handler. */
    public Map<String, Object> state() {
        Map<String, Object> current = state;
        if (current == null) {
            current = new HashMap<>();
            state = current;
        }
        return current;
    }

    /**
     * The matched route, as the application describes it to middleware (Rigel's apps put a
     * {@code dev.rigel.http.HandlerInfo} here; read it with {@code HandlerInfo.of(scope)}); null
     * before routing or when nothing matched. Opaque to servers, so this package names nothing of
     * the layers above it.
     */
    public Object route() {
        return route;
    }

    /** Converted path parameters of the matched route (empty before routing). */
    public Map<String, Object> pathParams() {
        return pathParams;
    }

    /** Recorded by the router once a route matched. */
    public void setRoute(Object route, Map<String, Object> pathParams) {
        this.route = route;
        this.pathParams = pathParams == null ? Map.of() : pathParams;
    }

    /**
     * Framework-private slot the application uses to remember its routing result between
     * {@link Application#runsInline} and {@link Application#call}, so a request is routed once.
     */
    public Object routeData() {
        return routeData;
    }

    public void setRouteData(Object routeData) {
        this.routeData = routeData;
    }

    /**
     * The application-wide state of the application serving this scope (as ASGI's {@code
     * scope["app"]}: Rigel's apps put their {@code dev.rigel.http.State} here, read it with {@code
     * State.of(scope)}), so middleware reach it; null until the application has seen the scope.
     * Opaque to servers.
     */
    public Object appState() {
        return appState;
    }

    public void setAppState(Object appState) {
        this.appState = appState;
    }

    /**
     * Servers: the exchange of the coming {@link Application#call} may go on after the call
     * returns, until the stage the application hands to {@link #finishLater} completes. A server
     * says so only for calls it makes on its I/O thread ({@link Application#runsInline}) and then
     * waits for {@link #completion()}; without it an application finishes within the call.
     */
    public void allowFinishLater() {
        if (finish == null) {
            finish = FINISH_ALLOWED;
        }
    }

    /** Whether the caller allowed {@link #finishLater} for this exchange. */
    public boolean mayFinishLater() {
        return finish != null;
    }

    /**
     * The application: this exchange ends when {@code completion} does, not when {@code call}
     * returns (an asynchronous handler answers once its result is there). Until then the response
     * may be sent from any thread; the stage completes exceptionally where {@code call} would
     * have thrown. A middleware that does something once the exchange is over (a timer, a span, a
     * buffer to release) waits for {@link #completion()} when its {@code next.call} returns with one.
     *
     * @throws IllegalStateException if the caller did not {@linkplain #allowFinishLater() allow it},
     *     or a completion was already set
     */
    public void finishLater(CompletionStage<?> completion) {
        Objects.requireNonNull(completion, "completion");
        if (finish == null) {
            throw new IllegalStateException(
                    "the caller of " + this + " waits for call to return; it cannot finish later");
        }
        if (finish != FINISH_ALLOWED) {
            throw new IllegalStateException(this + " already finishes later");
        }
        finish = completion;
    }

    /**
     * The stage the exchange ends with, when the application {@linkplain #finishLater finishes
     * later}; null when the return of {@code call} ends it.
     */
    public CompletionStage<?> completion() {
        return finish instanceof CompletionStage<?> stage ? stage : null;
    }

    @Override
    public String toString() {
        return type.label() + " " + method + " " + rawPath + (queryString.isEmpty() ? "" : "?" + queryString);
    }

    /** Builds a scope; servers and test clients fill in what they know. */
    public static final class Builder {
        private final ScopeType type;
        private final String method;
        private final String rawPath;
        private String path;
        private String queryString;
        private Headers headers;
        private InetSocketAddress client;
        private InetSocketAddress server;
        private String scheme;
        private String httpVersion;
        private String rootPath;

        private Builder(ScopeType type, String method, String rawPath) {
            this.type = type;
            this.method = method;
            this.rawPath = rawPath;
        }

        /** Sets the decoded path; by default it is decoded from the raw path. */
        public Builder path(String decodedPath) {
            this.path = decodedPath;
            return this;
        }

        public Builder queryString(String queryString) {
            this.queryString = queryString;
            return this;
        }

        public Builder headers(Headers headers) {
            this.headers = headers;
            return this;
        }

        public Builder client(InetSocketAddress client) {
            this.client = client;
            return this;
        }

        public Builder server(InetSocketAddress server) {
            this.server = server;
            return this;
        }

        public Builder scheme(String scheme) {
            this.scheme = scheme;
            return this;
        }

        public Builder httpVersion(String httpVersion) {
            this.httpVersion = httpVersion;
            return this;
        }

        /** The path the application is mounted at (see {@link Scope#rootPath()}); empty by default. */
        public Builder rootPath(String rootPath) {
            this.rootPath = rootPath;
            return this;
        }

        public Scope build() {
            return new Scope(this);
        }
    }
}
