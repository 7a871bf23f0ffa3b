package dev.rigel.stores;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * A key/value store with per-key expiry, Litestar's {@code Store}: the place for rate-limit
 * counters, server-side sessions and cached responses. Values are bytes; the {@code String}
 * overloads encode UTF-8. The API is blocking, since handlers run on virtual threads.
 *
 * <p>Keys are non-empty strings and may hold any character. A store made by
 * {@link #withNamespace} sees only its own keys: its {@link #deleteAll} clears its namespace and
 * the namespaces nested in it, and nothing else.
 *
 * <p>An expired key behaves exactly as an absent one in every operation. A {@code null} expiry
 * means the key never expires.
 *
 * <p>A store on a server (Redis) may be down: then its calls fail quickly with a
 * {@link StoreUnavailableException} rather than wait. Code that uses a store as a cache catches it
 * and carries on without the cache; elsewhere it becomes a 503 with {@code Retry-After}.
 *
 * <p>Implementations are thread-safe. {@link #increment} is atomic in every implementation, which
 * is what the rate-limit middleware counts on; see each store for how far that atomicity reaches
 * (one process for {@link MemoryStore} and {@link FileStore}, every client for a Redis store).
 */
public interface Store {

    /** The value under {@code key}, or empty if it is absent or expired. */
    Optional<byte[]> get(String key);

    /**
     * The value under {@code key}, and, if there is one, its expiry moved to {@code renewFor} from
     * now (also for a key that had no expiry); a {@code null} {@code renewFor} is a plain get.
     * Sessions use this to stay alive while they are used.
     */
    Optional<byte[]> get(String key, Duration renewFor);

    /** The value under {@code key} decoded as UTF-8. */
    default Optional<String> getString(String key) {
        return get(key).map(bytes -> new String(bytes, StandardCharsets.UTF_8));
    }

    /** Stores {@code value} under {@code key}, replacing any value and expiry it had. */
    void set(String key, byte[] value, Duration expiresIn);

    /** Stores {@code value} with no expiry. */
    default void set(String key, byte[] value) {
        set(key, value, null);
    }

    /** Stores {@code value} encoded as UTF-8. */
    default void set(String key, String value, Duration expiresIn) {
        set(key, value.getBytes(StandardCharsets.UTF_8), expiresIn);
    }

    /** Stores {@code value} encoded as UTF-8, with no expiry. */
    default void set(String key, String value) {
        set(key, value, null);
    }

    /** Removes {@code key}; nothing happens if it is absent. */
    void delete(String key);

    /** Removes every key of this store's namespace, including nested namespaces. */
    void deleteAll();

    /** Whether {@code key} holds a value that has not expired. */
    boolean exists(String key);

    /** The time left before {@code key} expires; empty if it is absent or never expires. */
    Optional<Duration> expiresIn(String key);

    /**
     * A view of this store whose keys live in {@code namespace}, nested in this store's own
     * namespace. Views share the underlying storage (and connection); the namespace only isolates
     * keys. Namespace names may hold any character.
     */
    Store withNamespace(String namespace);

    /**
     * Atomically adds one to the counter under {@code key} and returns the new count. When the key
     * is absent or expired, the count starts again at 1 and the key expires after {@code window}
     * (a fixed window, as a rate limiter needs); later increments keep that expiry. {@code null}
     * means the counter never expires.
     *
     * <p>Concurrent increments never lose a count: N calls within one window from any number of
     * threads yield each of 1…N exactly once. The counter is stored as its decimal digits, so
     * {@link #getString} reads it; incrementing a key holding anything else fails with an
     * {@link IllegalStateException}.
     */
    long increment(String key, Duration window);
}
