package dev.rigel.examples.seed;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rigel.stores.Store;
import dev.rigel.stores.StoreUnavailableException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The seed's {@code cache} dependency: users kept for five minutes under {@code user:{id}}, as the
 * seed's {@code cache.set(f"user:{id}", …, ex=300)}, in a {@link Store} — memory by default, Redis
 * when {@code REDIS_URL} is set. A cached user holds what responses show (id, name, email,
 * creation time), never the password hash: what leaves the process may be read elsewhere.
 *
 * <p>The cache is optional for reads: when the store is down ({@link StoreUnavailableException},
 * within the store's short command timeout) a read is a miss and a fresh user is not kept, so
 * reads go to the database and still answer 200. Removing an entry is not optional: a change to a
 * user that cannot drop its cached copy fails with that exception (503, and the database change
 * is rolled back), since the cache would otherwise keep serving the old user after Redis is back.
 */
public final class UserCache {

    static final Duration CACHE_FOR = Duration.ofSeconds(300);

    /** The cached form: exactly what the read DTO shows. */
    record Cached(long id, String name, String email, String createdAt) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Store store;

    public UserCache(Store store) {
        this.store = store;
    }

    static String key(long userId) {
        return "user:" + userId;
    }

    /** The cached user (detached; no password hash), if there is one. */
    public Optional<User> get(long userId) {
        Optional<byte[]> stored;
        try {
            stored = store.get(key(userId));
        } catch (StoreUnavailableException down) {
            return Optional.empty(); // the store logs its outage once; the database answers
        }
        return stored.map(bytes -> {
            try {
                Cached cached = JSON.readValue(bytes, Cached.class);
                return new User(
                        cached.id(), cached.name(), cached.email(), null, Instant.parse(cached.createdAt()), null);
            } catch (IOException e) {
                throw new UncheckedIOException("unreadable cache entry " + key(userId), e);
            }
        });
    }

    /** Keeps {@code user} for {@link #CACHE_FOR}; not at all while the store is down. */
    public void put(User user) {
        try {
            store.set(
                    key(user.id()),
                    JSON.writeValueAsBytes(new Cached(
                            user.id(),
                            user.name(),
                            user.email(),
                            user.createdAt().toString())),
                    CACHE_FOR);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (StoreUnavailableException down) {
            // not cached this time: the next read asks the database again
        }
    }

    /**
     * Drops the cached copy of a user about to change.
     *
     * @throws StoreUnavailableException when the store is down: the change must not go ahead
     */
    public void delete(long userId) {
        store.delete(key(userId));
    }
}
