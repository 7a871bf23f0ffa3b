package dev.rigel.internal.app;

import dev.rigel.exceptions.DependencyUnavailable;
import dev.rigel.exceptions.ServiceUnavailableException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The exceptions that mean a service the app depends on is down ({@link DependencyUnavailable}: a
 * store, a channels broker): the request is answered 503 with {@code Retry-After}, never a 500,
 * and nothing is logged for it, because the store or backend logs the outage once when it starts
 * and once when it ends.
 */
public final class Outages {

    /**
     * Seconds a client should wait: a restarting or failing-over Redis is back within seconds, and
     * the backends find it again within one second of its return.
     */
    static final String RETRY_AFTER_SECONDS = "5";

    private Outages() {}

    /** The outage exception in {@code failure}'s cause chain (providers and callers may wrap it), or null. */
    public static Throwable find(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof DependencyUnavailable) {
                return t;
            }
        }
        return null;
    }

    /** The 503 a request that met an outage is answered with. */
    static ServiceUnavailableException asHttp() {
        return new ServiceUnavailableException("Service Unavailable", Map.of("Retry-After", RETRY_AFTER_SECONDS), null);
    }
}
