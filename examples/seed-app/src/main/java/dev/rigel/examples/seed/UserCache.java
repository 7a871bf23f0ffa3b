package dev.rigel.examples.seed;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
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

    /**
     * The cached form: exactly what the read DTO shows, the creation time as seconds and nanoseconds
     * since the epoch. Rebuilding an {@link Instant} from those is free; parsing its ISO text back
     * was the largest cost of a cached read (13% of the seed's {@code GET /api/v1/users/1} in a JFR
     * profile, more than Jackson reading the rest).
     */
    record Cached(long id, String name, String email, long createdSecond, int createdNano) {}

    /**
     * Jackson's default buffer pool keeps one recycler per thread. Handlers run on virtual threads,
     * one per request, so each cached read made a recycler and its buffers afresh; a shared pool
     * passes them on from request to request.
     */
    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .recyclerPool(JsonRecyclerPools.sharedConcurrentDequePool())
            .build());

    private static final ObjectReader READER = JSON.readerFor(Cached.class);
    private static final ObjectWriter WRITER = JSON.writerFor(Cached.class);
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(UserCache.class);

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
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        try {
            Cached cached = READER.readValue(stored.get());
            return Optional.of(new User(
                    cached.id(),
                    cached.name(),
                    cached.email(),
                    null,
                    Instant.ofEpochSecond(cached.createdSecond(), cached.createdNano()),
                    null));
        } catch (IOException e) {
            // an entry this version cannot read (an older format, kept in Redis across a deploy) is a miss
            LOG.debug("Unreadable cache entry {}; reading the database instead", key(userId), e);
            return Optional.empty();
        }
    }

    /** Keeps {@code user} for {@link #CACHE_FOR}; not at all while the store is down. */
    public void put(User user) {
        try {
            store.set(
                    key(user.id()),
                    WRITER.writeValueAsBytes(new Cached(
                            user.id(),
                            user.name(),
                            user.email(),
                            user.createdAt().getEpochSecond(),
                            user.createdAt().getNano())),
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
