package dev.rigel.middleware.ratelimit;

import dev.rigel.exceptions.TooManyRequestsException;
import dev.rigel.middleware.AbstractMiddleware;
import dev.rigel.protocol.Application;
import dev.rigel.protocol.Headers;
import dev.rigel.protocol.Message;
import dev.rigel.protocol.Receive;
import dev.rigel.protocol.Scope;
import dev.rigel.protocol.ScopeType;
import dev.rigel.protocol.Send;
import dev.rigel.stores.StoreRegistry;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Counts each client's requests in fixed, clock-aligned windows and refuses those past the limit.
 * One atomic {@code increment} per request is the whole protocol with the store: the window's
 * number is part of the key, so a new window starts a new counter without any reset step, and the
 * time left is computed from the clock rather than read back from the store.
 */
public final class RateLimitMiddleware extends AbstractMiddleware {

    private final RateLimitConfig config;
    private final Supplier<StoreRegistry> stores;
    private final long windowMillis;
    private final InstantSource clock;
    private final String keySuffix;
    private final String policy;
    private final String limit;

    /** {@code stores} is asked at request time, so the app's final registry is the one used. */
    public RateLimitMiddleware(RateLimitConfig config, Supplier<StoreRegistry> stores) {
        this.config = Objects.requireNonNull(config, "config");
        this.stores = Objects.requireNonNull(stores, "stores");
        this.windowMillis = config.unit().duration().toMillis();
        this.clock = config.clockSource();
        this.keySuffix = "::" + config.unit().name().toLowerCase(Locale.ROOT) + ":";
        this.policy = config.policy();
        this.limit = Integer.toString(config.limit());
        // WebSocket handshakes are long-lived sessions, not request traffic; Litestar limits HTTP only too
        scopes(ScopeType.HTTP);
        exclude(config.excludedPaths().toArray(String[]::new));
        config.excludeOptKeyName().ifPresent(this::excludeOptKey);
    }

    /** Counting in memory never waits; a file or network store (Redis) may. */
    @Override
    public boolean mayBlock() {
        return !(stores.get().get(config.storeName()) instanceof dev.rigel.stores.MemoryStore);
    }

    @Override
    protected void handle(Scope scope, Receive receive, Send send, Application next) throws Exception {
        if (!config.checkThrottlePredicate().test(scope)) {
            next.call(scope, receive, send);
            return;
        }
        String client =
                Objects.requireNonNull(config.keyFunction().apply(scope), "the rate-limit key function returned null");
        long now = clock.millis();
        long window = Math.floorDiv(now, windowMillis);
        long left = (window + 1) * windowMillis - now; // in (0, windowMillis]
        long count =
                stores.get().get(config.storeName()).increment(client + keySuffix + window, Duration.ofMillis(left));
        String remaining = Long.toString(Math.max(0, config.limit() - count));
        String reset = Long.toString((left + 999) / 1000);
        if (count > config.limit()) {
            throw new TooManyRequestsException(
                    "Too Many Requests",
                    Map.of(
                            "RateLimit-Policy",
                            policy,
                            "RateLimit-Limit",
                            limit,
                            "RateLimit-Remaining",
                            remaining,
                            "RateLimit-Reset",
                            reset,
                            "Retry-After",
                            reset),
                    null);
        }
        next.call(scope, receive, message -> {
            if (message instanceof Message.ResponseStart start) {
                Headers headers = start.headers();
                headers.set("RateLimit-Policy", policy);
                headers.set("RateLimit-Limit", limit);
                headers.set("RateLimit-Remaining", remaining);
                headers.set("RateLimit-Reset", reset);
            }
            send.send(message);
        });
    }

    @Override
    public String toString() {
        return "RateLimitMiddleware" + config;
    }
}
