package dev.rigel.security.jwt.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A value fetched from a remote service (a JWK set), and when to fetch it again:
 *
 * <ul>
 *   <li>younger than {@code refreshAfter}: served as it is, at the cost of a volatile read;
 *   <li>older, but younger than {@code maxAge}: still served, and a fetch starts in the background;
 *   <li>older than {@code maxAge}, or never fetched: the caller waits for a fetch, and gets an
 *       "unavailable" exception if it fails (the value is too old to trust any longer).
 * </ul>
 *
 * <p>Fetches are rate-limited: at most one starts per {@code minInterval}, whatever asks for it
 * (age, a caller's {@link #refresh}, a failure to retry), and callers that arrive while one is in
 * flight wait for that one rather than start their own. A fetch bounds its own time (the fetcher
 * applies its timeouts); a caller never waits longer than {@code maxWait} for one.
 *
 * <p>A fetch whose result {@linkplain Object#equals equals} the current value keeps the current
 * instance, so callers can tell "changed" by identity (the verified-token cache does).
 *
 * <p>An outage is logged once, at WARN, when a fetch first fails, and once at INFO when one
 * succeeds again; failures between are logged at DEBUG.
 */
public final class RemoteCache<T> {

    private static final Logger LOG = LoggerFactory.getLogger(RemoteCache.class);

    private record Snapshot<T>(T value, Instant fetchedAt) {}

    private final String name;
    private final Supplier<CompletableFuture<T>> fetcher;
    private final Function<String, RuntimeException> unavailable;
    private final InstantSource clock;
    private final Duration refreshAfter;
    private final Duration maxAge;
    private final Duration minInterval;
    private final Duration maxWait;

    private final ReentrantLock lock = new ReentrantLock();
    private volatile Snapshot<T> current;
    // guarded by lock
    private Instant lastAttempt;
    private boolean lastAttemptFailed;
    private String lastFailure;
    private CompletableFuture<T> inFlight;
    private long fetches;

    /**
     * @param name how log lines and exceptions name the service (no secrets)
     * @param fetcher starts one fetch; its future must complete (or fail) within its own timeouts
     * @param unavailable makes the exception thrown when no value can be served, from a message
     */
    public RemoteCache(
            String name,
            Supplier<CompletableFuture<T>> fetcher,
            Function<String, RuntimeException> unavailable,
            InstantSource clock,
            Duration refreshAfter,
            Duration maxAge,
            Duration minInterval,
            Duration maxWait) {
        this.name = name;
        this.fetcher = fetcher;
        this.unavailable = unavailable;
        this.clock = clock;
        this.refreshAfter = refreshAfter;
        this.maxAge = maxAge;
        this.minInterval = minInterval;
        this.maxWait = maxWait;
    }

    /** The value, fetched first if there is none young enough to serve. */
    public T get() {
        Snapshot<T> snapshot = current;
        Instant now = clock.instant();
        if (snapshot != null) {
            Duration age = Duration.between(snapshot.fetchedAt, now);
            if (age.compareTo(refreshAfter) < 0) {
                return snapshot.value;
            }
            if (age.compareTo(maxAge) < 0) {
                joinOrStart(now);
                return snapshot.value;
            }
        }
        CompletableFuture<T> fetch = joinOrStart(now);
        if (fetch == null) {
            throw unavailable.apply(unavailableMessage());
        }
        return await(fetch);
    }

    /**
     * The value after a fetch, for a caller that found the current value lacking (a token's key id
     * is not in the set). Within the rate limit it waits for a fetch (a running one, or a new one);
     * past it, it returns the current value unfetched, unless the last fetch failed, which makes
     * the answer unknowable now.
     */
    public T refresh() {
        Instant now = clock.instant();
        CompletableFuture<T> fetch = joinOrStart(now);
        if (fetch != null) {
            return await(fetch);
        }
        lock.lock();
        try {
            if (lastAttemptFailed) {
                throw unavailable.apply(unavailableMessage());
            }
        } finally {
            lock.unlock();
        }
        return get();
    }

    /** How many fetches have started (for tests and diagnostics). */
    public long fetches() {
        lock.lock();
        try {
            return fetches;
        } finally {
            lock.unlock();
        }
    }

    /** The fetch in flight, a new one if the rate limit allows, or null when neither. */
    private CompletableFuture<T> joinOrStart(Instant now) {
        lock.lock();
        try {
            if (inFlight != null) {
                return inFlight;
            }
            if (lastAttempt != null && now.isBefore(lastAttempt.plus(minInterval))) {
                return null;
            }
            lastAttempt = now;
            fetches++;
            CompletableFuture<T> started;
            try {
                started = Objects.requireNonNull(fetcher.get(), "fetcher returned null");
            } catch (RuntimeException e) {
                started = CompletableFuture.failedFuture(e);
            }
            // the callbacks take the lock too (reentrant when the fetch is already done), so a
            // caller only ever sees the future once its outcome is recorded
            CompletableFuture<T> recorded = started.whenComplete(this::record);
            inFlight = recorded.isDone() ? null : recorded;
            return recorded;
        } finally {
            lock.unlock();
        }
    }

    private void record(T value, Throwable failure) {
        lock.lock();
        try {
            inFlight = null;
            if (failure == null) {
                Snapshot<T> old = current;
                T kept = old != null && old.value.equals(value) ? old.value : value;
                current = new Snapshot<>(kept, clock.instant());
                if (lastAttemptFailed) {
                    LOG.info("{} is reachable again; keys refreshed", name);
                }
                lastAttemptFailed = false;
                lastFailure = null;
            } else {
                String reason = describe(failure);
                if (!lastAttemptFailed) {
                    LOG.warn(
                            "{} could not be fetched ({}); serving the keys fetched before, if any, until they are too old",
                            name,
                            reason);
                } else {
                    LOG.debug("{} still cannot be fetched ({})", name, reason);
                }
                lastAttemptFailed = true;
                lastFailure = reason;
            }
        } finally {
            lock.unlock();
        }
    }

    private T await(CompletableFuture<T> fetch) {
        try {
            fetch.get(maxWait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw unavailable.apply(name + " could not be fetched: " + describe(e.getCause()));
        } catch (TimeoutException e) {
            throw unavailable.apply(name + " did not answer within " + maxWait.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable.apply("interrupted while fetching " + name);
        }
        Snapshot<T> snapshot = current;
        if (snapshot == null) {
            // cannot happen: a successful fetch records its value before the future completes
            throw unavailable.apply(name + " returned nothing");
        }
        return snapshot.value;
    }

    private String unavailableMessage() {
        Snapshot<T> snapshot = current;
        lock.lock();
        try {
            String failure = lastFailure == null ? "" : " (last attempt: " + lastFailure + ")";
            return snapshot == null
                    ? name + " has not been fetched yet and the last attempt failed" + failure
                    : name + " was last fetched at " + snapshot.fetchedAt + ", too long ago to trust" + failure;
        } finally {
            lock.unlock();
        }
    }

    private static String describe(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
