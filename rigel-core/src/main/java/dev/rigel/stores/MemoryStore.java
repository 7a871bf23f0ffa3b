package dev.rigel.stores;

import dev.rigel.stores.spi.StoreKeys;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link Store} in this process's memory: fast, and gone when the process ends. The default
 * store of a {@link StoreRegistry}.
 *
 * <p>Expiry is checked on every read, so an expired key is never seen. Expired keys nobody reads
 * again are removed by a sweep over the whole map, started from a write at most once per sweep
 * interval and run on its own virtual thread; so the store needs no background thread and nothing
 * to close. Every operation on one key, {@link #increment} included, is atomic within this process
 * (it runs inside {@link ConcurrentHashMap#compute}).
 */
public final class MemoryStore implements Store {

    /**
     * A value and, when {@code expires}, the {@link System#nanoTime()} at which it expires. A
     * counter ({@link #increment}) holds its count in {@code counter} instead of {@code value}, so
     * that counting a hot key (every request from one address, for a rate limit) is one atomic add,
     * not a lock on the map's bin that serialises every request.
     */
    private record Entry(byte[] value, AtomicLong counter, boolean expires, long deadline) {
        boolean expiredAt(long now) {
            return expires && now - deadline >= 0;
        }

        /** The value as stored: a counter's as its decimal text, as {@code set} would have stored it. */
        byte[] bytes() {
            return counter != null ? StoreKeys.countBytes(counter.get()) : value.clone();
        }

        Entry renewedUntil(long newDeadline) {
            return new Entry(value, counter, true, newDeadline);
        }
    }

    /** What a store and all its namespace views share. */
    private static final class Shared {
        final Map<String, Entry> entries = new ConcurrentHashMap<>();
        final long sweepIntervalNanos;
        final AtomicLong lastSweep = new AtomicLong(System.nanoTime());

        Shared(Duration sweepInterval) {
            this.sweepIntervalNanos = sweepInterval.toNanos();
        }
    }

    private final Shared shared;
    private final String prefix;

    /** A store that sweeps expired keys at most every 30 seconds. */
    public MemoryStore() {
        this(Duration.ofSeconds(30));
    }

    /** A store that sweeps expired keys at most once per {@code sweepInterval}. */
    public MemoryStore(Duration sweepInterval) {
        this(
                new Shared(StoreKeys.requireExpiry(
                        Objects.requireNonNull(sweepInterval, "sweepInterval"), "The sweep interval")),
                "");
    }

    private MemoryStore(Shared shared, String prefix) {
        this.shared = shared;
        this.prefix = prefix;
    }

    @Override
    public Optional<byte[]> get(String key) {
        String flat = StoreKeys.flatKey(prefix, key);
        Entry entry = shared.entries.get(flat);
        if (entry == null) {
            return Optional.empty();
        }
        if (entry.expiredAt(System.nanoTime())) {
            shared.entries.remove(flat, entry);
            return Optional.empty();
        }
        return Optional.of(entry.bytes());
    }

    @Override
    public Optional<byte[]> get(String key, Duration renewFor) {
        if (renewFor == null) {
            return get(key);
        }
        StoreKeys.requireExpiry(renewFor, "renewFor");
        long now = System.nanoTime();
        Entry renewed = shared.entries.computeIfPresent(
                StoreKeys.flatKey(prefix, key),
                (k, entry) -> entry.expiredAt(now) ? null : entry.renewedUntil(now + renewFor.toNanos()));
        return renewed == null ? Optional.empty() : Optional.of(renewed.bytes());
    }

    @Override
    public void set(String key, byte[] value, Duration expiresIn) {
        Objects.requireNonNull(value, "value");
        StoreKeys.requireExpiry(expiresIn, "expiresIn");
        long now = System.nanoTime();
        shared.entries.put(StoreKeys.flatKey(prefix, key), entry(value.clone(), expiresIn, now));
        maybeSweep(now);
    }

    private static Entry entry(byte[] value, Duration expiresIn, long now) {
        return expiresIn == null
                ? new Entry(value, null, false, 0)
                : new Entry(value, null, true, now + expiresIn.toNanos());
    }

    @Override
    public void delete(String key) {
        shared.entries.remove(StoreKeys.flatKey(prefix, key));
    }

    @Override
    public void deleteAll() {
        if (prefix.isEmpty()) {
            shared.entries.clear();
        } else {
            shared.entries.keySet().removeIf(key -> key.startsWith(prefix));
        }
    }

    @Override
    public boolean exists(String key) {
        Entry entry = shared.entries.get(StoreKeys.flatKey(prefix, key));
        return entry != null && !entry.expiredAt(System.nanoTime());
    }

    @Override
    public Optional<Duration> expiresIn(String key) {
        Entry entry = shared.entries.get(StoreKeys.flatKey(prefix, key));
        long now = System.nanoTime();
        if (entry == null || !entry.expires || entry.expiredAt(now)) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofNanos(entry.deadline - now));
    }

    @Override
    public Store withNamespace(String namespace) {
        return new MemoryStore(shared, StoreKeys.namespacePrefix(prefix, namespace));
    }

    @Override
    public long increment(String key, Duration window) {
        StoreKeys.requireExpiry(window, "window");
        long now = System.nanoTime();
        String flat = StoreKeys.flatKey(prefix, key);
        Entry current = shared.entries.get(flat);
        if (current != null && current.counter != null && !current.expiredAt(now)) {
            return current.counter.incrementAndGet(); // the hot path: no lock
        }
        long[] count = new long[1];
        shared.entries.compute(flat, (k, entry) -> {
            if (entry == null || entry.expiredAt(now)) {
                count[0] = 1;
                return window == null
                        ? new Entry(null, new AtomicLong(1), false, 0)
                        : new Entry(null, new AtomicLong(1), true, now + window.toNanos());
            }
            if (entry.counter != null) { // made a counter by a concurrent first increment
                count[0] = entry.counter.incrementAndGet();
                return entry;
            }
            count[0] = StoreKeys.nextCount(entry.value, key); // a number stored with set: count on from it
            return new Entry(null, new AtomicLong(count[0]), entry.expires, entry.deadline);
        });
        maybeSweep(now);
        return count[0];
    }

    /** Starts a sweep when one is due; the compare-and-set lets only one writer start it. */
    private void maybeSweep(long now) {
        long last = shared.lastSweep.get();
        if (now - last >= shared.sweepIntervalNanos && shared.lastSweep.compareAndSet(last, now)) {
            Thread.ofVirtual().name("rigel-memory-store-sweep").start(this::sweep);
        }
    }

    /** Removes expired entries; removal is conditional on the entry, so a concurrent write survives. */
    void sweep() {
        long now = System.nanoTime();
        shared.entries.entrySet().removeIf(e -> e.getValue().expiredAt(now));
    }

    /** Entries held, expired or not (tests check that sweeps free memory). */
    int storedEntries() {
        return shared.entries.size();
    }
}
