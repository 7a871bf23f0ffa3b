package dev.rigel.middleware.ratelimit;

import dev.rigel.exceptions.ImproperlyConfiguredException;
import dev.rigel.exceptions.TooManyRequestsException;
import dev.rigel.middleware.AbstractMiddleware;
import dev.rigel.middleware.Middleware;
import dev.rigel.middleware.MiddlewareContext;
import dev.rigel.protocol.Application;
import dev.rigel.protocol.Headers;
import dev.rigel.protocol.Message;
import dev.rigel.protocol.Receive;
import dev.rigel.protocol.Scope;
import dev.rigel.protocol.ScopeType;
import dev.rigel.protocol.Send;
import dev.rigel.stores.MemoryStore;
import dev.rigel.stores.Store;
import dev.rigel.stores.StoreRegistry;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Counts each client's requests in fixed, clock-aligned windows and refuses those past the limit
 * (see {@link RateLimitConfig}). Ordinary middleware: put it on the app, a router, a controller
 * or a handler. One atomic {@code increment} per request is the whole protocol with the store:
 * the window's number is part of the key, so a new window starts a new counter without any reset
 * step, and the time left is computed from the clock rather than read back from the store.
 */
public final class RateLimitMiddleware implements Middleware {

    private final RateLimitConfig config;
    private final Supplier<StoreRegistry> stores;
    private final long windowMillis;
    private final InstantSource clock;
    private final String keySuffix;
    private final String policy;
    private final String limit;
    private final boolean headers;

    /** A limit counting in the stores of the app whose routes it wraps. */
    public RateLimitMiddleware(RateLimitConfig config) {
        this(config, null);
    }

    /** A limit counting in the registry {@code stores} gives, asked at request time. */
    public RateLimitMiddleware(RateLimitConfig config, Supplier<StoreRegistry> stores) {
        this.config = Objects.requireNonNull(config, "config");
        this.stores = stores;
        this.windowMillis = config.unit().duration().toMillis();
        this.clock = config.clockSource();
        // name and policy in the key: each limit counts on its own, and a controller's override
        // of the app's limit does not share the app's counter
        this.keySuffix = "::" + config.name() + ":" + config.limit() + "/"
                + config.unit().name().toLowerCase(Locale.ROOT) + ":";
        this.policy = config.policy();
        this.limit = Integer.toString(config.limit());
        this.headers = config.sendsHeaders();
    }

    public RateLimitConfig config() {
        return config;
    }

    /** Limits with the same name replace each other, the innermost layer's winning. */
    @Override
    public Object overrideKey() {
        return "rate-limit:" + config.name();
    }

    @Override
    public Application wrap(Application next) {
        if (stores == null) {
            throw new ImproperlyConfiguredException(this + " counts in its app's stores, so only an app can wrap it"
                    + " (put it on a layer), or give it a store registry");
        }
        return new Limiter(stores).wrap(next);
    }

    @Override
    public Application wrap(Application next, MiddlewareContext context) {
        StoreRegistry registry = context.stores();
        return new Limiter(stores != null ? stores : () -> registry).wrap(next);
    }

    /** Counting in memory never waits; a file or network store (Redis) may. */
    @Override
    public boolean mayBlock() {
        return stores == null || !(stores.get().get(config.storeName()) instanceof MemoryStore);
    }

    @Override
    public boolean mayBlock(MiddlewareContext context) {
        StoreRegistry registry = stores != null ? stores.get() : context.stores();
        return !(registry.get(config.storeName()) instanceof MemoryStore);
    }

    @Override
    public String toString() {
        return "RateLimitMiddleware" + config.describe();
    }

    /** The limit bound to one registry, filtered by the config's scopes and exclusions. */
    private final class Limiter extends AbstractMiddleware {

        private final Supplier<StoreRegistry> registry;

        Limiter(Supplier<StoreRegistry> registry) {
            this.registry = registry;
            // WebSocket handshakes are long-lived sessions, not request traffic; Litestar limits HTTP only too
            scopes(ScopeType.HTTP);
            exclude(config.excludedPaths().toArray(String[]::new));
            config.excludeOptKeyName().ifPresent(this::excludeOptKey);
        }

        @Override
        protected void handle(Scope scope, Receive receive, Send send, Application next) throws Exception {
            if (!config.checkThrottlePredicate().test(scope)) {
                next.call(scope, receive, send);
                return;
            }
            String client = config.keyFunction().apply(scope);
            if (client == null) {
                client = RateLimitConfig.clientAddress(scope);
            }
            long now = clock.millis();
            long window = Math.floorDiv(now, windowMillis);
            long left = (window + 1) * windowMillis - now; // in (0, windowMillis]
            Store store = registry.get().get(config.storeName());
            long count = store.increment(client + keySuffix + window, Duration.ofMillis(left));
            long remaining = Math.max(0, config.limit() - count);
            String reset = Long.toString((left + 999) / 1000);
            if (count > config.limit()) {
                throw new TooManyRequestsException(
                        "Too Many Requests",
                        headers
                                ? Map.of(
                                        "RateLimit-Policy", policy,
                                        "RateLimit-Limit", limit,
                                        "RateLimit-Remaining", "0",
                                        "RateLimit-Reset", reset,
                                        "Retry-After", reset)
                                : Map.of("Retry-After", reset),
                        null);
            }
            if (!headers) {
                next.call(scope, receive, send);
                return;
            }
            next.call(scope, receive, message -> {
                if (message instanceof Message.ResponseStart start) {
                    report(start.headers(), remaining, reset);
                }
                send.send(message);
            });
        }

        /**
         * Adds this limit's policy to the response and reports its numbers unless a limit further
         * in reported fewer requests left (the client needs to know the tightest).
         */
        private void report(Headers out, long remaining, String reset) {
            String policies = out.get("RateLimit-Policy");
            out.set("RateLimit-Policy", policies == null ? policy : policies + ", " + policy);
            if (policies != null && tighter(out.get("RateLimit-Remaining"), remaining)) {
                return;
            }
            out.set("RateLimit-Limit", limit);
            out.set("RateLimit-Remaining", Long.toString(remaining));
            out.set("RateLimit-Reset", reset);
        }

        private static boolean tighter(String reported, long remaining) {
            if (reported == null) {
                return false;
            }
            try {
                return Long.parseLong(reported) <= remaining;
            } catch (NumberFormatException e) {
                return false;
            }
        }

        @Override
        public String toString() {
            return RateLimitMiddleware.this.toString();
        }
    }
}
