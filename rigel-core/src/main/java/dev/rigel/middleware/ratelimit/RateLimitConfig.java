package dev.rigel.middleware.ratelimit;

import dev.rigel.http.AuthenticationResult;
import dev.rigel.protocol.Scope;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A rate limit, Litestar's {@code RateLimitConfig(rate_limit=("minute", 60))}: at most {@link
 * #limit()} requests per {@link #unit()} for each client. App-wide with {@code
 * App.builder().rateLimit(RateLimitConfig.of(Unit.MINUTE, 60))}, or on any router, controller or
 * handler as ordinary middleware: {@code .middleware(RateLimitConfig.of(Unit.MINUTE, 5).middleware())}.
 *
 * <p>Every checked response carries {@code RateLimit-Policy: 60; w=60}, {@code RateLimit-Limit},
 * {@code RateLimit-Remaining} and {@code RateLimit-Reset} (seconds until the window ends); a
 * request past the limit is answered 429 {@code {"status_code":429,"detail":"Too Many Requests"}}
 * with the same headers and {@code Retry-After}. {@link #headers(boolean) headers(false)} leaves
 * the headers off (the 429 keeps {@code Retry-After}).
 *
 * <p>Limits have a {@link #name(String) name} ({@code default} unless given). Of limits with the
 * same name on one route, the innermost layer's replaces the others (a controller's own limit
 * overrides the app's); limits with different names all apply, each counting in its own counter
 * (a login route's {@code login} limit on top of the app's). With several limits, {@code
 * RateLimit-Policy} lists each one's policy and the other headers report the tightest: the one
 * with the fewest requests left.
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

    /** The name of a limit not given one. */
    public static final String DEFAULT_NAME = "default";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    private final Unit unit;
    private final int limit;
    // the rest are set only while a copy is made (see change), never after it is returned
    private String name = DEFAULT_NAME;
    private List<String> exclude = List.of();
    private String excludeOptKey;
    private Function<Scope, String> key = RateLimitConfig::clientAddress;
    private Predicate<Scope> checkThrottle = scope -> true;
    private String storeName = DEFAULT_STORE_NAME;
    private InstantSource clock = InstantSource.system();
    private boolean headers = true;

    private RateLimitConfig(Unit unit, int limit) {
        this.unit = unit;
        this.limit = limit;
    }

    /** At most {@code limit} requests per {@code unit} for each client address. */
    public static RateLimitConfig of(Unit unit, int limit) {
        Objects.requireNonNull(unit, "unit");
        if (limit < 1) {
            throw new IllegalArgumentException("A rate limit must allow at least one request, got " + limit);
        }
        return new RateLimitConfig(unit, limit);
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

    /**
     * A key function counting by the value of request header {@code name} (an API key, say);
     * requests without it count by client address. Values are kept apart from addresses.
     */
    public static Function<Scope, String> byHeader(String name) {
        Objects.requireNonNull(name, "name");
        return scope -> {
            String value = scope.headers().get(name);
            return value == null ? null : "header:" + value;
        };
    }

    /**
     * A key function counting by the authenticated user, named by {@code id} (e.g. {@code user ->
     * ((Account) user).id()}); requests nobody authenticated count by client address. The limit
     * must sit inside the authentication middleware to see the user: on the layer that
     * authenticates, after it, not app-wide.
     */
    public static Function<Scope, String> byUser(Function<Object, String> id) {
        Objects.requireNonNull(id, "id");
        return scope -> AuthenticationResult.of(scope)
                .map(result -> "user:" + id.apply(result.user()))
                .orElse(null);
    }

    /** This limit as middleware for any layer; the app's stores are found when it wraps a route. */
    public RateLimitMiddleware middleware() {
        return new RateLimitMiddleware(this);
    }

    /**
     * Names the limit ({@code default} unless given; letters, digits, {@code _ . -}): an inner
     * layer's limit of the same name replaces this one, and each name counts on its own.
     */
    public RateLimitConfig name(String limitName) {
        Objects.requireNonNull(limitName, "name");
        if (!NAME.matcher(limitName).matches()) {
            throw new IllegalArgumentException(
                    "A rate-limit name is 1 to 64 letters, digits, '_', '.' or '-', got '" + limitName + "'");
        }
        return change(copy -> copy.name = limitName);
    }

    /** Also skips paths matching any of these regular expressions (searched, not anchored). */
    public RateLimitConfig exclude(String... pathPatterns) {
        List<String> more = new ArrayList<>(exclude);
        for (String pattern : pathPatterns) {
            Pattern.compile(pattern); // a bad pattern fails here, where it was written
            more.add(pattern);
        }
        return change(copy -> copy.exclude = List.copyOf(more));
    }

    /** Skips routes whose opt maps {@code optKey} to true (e.g. {@code @Get(opt = "skip_rate_limit")}). */
    public RateLimitConfig excludeOptKey(String optKey) {
        Objects.requireNonNull(optKey, "optKey");
        return change(copy -> copy.excludeOptKey = optKey);
    }

    /**
     * What identifies a client: requests with the same key share one count. The default is the
     * client address; behind a proxy, read a forwarded header, or use {@link #byHeader} or
     * {@link #byUser}. A function that returns null for a request counts it by client address.
     */
    public RateLimitConfig key(Function<Scope, String> keyFunction) {
        Objects.requireNonNull(keyFunction, "key");
        return change(copy -> copy.key = keyFunction);
    }

    /** Which requests count at all; those failing the test pass unchecked and get no RateLimit headers. */
    public RateLimitConfig checkThrottle(Predicate<Scope> predicate) {
        Objects.requireNonNull(predicate, "checkThrottle");
        return change(copy -> copy.checkThrottle = predicate);
    }

    /** The app store (see {@code App.stores()}) that holds the counters. */
    public RateLimitConfig storeName(String name) {
        Objects.requireNonNull(name, "storeName");
        if (name.isBlank()) {
            throw new IllegalArgumentException("The rate-limit store name must not be blank");
        }
        return change(copy -> copy.storeName = name);
    }

    /** The clock that places requests in windows; tests pass a fixed one so no window ends mid-test. */
    public RateLimitConfig clock(InstantSource source) {
        Objects.requireNonNull(source, "clock");
        return change(copy -> copy.clock = source);
    }

    /** Whether responses carry the {@code RateLimit-*} headers (Litestar's {@code set_rate_limit_headers}). */
    public RateLimitConfig headers(boolean send) {
        return change(copy -> copy.headers = send);
    }

    private RateLimitConfig change(Consumer<RateLimitConfig> change) {
        RateLimitConfig copy = new RateLimitConfig(unit, limit);
        copy.name = name;
        copy.exclude = exclude;
        copy.excludeOptKey = excludeOptKey;
        copy.key = key;
        copy.checkThrottle = checkThrottle;
        copy.storeName = storeName;
        copy.clock = clock;
        copy.headers = headers;
        change.accept(copy);
        return copy;
    }

    public Unit unit() {
        return unit;
    }

    public int limit() {
        return limit;
    }

    public String name() {
        return name;
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

    public boolean sendsHeaders() {
        return headers;
    }

    /** The {@code RateLimit-Policy} value, e.g. {@code 60; w=60}. */
    public String policy() {
        return limit + "; w=" + unit.duration().toSeconds();
    }

    @Override
    public String toString() {
        return "RateLimitConfig" + describe();
    }

    /** {@code (minute, 60)}, or {@code (login, minute, 5)} for a named limit; its middleware's name uses it too. */
    String describe() {
        return "(" + (name.equals(DEFAULT_NAME) ? "" : name + ", ")
                + unit.name().toLowerCase(Locale.ROOT) + ", " + limit + ")";
    }
}
