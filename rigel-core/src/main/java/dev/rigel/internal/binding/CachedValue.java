package dev.rigel.internal.binding;

import dev.rigel.di.Outcome;
import dev.rigel.di.Scoped;

/**
 * The app-lifetime value of a {@code useCache()} provider, made on first use. A scoped value's
 * cleanup runs when the app shuts down.
 */
public final class CachedValue {

    interface Producer {
        Object produce() throws Throwable;
    }

    private final Object lock = new Object();
    private volatile boolean ready;
    private Object value;
    private Scoped.Cleanup cleanup;

    Object get(Producer producer) throws Throwable {
        if (ready) {
            return value;
        }
        synchronized (lock) {
            if (!ready) {
                Object produced = producer.produce();
                if (produced instanceof Scoped<?> scoped) {
                    cleanup = scoped.cleanup();
                    produced = scoped.value();
                }
                value = produced;
                ready = true;
            }
            return value;
        }
    }

    public void close() throws Exception {
        Scoped.Cleanup pending;
        synchronized (lock) {
            pending = cleanup;
            cleanup = null;
            ready = false;
            value = null;
        }
        if (pending != null) {
            pending.close(Outcome.success());
        }
    }
}
