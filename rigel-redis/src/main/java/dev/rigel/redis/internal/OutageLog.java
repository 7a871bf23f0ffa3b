package dev.rigel.redis.internal;

import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;

/**
 * Says that a Redis service is down once per outage: a WARN when it starts, an INFO when it ends.
 * Every failed call during the outage reports it here, and only the first one is logged, so an
 * outage under load does not write a line per request.
 */
public final class OutageLog {

    private final Logger log;
    private final String service;
    private final String meanwhile;
    private final AtomicBoolean down = new AtomicBoolean();

    /**
     * @param service what is down, for the log, e.g. {@code Redis store at 127.0.0.1:6379}
     * @param meanwhile what callers see until it is back, e.g. {@code store calls fail at once}
     */
    public OutageLog(Logger log, String service, String meanwhile) {
        this.log = log;
        this.service = service;
        this.meanwhile = meanwhile;
    }

    /** Whether an outage has started and not ended. */
    public boolean isDown() {
        return down.get();
    }

    /** An outage starts (logged unless one is already under way). */
    public void started(String cause) {
        if (down.compareAndSet(false, true)) {
            log.warn("{} is unavailable ({}); {} until it is back", service, cause, meanwhile);
        }
    }

    /** The outage is over (logged if there was one). */
    public void ended() {
        if (down.get() && down.compareAndSet(true, false)) {
            log.info("{} is available again", service);
        }
    }
}
