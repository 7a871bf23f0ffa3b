package dev.rigel.testing.support;

import dev.rigel.stores.MemoryStore;
import dev.rigel.stores.Store;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A store that counts its lookups, writes and deletes, so a test can tell when every request has
 * looked (and missed) before it lets a held handler go, or that a read-only request wrote nothing.
 * Its namespaces share the counts. Not a {@code MemoryStore} itself, so cached routes on it run on
 * virtual threads as for any remote store.
 */
public final class CountingStore implements Store {

    private final Store delegate;
    private final AtomicInteger gets;
    private final AtomicInteger writes;
    private final AtomicInteger deletes;
    private final java.util.concurrent.atomic.AtomicBoolean refuseWrites;

    /** Counting over a fresh in-memory store. */
    public CountingStore() {
        this(new MemoryStore());
    }

    /** Counting over {@code delegate}. */
    public CountingStore(Store delegate) {
        this(
                delegate,
                new AtomicInteger(),
                new AtomicInteger(),
                new AtomicInteger(),
                new java.util.concurrent.atomic.AtomicBoolean());
    }

    private CountingStore(
            Store delegate,
            AtomicInteger gets,
            AtomicInteger writes,
            AtomicInteger deletes,
            java.util.concurrent.atomic.AtomicBoolean refuseWrites) {
        this.delegate = delegate;
        this.gets = gets;
        this.writes = writes;
        this.deletes = deletes;
        this.refuseWrites = refuseWrites;
    }

    /** From now on every {@code set} fails (still counted), as a store that is full or read-only would. */
    public CountingStore refuseWrites() {
        refuseWrites.set(true);
        return this;
    }

    /** Lookups ({@code get}, with or without renewal) so far. */
    public AtomicInteger gets() {
        return gets;
    }

    /** {@code set} calls so far. */
    public AtomicInteger writes() {
        return writes;
    }

    /** {@code delete} calls so far. */
    public AtomicInteger deletes() {
        return deletes;
    }

    @Override
    public Optional<byte[]> get(String key) {
        gets.incrementAndGet();
        return delegate.get(key);
    }

    @Override
    public Optional<byte[]> get(String key, Duration renewFor) {
        gets.incrementAndGet();
        return delegate.get(key, renewFor);
    }

    @Override
    public void set(String key, byte[] value, Duration expiresIn) {
        writes.incrementAndGet();
        if (refuseWrites.get()) {
            throw new IllegalStateException("this store refuses writes");
        }
        delegate.set(key, value, expiresIn);
    }

    @Override
    public void delete(String key) {
        deletes.incrementAndGet();
        delegate.delete(key);
    }

    @Override
    public void deleteAll() {
        delegate.deleteAll();
    }

    @Override
    public boolean exists(String key) {
        return delegate.exists(key);
    }

    @Override
    public Optional<Duration> expiresIn(String key) {
        return delegate.expiresIn(key);
    }

    @Override
    public Store withNamespace(String namespace) {
        return new CountingStore(delegate.withNamespace(namespace), gets, writes, deletes, refuseWrites);
    }

    @Override
    public long increment(String key, Duration window) {
        return delegate.increment(key, window);
    }
}
