package dev.rigel.examples.seed;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The seed's {@code cache} dependency: values with an expiry, as in {@code cache.set(key, value,
 * ex=300)}. The stores issue replaces it with a Store (memory or Redis).
 */
public final class UserCache {

    private record Entry(Object value, Instant expiresAt) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Clock clock;

    public UserCache() {
        this(Clock.systemUTC());
    }

    UserCache(Clock clock) {
        this.clock = clock;
    }

    public void set(String key, Object value, Duration expiresIn) {
        entries.put(key, new Entry(value, clock.instant().plus(expiresIn)));
    }

    public <T> Optional<T> get(String key, Class<T> type) {
        Entry entry = entries.get(key);
        if (entry == null) {
            return Optional.empty();
        }
        if (!entry.expiresAt().isAfter(clock.instant())) {
            entries.remove(key, entry);
            return Optional.empty();
        }
        return type.isInstance(entry.value()) ? Optional.of(type.cast(entry.value())) : Optional.empty();
    }

    public void delete(String key) {
        entries.remove(key);
    }
}
