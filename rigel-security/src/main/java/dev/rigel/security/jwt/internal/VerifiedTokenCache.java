package dev.rigel.security.jwt.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Tokens whose signature and static claims were verified, kept so that the next request with the
 * same token skips the signature check. Keyed by the SHA-256 of the token's exact text (the token
 * itself, a bearer credential, is not kept). An entry holds the key set it was verified against and
 * a deadline (the token's expiry, capped by a maximum time to live); {@link #get} answers only
 * while both still hold. What a hit must still check each time (the clock, revocation) is the
 * caller's business; see {@code TokenVerifier} for why the whole arrangement is safe.
 *
 * <p>Bounded: once {@code maxEntries} is reached, an insert first drops the expired entries and,
 * if that is not enough, an arbitrary tenth of the rest (only one thread sweeps at a time; others
 * insert meanwhile, so the size may pass the bound by the number of threads inserting at once).
 *
 * @param <V> what a hit returns: the verified token
 */
public final class VerifiedTokenCache<V> {

    /** An opaque key: the token's SHA-256 digest. */
    public record Key(long a, long b, long c, long d) {}

    private record Entry<V>(V value, Object keys, long deadlineMillis) {}

    private final int maxEntries;
    private final long maxTtlMillis;
    private final ConcurrentHashMap<Key, Entry<V>> entries = new ConcurrentHashMap<>();
    private final AtomicBoolean sweeping = new AtomicBoolean();

    public VerifiedTokenCache(int maxEntries, long maxTtlMillis) {
        this.maxEntries = maxEntries;
        this.maxTtlMillis = maxTtlMillis;
    }

    /** The key of {@code token}. */
    public static Key keyOf(String token) {
        ByteBuffer digest = ByteBuffer.wrap(sha256().digest(token.getBytes(StandardCharsets.UTF_8)));
        return new Key(digest.getLong(), digest.getLong(), digest.getLong(), digest.getLong());
    }

    private static final MessageDigest SHA_256 = newSha256();

    /** A fresh digest: cloning a prototype skips the provider lookup of {@code getInstance}. */
    private static MessageDigest sha256() {
        try {
            return (MessageDigest) SHA_256.clone();
        } catch (CloneNotSupportedException e) {
            return newSha256();
        }
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /**
     * The value cached under {@code key}, if it was verified against {@code keys} (the same key set
     * object) and its deadline has not passed at {@code now}; an entry that fails either is removed.
     */
    public V get(Key key, Object keys, Instant now) {
        Entry<V> entry = entries.get(key);
        if (entry == null) {
            return null;
        }
        if (entry.keys != keys || now.toEpochMilli() >= entry.deadlineMillis) {
            entries.remove(key, entry);
            return null;
        }
        return entry.value;
    }

    /**
     * Caches {@code value}, verified against {@code keys}, until {@code expiresAt} (null: the token
     * never expires) or the maximum time to live from {@code now}, whichever comes first.
     */
    public void put(Key key, V value, Object keys, Instant expiresAt, Instant now) {
        long deadline = now.toEpochMilli() + maxTtlMillis;
        if (expiresAt != null) {
            deadline = Math.min(deadline, expiresAt.toEpochMilli());
        }
        if (deadline <= now.toEpochMilli()) {
            return;
        }
        if (entries.size() >= maxEntries) {
            makeRoom(now.toEpochMilli());
        }
        entries.put(key, new Entry<>(value, keys, deadline));
    }

    /** How many entries are cached now. */
    public int size() {
        return entries.size();
    }

    /** Drops every entry. */
    public void clear() {
        entries.clear();
    }

    private void makeRoom(long nowMillis) {
        if (!sweeping.compareAndSet(false, true)) {
            return;
        }
        try {
            entries.values().removeIf(entry -> nowMillis >= entry.deadlineMillis);
            int target = maxEntries - Math.max(1, maxEntries / 10);
            Iterator<Map.Entry<Key, Entry<V>>> it = entries.entrySet().iterator();
            while (entries.size() > target && it.hasNext()) {
                it.next();
                it.remove();
            }
        } finally {
            sweeping.set(false);
        }
    }
}
