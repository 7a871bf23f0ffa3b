package dev.rigel.internal.app;

import dev.rigel.internal.binding.CachedValue;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts and stops one app in Litestar's order. Startup enters the lifespan resources first, so
 * the startup hooks can use them; shutdown lets event listeners and background tasks finish,
 * then closes the values cached for the app's lifetime (often built on lifespan resources), the
 * lifespan resources in reverse order, runs the shutdown hooks, and closes the app's stores last
 * (shutdown hooks may still write to them). Startup and shutdown each run once per start.
 */
public final class Lifecycle {

    private static final Logger LOG = LoggerFactory.getLogger("dev.rigel.app");

    /** A startup or shutdown hook, already bound to its app. */
    @FunctionalInterface
    public interface Hook {
        void run() throws Exception;
    }

    private final AppServices services;
    private final List<Callable<AutoCloseable>> lifespans;
    private final List<Hook> onStartup;
    private final List<Hook> onShutdown;
    private final Deque<AutoCloseable> openResources = new ArrayDeque<>();
    private boolean started;

    /**
     * @param lifespans opens each lifespan resource (null: nothing to close), in opening order
     */
    public Lifecycle(
            AppServices services,
            List<Callable<AutoCloseable>> lifespans,
            List<Hook> onStartup,
            List<Hook> onShutdown) {
        this.services = services;
        this.lifespans = List.copyOf(lifespans);
        this.onStartup = List.copyOf(onStartup);
        this.onShutdown = List.copyOf(onShutdown);
    }

    public synchronized void startup() {
        if (started) {
            return;
        }
        started = true;
        try {
            for (Callable<AutoCloseable> resource : lifespans) {
                AutoCloseable opened = resource.call();
                if (opened != null) {
                    openResources.push(opened);
                }
            }
            for (Hook hook : onStartup) {
                hook.run();
            }
        } catch (Exception e) {
            shutdown();
            throw new IllegalStateException("App startup failed: " + e.getMessage(), e);
        }
    }

    public synchronized void shutdown() {
        if (!started) {
            return;
        }
        started = false;
        AppSettings settings = services.settings();
        // listeners may use everything below, so they finish first
        int left = services.work().drain(settings.shutdownDrainTimeout());
        if (left > 0) {
            LOG.warn(
                    "{} event listener(s) or background task(s) still running after {}; shutting down without them",
                    left,
                    settings.shutdownDrainTimeout());
        }
        for (CachedValue cache : services.cachedValues()) {
            try {
                cache.close();
            } catch (Exception e) {
                LOG.error("Cleanup of a cached dependency failed", e);
            }
        }
        while (!openResources.isEmpty()) {
            AutoCloseable resource = openResources.pop();
            try {
                resource.close();
            } catch (Exception e) {
                LOG.error("Closing lifespan resource {} failed", resource, e);
            }
        }
        for (Hook hook : onShutdown) {
            try {
                hook.run();
            } catch (Exception e) {
                LOG.error("Shutdown hook failed", e);
            }
        }
        try {
            settings.stores().close();
        } catch (Exception e) {
            LOG.error("Closing the app's stores failed", e);
        }
    }
}
