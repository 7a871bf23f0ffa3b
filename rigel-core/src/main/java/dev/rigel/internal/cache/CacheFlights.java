package dev.rigel.internal.cache;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The response-cache misses being computed in this app, by cache key (single-flight): the first
 * request to miss a key leads and runs the handler, later ones for the same key wait for it and
 * take what it stored. One registry per app, shared by its routes, because keys name entries of
 * the app's one response-cache store whichever route made them. Only misses touch it.
 */
public final class CacheFlights {

    /** One leader's computation of a key; followers wait on it. */
    static final class Flight {
        private final CountDownLatch done = new CountDownLatch(1);
        private final long startedNanos = System.nanoTime();
        /** The entry as written to the store, or null when the leader stored nothing; set before {@code done}. */
        private volatile byte[] stored;

        /**
         * Waits until the leader finishes or {@code timeoutNanos} after it started, whichever is
         * first; the stored entry, or null when nothing was stored or the wait ended early. An
         * interrupt ends the request with a {@code CancellationException}.
         */
        byte[] await(long timeoutNanos) {
            long left = timeoutNanos - (System.nanoTime() - startedNanos);
            try {
                if (left <= 0 || !done.await(left, TimeUnit.NANOSECONDS)) {
                    return null;
                }
            } catch (InterruptedException e) {
                // whoever interrupted wants this request to stop: running the handler now would
                // only have its first blocking call fail (or close a socket it uses)
                Thread.currentThread().interrupt();
                throw new java.util.concurrent.CancellationException(
                        "interrupted while waiting for another request to fill the response cache");
            }
            return stored;
        }
    }

    private final ConcurrentHashMap<String, Flight> flights = new ConcurrentHashMap<>();

    /** A new flight for {@code key} when this caller leads, or the running one to follow. */
    Flight join(String key, Flight mine) {
        Flight running = flights.putIfAbsent(key, mine);
        return running == null ? mine : running;
    }

    /**
     * Ends a leader's flight and releases its followers with the entry it stored (null: none, the
     * followers run the handler themselves). Idempotent.
     */
    void finish(String key, Flight flight, byte[] stored) {
        if (flight.done.getCount() == 0) {
            return;
        }
        flight.stored = stored;
        flights.remove(key, flight);
        flight.done.countDown();
    }
}
