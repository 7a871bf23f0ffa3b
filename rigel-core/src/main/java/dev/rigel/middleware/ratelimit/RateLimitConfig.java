package dev.rigel.middleware.ratelimit;

import dev.rigel.protocol.Scope;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The app's rate limit, Litestar's {@code RateLimitConfig(rate_limit=("minute", 60))}: at most
 * {@link #limit()} requests per {@link #unit()} for each client, switched on with
 * {@code App.builder().rateLimit(RateLimitConfig.of(Unit.MINUTE, 60))}.
 *
 * <p>Every checked response carries {@code RateLimit-Policy: 60; w=60}, {@code RateLimit-Limit},
 * {@code RateLimit-Remaining} and {@code RateLimit-Reset} (seconds until the window ends); a
 * request past the limit is answered 429 {@code {"status_code":429,"detail":"Too Many Requests"}}
 * with the same headers and {@code Retry-After}.
 *
 * <p>Windows are fixed and aligned to the clock (a minute window runs from :00 to :59), so every
 * app instance sharing a store agrees on when a window starts without asking the store. Requests
 * are counted with the store's atomic {@link dev.rigel.stores.Store#increment}, so the count is
 * exact under concurrency: in-process for the default memory store, across instances for a Redis
 * store. The store is the app's store named {@link #storeName()} ({@code rate_limit} by default).
 *
 * <p>When the store is unavailable (a {@link dev.rigel.stores.StoreUnavailableException}, e.g.
 * Redis is down) the limit fails closed: checked requests are answered 503 with
 * {@code Retry-After}, at once, and are not served. A limit that lapses whenever its store does
 * could be switched off by anyone able to overload the store, and the routes worth limiting are
 * usually the expensive ones. Routes that must stay up without the store are left out of the limit
 * ({@link #exclude}, {@link #checkThrottle}), or counted in a store of their own.
 *
 * <p>Immutable: every {@code with}-style method returns a changed copy.
 */
public final class RateLimitConfig {

    /** The length of a rate-limit window. */
    public enum Unit {
        SECOND(Duration.ofSeconds(1)),
        MINUTE(Duration.ofMinutes(1)),
        HOUR(Duration.ofHours(1)),
        DAY(Duration.ofDays(1));

        private final Duration duration;

        Unit(Duration duration) {
            this.duration = duration;
        }

        public Duration duration() {
            return duration;
        }

        /** The unit named {@code second}, {@code minute}, {@code hour} or {@code day} (any case). */
        public static Unit parse(String name) {
            String wanted = name.trim().toUpperCase(Locale.ROOT);
            for (Unit unit : values()) {
                if (unit.name().equals(wanted)) {
                    return unit;
                }
            }
            throw new IllegalArgumentException(
                    "Unknown rate-limit unit '" + name + "': use second, minute, hour or day");
        }
    }

    /** The default name of the app store that holds the counters. */
    public static final String DEFAULT_STORE_NAME = "rate_limit";

    private final Unit unit;
    private final int limit;
    private final List<String> exclude;
    private final String excludeOptKey;
    private final Function<Scope, String> key;
    private final Predicate<Scope> checkThrottle;
    private final String storeName;
    private final InstantSource clock;

    private RateLimitConfig(
            Unit unit,
            int limit,
            List<String> exclude,
            String excludeOptKey,
            Function<Scope, String> key,
            Predicate<Scope> checkThrottle,
            String storeName,
            InstantSource clock) {
        this.unit = unit;
        this.limit = limit;
        this.exclude = exclude;
        this.excludeOptKey = excludeOptKey;
        this.key = key;
        this.checkThrottle = checkThrottle;
        this.storeName = storeName;
        this.clock = clock;
    }

    /** At most {@code limit} requests per {@code unit} for each client address. */
    public static RateLimitConfig of(Unit unit, int limit) {
        Objects.requireNonNull(unit, "unit");
        if (limit < 1) {
            throw new IllegalArgumentException("A rate limit must allow at least one request, got " + limit);
        }
        return new RateLimitConfig(
                unit,
                limit,
                List.of(),
                null,
                RateLimitConfig::clientAddress,
                scope -> true,
                DEFAULT_STORE_NAME,
                InstantSource.system());
    }

    /**
     * Reads {@code "unit,limit"} as written in settings and environment variables, e.g.
     * {@code "minute,60"} or {@code "second, 1000"}.
     */
    public static RateLimitConfig parse(String unitAndLimit) {
        String[] parts = unitAndLimit.split(",", -1);
        if (parts.length != 2) {
            throw new IllegalArgumentException(
                    "A rate limit is written 'unit,limit' (e.g. minute,60), got '" + unitAndLimit + "'");
        }
        int limit;
        try {
            limit = Integer.parseInt(parts[1].trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("The limit in '" + unitAndLimit + "' is not a whole number");
        }
        return of(Unit.parse(parts[0]), limit);
    }

    /** The default key: the client's address, or {@code "unknown"} when the server knows none. */
    public static String clientAddress(Scope scope) {
        InetSocketAddress client = scope.client();
        return client == null ? "unknown" : client.getHostString();
    }

    /** Also skips paths matching any of these regular expressions (searched, not anchored). */
    public RateLimitConfig exclude(String... pathPatterns) {
        List<String> more = new ArrayList<>(exclude);
        for (String pattern : pathPatterns) {
            Pattern.compile(pattern); // a bad pattern fails here, where it was written
            more.add(pattern);
        }
        return new RateLimitConfig(unit, limit, List.copyOf(more), excludeOptKey, key, checkThrottle, storeName, clock);
    }

    /** Skips routes whose opt maps {@code optKey} to true (e.g. {@code @Get(opt = "skip_rate_limit")}). */
    public RateLimitConfig excludeOptKey(String optKey) {
        return new RateLimitConfig(
                unit, limit, exclude, Objects.requireNonNull(optKey, "optKey"), key, checkThrottle, storeName, clock);
    }

    /**
     * What identifies a client: requests with the same key share one count. The default is the
     * client address; behind a proxy, read a forwarded header or an API key here instead.
     */
    public RateLimitConfig key(Function<Scope, String> keyFunction) {
        return new RateLimitConfig(
                unit,
                limit,
                exclude,
                excludeOptKey,
                Objects.requireNonNull(keyFunction, "key"),
                checkThrottle,
                storeName,
                clock);
    }

    /** Which requests count at all; those failing the test pass unchecked and get no RateLimit headers. */
    public RateLimitConfig checkThrottle(Predicate<Scope> predicate) {
        return new RateLimitConfig(
                unit,
                limit,
                exclude,
                excludeOptKey,
                key,
                Objects.requireNonNull(predicate, "checkThrottle"),
                storeName,
                clock);
    }

    /** The app store (see {@code App.stores()}) that holds the counters. */
    public RateLimitConfig storeName(String name) {
        Objects.requireNonNull(name, "storeName");
        if (name.isBlank()) {
            throw new IllegalArgumentException("The rate-limit store name must not be blank");
        }
        return new RateLimitConfig(unit, limit, exclude, excludeOptKey, key, checkThrottle, name, clock);
    }

    /** The clock that places requests in windows; tests pass a fixed one so no window ends mid-test. */
    public RateLimitConfig clock(InstantSource source) {
        return new RateLimitConfig(
                unit,
                limit,
                exclude,
                excludeOptKey,
                key,
                checkThrottle,
                storeName,
                Objects.requireNonNull(source, "clock"));
    }

    public Unit unit() {
        return unit;
    }

    public int limit() {
        return limit;
    }

    public List<String> excludedPaths() {
        return exclude;
    }

    public Optional<String> excludeOptKeyName() {
        return Optional.ofNullable(excludeOptKey);
    }

    public Function<Scope, String> keyFunction() {
        return key;
    }

    public Predicate<Scope> checkThrottlePredicate() {
        return checkThrottle;
    }

    public String storeName() {
        return storeName;
    }

    public InstantSource clockSource() {
        return clock;
    }

    /** The {@code RateLimit-Policy} value, e.g. {@code 60; w=60}. */
    public String policy() {
        return limit + "; w=" + unit.duration().toSeconds();
    }

    @Override
    public String toString() {
        return "RateLimitConfig(" + unit.name().toLowerCase(Locale.ROOT) + ", " + limit + ")";
    }
}
