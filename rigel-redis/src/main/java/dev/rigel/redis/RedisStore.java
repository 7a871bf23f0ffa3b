package dev.rigel.redis;

import dev.rigel.stores.Store;
import dev.rigel.stores.spi.StoreKeys;
import io.lettuce.core.GetExArgs;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
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
import java.util.concurrent.TimeUnit;

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
 * </ul>
 *
 * A store made by {@link #connect} owns its connection and closes it in {@link #close}; namespace
 * views and stores made by {@link #of} share a connection they do not own, and closing them does
 * nothing. Needs Redis 6.2 or newer (for {@code GETEX}).
 */
public final class RedisStore implements Store, AutoCloseable {

    /** The namespace of a store made without one. */
    public static final String DEFAULT_NAMESPACE = "rigel";

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

    private final RedisCommands<String, byte[]> redis;
    private final String prefix;
    private final AutoCloseable owned;

    private RedisStore(RedisCommands<String, byte[]> redis, String prefix, AutoCloseable owned) {
        this.redis = redis;
        this.prefix = prefix;
        this.owned = owned;
    }

    /** Connects to {@code url} (e.g. {@code redis://127.0.0.1:6379/0}) with the default namespace. */
    public static RedisStore connect(String url) {
        return connect(url, DEFAULT_NAMESPACE);
    }

    /** Connects to {@code url}; every key of the store lives under {@code namespace}. */
    public static RedisStore connect(String url, String namespace) {
        RedisClient client = RedisClient.create(RedisURI.create(Objects.requireNonNull(url, "url")));
        StatefulRedisConnection<String, byte[]> connection;
        try {
            connection = client.connect(codec());
        } catch (RuntimeException e) {
            client.shutdown(0, 2, TimeUnit.SECONDS);
            throw e;
        }
        AutoCloseable owned = () -> {
            connection.close();
            client.shutdown(0, 2, TimeUnit.SECONDS);
        };
        return new RedisStore(connection.sync(), StoreKeys.namespacePrefix("", namespace), owned);
    }

    /**
     * A store on a connection the caller owns (and closes); the connection must use
     * {@link #codec()}: string keys, byte-array values.
     */
    public static RedisStore of(StatefulRedisConnection<String, byte[]> connection, String namespace) {
        return new RedisStore(
                Objects.requireNonNull(connection, "connection").sync(),
                StoreKeys.namespacePrefix("", namespace),
                null);
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
        return Optional.ofNullable(redis.get(flat(key)));
    }

    @Override
    public Optional<byte[]> get(String key, Duration renewFor) {
        if (renewFor == null) {
            return get(key);
        }
        return Optional.ofNullable(redis.getex(flat(key), GetExArgs.Builder.px(millis(renewFor, "renewFor"))));
    }

    @Override
    public void set(String key, byte[] value, Duration expiresIn) {
        Objects.requireNonNull(value, "value");
        String flat = flat(key);
        if (expiresIn == null) {
            redis.set(flat, value);
        } else {
            redis.set(flat, value, SetArgs.Builder.px(millis(expiresIn, "expiresIn")));
        }
    }

    @Override
    public void delete(String key) {
        redis.unlink(flat(key));
    }

    @Override
    public void deleteAll() {
        ScanArgs args = ScanArgs.Builder.matches(globEscape(prefix) + "*").limit(SCAN_BATCH);
        KeyScanCursor<String> cursor = redis.scan(args);
        while (true) {
            List<String> keys = cursor.getKeys();
            if (!keys.isEmpty()) {
                redis.unlink(keys.toArray(String[]::new));
            }
            if (cursor.isFinished()) {
                return;
            }
            cursor = redis.scan(ScanCursor.of(cursor.getCursor()), args);
        }
    }

    @Override
    public boolean exists(String key) {
        return redis.exists(flat(key)) > 0;
    }

    @Override
    public Optional<Duration> expiresIn(String key) {
        long millis = redis.pttl(flat(key));
        // -2: no such key, -1: no expiry
        return millis < 0 ? Optional.empty() : Optional.of(Duration.ofMillis(millis));
    }

    @Override
    public RedisStore withNamespace(String namespace) {
        return new RedisStore(redis, StoreKeys.namespacePrefix(prefix, namespace), null);
    }

    @Override
    public long increment(String key, Duration window) {
        String[] keys = {flat(key)};
        byte[] windowMillis =
                Long.toString(window == null ? 0 : millis(window, "window")).getBytes(StandardCharsets.US_ASCII);
        try {
            Long count;
            try {
                count = redis.evalsha(INCREMENT_SHA, ScriptOutputType.INTEGER, keys, windowMillis);
            } catch (RedisNoScriptException e) {
                // first use on this server (or after SCRIPT FLUSH): EVAL loads the script for next time
                count = redis.eval(INCREMENT_SCRIPT, ScriptOutputType.INTEGER, keys, windowMillis);
            }
            return count;
        } catch (RedisCommandExecutionException e) {
            if (e.getMessage() != null && e.getMessage().contains("not an integer")) {
                throw new IllegalStateException("Store key '" + key + "' does not hold a counter", e);
            }
            throw e;
        }
    }

    /** Closes the connection if this store opened it; views and borrowed connections are left open. */
    @Override
    public void close() throws Exception {
        if (owned != null) {
            owned.close();
        }
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
}
