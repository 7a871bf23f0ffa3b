package dev.rigel.health;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;

/**
 * One health check and its run under way, if any. Questions that arrive while a run is under way
 * wait for that run instead of starting another, so a check that hangs (a database that accepts
 * connections and never answers) holds one virtual thread, not one per probe, and a burst of
 * probes costs the dependency one round trip.
 */
final class CheckSlot {

    /** A run of the check: when it started and what it will find. */
    record Run(long startedNanos, CompletableFuture<HealthCheck.Result> result) {}

    private final HealthCheck check;
    private final String name;
    private final AtomicReference<Run> current = new AtomicReference<>();
    // null until the first run ends; for logging each change once
    private volatile Boolean lastUp;

    CheckSlot(HealthCheck check, String name) {
        this.check = check;
        this.name = name;
    }

    String name() {
        return name;
    }

    HealthCheck check() {
        return check;
    }

    /** The run under way, or a new one started on a virtual thread. */
    Run run() {
        while (true) {
            Run running = current.get();
            if (running != null && !running.result().isDone()) {
                return running;
            }
            Run fresh = new Run(System.nanoTime(), new CompletableFuture<>());
            if (current.compareAndSet(running, fresh)) {
                Thread.ofVirtual().name("rigel-health-" + name).start(() -> {
                    try {
                        HealthCheck.Result result = check.check();
                        fresh.result().complete(result == null ? HealthCheck.Result.down("no result") : result);
                    } catch (Throwable e) {
                        fresh.result().completeExceptionally(e);
                    }
                });
                return fresh;
            }
        }
    }

    /**
     * Logs a change of state: down at WARN (once per outage, not per probe), back up at INFO. A
     * dependency that is down is the operator's news, never an error of the app's.
     */
    void record(boolean up, String reason, Logger log) {
        Boolean before = lastUp;
        lastUp = up;
        if (!up && !Boolean.FALSE.equals(before)) {
            log.warn("Health check '{}' is down: {}", name, reason);
        } else if (up && Boolean.FALSE.equals(before)) {
            log.info("Health check '{}' is up again", name);
        }
    }
}
