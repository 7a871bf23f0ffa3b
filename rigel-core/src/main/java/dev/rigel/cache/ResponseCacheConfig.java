package dev.rigel.cache;

import dev.rigel.http.Request;
import java.time.Duration;
import java.util.Objects;

/**
 * How the app caches the responses of handlers that ask for it with a {@code cache} option
 * (Litestar's {@code ResponseCacheConfig}); set with {@code App.Builder.responseCache(…)}.
 *
 * <p>A cached handler's response is stored, before it is sent, in the app store named
 * {@link #store()} ({@code response_cache} by default, so {@code App.Builder.stores(…)} decides
 * whether it lives in memory or in Redis), under the key {@link #keyBuilder()} makes. Until the
 * entry expires, requests with the same key get its status, headers and body back without the
 * handler running. What runs on a hit and what does not:
 *
 * <ul>
 *   <li>all middleware and the guards run (they decide per request, e.g. authentication, CORS,
 *       compression); the before-request and after-request hooks, dependencies and the handler
 *       do not; the after-response hook does.
 *   <li>an {@code If-None-Match} / {@code If-Modified-Since} matching the cached validators
 *       gets a 304.
 * </ul>
 *
 * <p>Stored are the responses {@link #filter()} accepts: by default 2xx answers to GET and HEAD.
 * Files, streams and server-sent events are never stored, nor 304s. The cache is shared by every
 * client whose request has the same key: a handler whose answer depends on who asks (a header, a
 * cookie, the session) must not be cached with the default key. A store that fails is logged and
 * treated as a miss: the cache never turns a working handler into an error.
 *
 * <p>Concurrent misses of one key run the handler once per app instance (single-flight): the first
 * request runs it, the others wait for it and answer with what it stored. When it stores nothing
 * (an exception, a response the filter or the rules above reject, a failing store) they run the
 * handler themselves, as they do when it takes longer than {@link #singleFlightTimeout()}. Handlers
 * declared {@code nonBlocking} never wait (they run on the server's event loop, which must not
 * block); they run themselves. Across processes sharing a Redis store, each process computes a
 * missing entry once.
 */
public final class ResponseCacheConfig {

    /** Litestar's default: a minute. */
    public static final Duration DEFAULT_EXPIRATION = Duration.ofSeconds(60);

    /** How long requests wait, by default, for another request computing the entry they missed. */
    public static final Duration DEFAULT_SINGLE_FLIGHT_TIMEOUT = Duration.ofSeconds(10);

    /** The default store name. */
    public static final String DEFAULT_STORE = "response_cache";

    /** Whether a response may be stored. */
    @FunctionalInterface
    public interface Filter {
        boolean shouldCache(Request request, int status);

        /** 2xx answers to GET and HEAD. */
        Filter DEFAULT = (request, status) -> status >= 200
                && status < 300
                && (request.method().equals("GET") || request.method().equals("HEAD"));
    }

    private final Duration defaultExpiration;
    private final CacheKeyBuilder keyBuilder;
    private final String store;
    private final Filter filter;
    private final Duration singleFlightTimeout;

    private ResponseCacheConfig(Builder builder) {
        this.singleFlightTimeout = builder.singleFlightTimeout;
        this.defaultExpiration = builder.defaultExpiration;
        this.keyBuilder = builder.keyBuilder;
        this.store = builder.store;
        this.filter = builder.filter;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The configuration an app uses when none is set. */
    public static ResponseCacheConfig defaults() {
        return builder().build();
    }

    /** How long {@code cache = Cache.DEFAULT} keeps a response; null means forever. */
    public Duration defaultExpiration() {
        return defaultExpiration;
    }

    public CacheKeyBuilder keyBuilder() {
        return keyBuilder;
    }

    /** The name of the app store responses are kept in. */
    public String store() {
        return store;
    }

    public Filter filter() {
        return filter;
    }

    /**
     * The longest a request that missed waits for another request already computing the same key,
     * counted from when that one started; zero means requests never wait (every miss runs the
     * handler).
     */
    public Duration singleFlightTimeout() {
        return singleFlightTimeout;
    }

    /** Builds a {@link ResponseCacheConfig}. */
    public static final class Builder {
        private Duration defaultExpiration = DEFAULT_EXPIRATION;
        private CacheKeyBuilder keyBuilder = CacheKeyBuilder.DEFAULT;
        private String store = DEFAULT_STORE;
        private Filter filter = Filter.DEFAULT;
        private Duration singleFlightTimeout = DEFAULT_SINGLE_FLIGHT_TIMEOUT;

        private Builder() {}

        /** Expiry for {@code cache = Cache.DEFAULT}; null keeps those responses until the store drops them. */
        public Builder defaultExpiration(Duration expiration) {
            if (expiration != null && (expiration.isNegative() || expiration.isZero())) {
                throw new IllegalArgumentException("defaultExpiration must be positive, got " + expiration);
            }
            this.defaultExpiration = expiration;
            return this;
        }

        /** The app's cache key (Litestar's {@code key_builder}); a handler's {@code cacheKeyBuilder} beats it. */
        public Builder keyBuilder(CacheKeyBuilder builder) {
            this.keyBuilder = Objects.requireNonNull(builder, "keyBuilder");
            return this;
        }

        public Builder store(String name) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("store name must not be empty");
            }
            this.store = name;
            return this;
        }

        public Builder filter(Filter cacheFilter) {
            this.filter = Objects.requireNonNull(cacheFilter, "filter");
            return this;
        }

        /**
         * How long a miss waits for a request already computing its key (10 s by default) before
         * running the handler itself; {@code Duration.ZERO} turns waiting off.
         */
        public Builder singleFlightTimeout(Duration timeout) {
            if (timeout == null || timeout.isNegative()) {
                throw new IllegalArgumentException("singleFlightTimeout must be zero or positive, got " + timeout);
            }
            this.singleFlightTimeout = timeout;
            return this;
        }

        public ResponseCacheConfig build() {
            return new ResponseCacheConfig(this);
        }
    }
}
