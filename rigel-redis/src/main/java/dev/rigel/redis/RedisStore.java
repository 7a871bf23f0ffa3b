package dev.rigel.redis;

import dev.rigel.App;
import dev.rigel.health.HealthCheck;
import dev.rigel.health.HealthContributor;
import dev.rigel.redis.internal.FailFastRedis;
import dev.rigel.redis.internal.OutageLog;
import dev.rigel.stores.Store;
import dev.rigel.stores.StoreUnavailableException;
import dev.rigel.stores.spi.StoreKeys;
import io.lettuce.core.GetExArgs;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Store} in Redis, on Lettuce's synchronous API over one shared, thread-safe connection.
 * Use it to share stores between app instances: two instances counting in the same namespace
 * share one rate limit.
 *
 * <ul>
 *   <li>Every key lives under this store's namespace as a prefix ({@code rigel:} by default, then
 *       {@code rigel:sessions:} for {@code withNamespace("sessions")}), so one database can hold
 *       several apps. {@link #deleteAll} removes its prefix's keys with {@code SCAN} and
 *       {@code UNLINK}, never {@code FLUSHDB}; a store always has a namespace for that reason.</li>
 *   <li>Expiry is {@code PX} on {@code SET}; a renewing {@code get} is one {@code GETEX PX}.</li>
 *   <li>{@link #increment} is one Lua script ({@code INCR}, then {@code PEXPIRE} when the count is
 *       1), which Redis runs atomically, so counts are exact across every client of the server.</li>
 *   <li>Never stalls its caller: every command fails after the {@linkplain Builder#commandTimeout
 *       command timeout} (one second by default), and while the connection is known to be down
 *       commands fail at once, without waiting. Either way the call throws a
 *       {@link StoreUnavailableException}; the connection comes back on its own (retried from 50 ms,
 *       backing off to one second). The outage is logged once when it starts (WARN) and once when
 *       it ends (INFO), never per call.</li>
 * </ul>
 *
 * A store made by {@link #connect} or {@link #builder} owns its connection and closes it in
 * {@link #close}; namespace views and stores made by {@link #of} share a connection they do not
 * own, and closing them does nothing. Needs Redis 6.2 or newer (for {@code GETEX}).
 */
public final class RedisStore implements Store, AutoCloseable, HealthContributor {

    private static final Logger LOG = LoggerFactory.getLogger(RedisStore.class);

    /** The namespace of a store made without one. */
    public static final String DEFAULT_NAMESPACE = "rigel";

    /** How long a command may take when no timeout is configured. */
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(1);

    // INCR then, on a fresh key, its window: atomic because Redis runs a script as one command
    private static final String INCREMENT_SCRIPT = """
            local count = redis.call('INCR', KEYS[1])
            local window = tonumber(ARGV[1])
            if count == 1 and window > 0 then
              redis.call('PEXPIRE', KEYS[1], window)
            end
            return count
            """;
    private static final String INCREMENT_SHA = sha1(INCREMENT_SCRIPT);
    private static final int SCAN_BATCH = 500;

    /** What a store and its namespace views share: the connection and what is known of its health. */
    private record Shared(
            RedisCommands<String, byte[]> redis,
            String server,
            Runnable succeeded,
            Consumer<RuntimeException> failed) {}

    private final Shared shared;
    private final RedisCommands<String, byte[]> redis;
    private final String prefix;
    private final AutoCloseable owned;
    // shared with the namespace views, so a health plugin that finds several of them pings once
    private final HealthCheck health;

    private RedisStore(Shared shared, String prefix, AutoCloseable owned) {
        this(shared, prefix, owned, null);
    }

    private RedisStore(Shared shared, String prefix, AutoCloseable owned, HealthCheck health) {
        this.shared = shared;
        this.redis = shared.redis();
        this.prefix = prefix;
        this.owned = owned;
        this.health = health != null ? health : HealthCheck.of("redis", this::ping);
    }

    /** Connects to {@code url} (e.g. {@code redis://127.0.0.1:6379/0}) with the default namespace. */
    public static RedisStore connect(String url) {
        return builder(url).build();
    }

    /** Connects to {@code url}; every key of the store lives under {@code namespace}. */
    public static RedisStore connect(String url, String namespace) {
        return builder(url).namespace(namespace).build();
    }

    /** Configures a store on the Redis at {@code url}, e.g. {@code redis://127.0.0.1:6379/0}. */
    public static Builder builder(String url) {
        return new Builder(url);
    }

    /**
     * A store on a connection the caller owns (and closes); the connection must use
     * {@link #codec()}: string keys, byte-array values. Its timeouts and its behaviour while
     * disconnected are the connection's own (Lettuce buffers commands until it reconnects unless
     * told to reject them); failures reaching Redis are still {@link StoreUnavailableException}s.
     */
    public static RedisStore of(StatefulRedisConnection<String, byte[]> connection, String namespace) {
        Objects.requireNonNull(connection, "connection");
        OutageLog outage = new OutageLog(LOG, "Redis store " + namespace, "store calls fail");
        return new RedisStore(
                new Shared(connection.sync(), "Redis", outage::ended, e -> outage.started(e.getMessage())),
                StoreKeys.namespacePrefix("", namespace),
                null);
    }

    private static RedisStore connect(Builder builder) {
        FailFastRedis client = new FailFastRedis(
                builder.url,
                builder.commandTimeout,
                Duration.ZERO,
                LOG,
                "Redis store",
                "store calls fail with StoreUnavailableException");
        StatefulRedisConnection<String, byte[]> connection;
        try {
            connection = client.client().connect(codec());
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
        // shutting the client down closes the connection, without logging that as an outage
        AutoCloseable owned = client::close;
        Shared shared =
                new Shared(connection.sync(), "Redis at " + client.address(), client::succeeded, client::failed);
        return new RedisStore(shared, StoreKeys.namespacePrefix("", builder.namespace), owned);
    }

    /** The codec a connection handed to {@link #of} must use. */
    public static RedisCodec<String, byte[]> codec() {
        return RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);
    }

    /** The prefix every key of this store starts with in Redis, e.g. {@code rigel:sessions:}. */
    public String keyPrefix() {
        return prefix;
    }

    @Override
    public Optional<byte[]> get(String key) {
        String flat = flat(key);
        return Optional.ofNullable(call("GET", () -> redis.get(flat)));
    }

    @Override
    public Optional<byte[]> get(String key, Duration renewFor) {
        if (renewFor == null) {
            return get(key);
        }
        String flat = flat(key);
        GetExArgs args = GetExArgs.Builder.px(millis(renewFor, "renewFor"));
        return Optional.ofNullable(call("GETEX", () -> redis.getex(flat, args)));
    }

    @Override
    public void set(String key, byte[] value, Duration expiresIn) {
        Objects.requireNonNull(value, "value");
        String flat = flat(key);
        if (expiresIn == null) {
            call("SET", () -> redis.set(flat, value));
        } else {
            SetArgs args = SetArgs.Builder.px(millis(expiresIn, "expiresIn"));
            call("SET", () -> redis.set(flat, value, args));
        }
    }

    @Override
    public void delete(String key) {
        String flat = flat(key);
        call("UNLINK", () -> redis.unlink(flat));
    }

    @Override
    public void deleteAll() {
        ScanArgs args = ScanArgs.Builder.matches(globEscape(prefix) + "*").limit(SCAN_BATCH);
        KeyScanCursor<String> cursor = call("SCAN", () -> redis.scan(args));
        while (true) {
            String[] keys = cursor.getKeys().toArray(String[]::new);
            if (keys.length > 0) {
                call("UNLINK", () -> redis.unlink(keys));
            }
            if (cursor.isFinished()) {
                return;
            }
            ScanCursor next = ScanCursor.of(cursor.getCursor());
            cursor = call("SCAN", () -> redis.scan(next, args));
        }
    }

    @Override
    public boolean exists(String key) {
        String flat = flat(key);
        return call("EXISTS", () -> redis.exists(flat)) > 0;
    }

    @Override
    public Optional<Duration> expiresIn(String key) {
        String flat = flat(key);
        long millis = call("PTTL", () -> redis.pttl(flat));
        // -2: no such key, -1: no expiry
        return millis < 0 ? Optional.empty() : Optional.of(Duration.ofMillis(millis));
    }

    @Override
    public RedisStore withNamespace(String namespace) {
        return new RedisStore(shared, StoreKeys.namespacePrefix(prefix, namespace), null, health);
    }

    @Override
    public long increment(String key, Duration window) {
        String[] keys = {flat(key)};
        byte[] windowMillis =
                Long.toString(window == null ? 0 : millis(window, "window")).getBytes(StandardCharsets.US_ASCII);
        try {
            Long count;
            try {
                count = call(
                        "EVALSHA", () -> redis.evalsha(INCREMENT_SHA, ScriptOutputType.INTEGER, keys, windowMillis));
            } catch (RedisNoScriptException e) {
                // first use on this server (or after SCRIPT FLUSH): EVAL loads the script for next time
                count = call("EVAL", () -> redis.eval(INCREMENT_SCRIPT, ScriptOutputType.INTEGER, keys, windowMillis));
            }
            return count;
        } catch (RedisCommandExecutionException e) {
            if (e.getMessage() != null && e.getMessage().contains("not an integer")) {
                throw new IllegalStateException("Store key '" + key + "' does not hold a counter", e);
            }
            throw e;
        }
    }

    /**
     * Readiness ({@code HealthPlugin}, which asks the app's registered stores): {@code redis} sends
     * PING on the store's connection, within its command timeout; while the connection is known to
     * be down it fails at once.
     */
    @Override
    public List<HealthCheck> healthChecks(App app) {
        return List.of(health);
    }

    private HealthCheck.Result ping() {
        call("PING", redis::ping);
        return HealthCheck.Result.up();
    }

    /** Closes the connection if this store opened it; views and borrowed connections are left open. */
    @Override
    public void close() throws Exception {
        if (owned != null) {
            owned.close();
        }
    }

    /**
     * Runs one command: a failure to reach Redis (down, unreachable, timed out) becomes a
     * {@link StoreUnavailableException} and starts an outage; an answer from Redis ends one. An
     * error Redis answered with (wrong type, no script) is no outage and passes as Lettuce's.
     */
    private <T> T call(String command, Supplier<T> action) {
        T result;
        try {
            result = action.get();
        } catch (RedisCommandExecutionException e) {
            throw e;
        } catch (RuntimeException e) {
            if (!FailFastRedis.isOutage(e)) {
                throw e;
            }
            shared.failed().accept(e);
            throw new StoreUnavailableException(
                    command + " on " + shared.server() + " failed: " + e.getMessage() + " (store " + prefix + ")", e);
        }
        shared.succeeded().run();
        return result;
    }

    private String flat(String key) {
        return StoreKeys.flatKey(prefix, key);
    }

    private static long millis(Duration duration, String what) {
        StoreKeys.requireExpiry(duration, what);
        // PX takes whole milliseconds and refuses 0; a sub-millisecond expiry rounds up
        return Math.max(1, duration.toMillis());
    }

    /** Escapes the characters SCAN's MATCH treats as a pattern. */
    private static String globEscape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 4);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    private static String sha1(String script) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-1").digest(script.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is missing from this JVM", e);
        }
    }

    /** Configures a {@link RedisStore} that owns its connection. */
    public static final class Builder {
        private final String url;
        private String namespace = DEFAULT_NAMESPACE;
        private Duration commandTimeout = DEFAULT_COMMAND_TIMEOUT;

        private Builder(String url) {
            this.url = Objects.requireNonNull(url, "url");
        }

        /** The namespace every key lives under (default {@value RedisStore#DEFAULT_NAMESPACE}). */
        public Builder namespace(String namespace) {
            this.namespace = Objects.requireNonNull(namespace, "namespace");
            return this;
        }

        /**
         * How long one command may take before the call fails with a {@link StoreUnavailableException}
         * (default one second). Keep it short: a store is typically asked on the way of a request,
         * and a cache that is slower than the work it saves is better skipped.
         */
        public Builder commandTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("commandTimeout must be positive, got " + timeout);
            }
            this.commandTimeout = timeout;
            return this;
        }

        /**
         * Connects. Redis must be reachable now; once connected, the store outlives outages.
         *
         * @throws io.lettuce.core.RedisConnectionException when Redis cannot be reached now
         */
        public RedisStore build() {
            return connect(this);
        }
    }
}
