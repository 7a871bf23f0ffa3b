package dev.rigel.stores;

import dev.rigel.exceptions.DependencyUnavailable;

/**
 * A store could not be reached in time: its server is down, unreachable, or slower than the
 * store's command timeout. Nothing was read or written (or, for a timed-out write, it is unknown
 * whether it landed). Retrying later may succeed; the store reconnects on its own.
 *
 * <p>Callers that use a store as a cache catch it and carry on without the cache. Escaping a
 * handler or middleware, it is answered 503 with {@code Retry-After} (not a 500), and it is not
 * logged per request: the store logs the outage once when it starts and once when it ends.
 */
public class StoreUnavailableException extends RuntimeException implements DependencyUnavailable {

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
