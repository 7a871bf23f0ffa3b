package dev.rigel.health;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * One thing the app needs in order to serve, checked on demand: a database that lends a
 * connection, a Redis that answers PING, a channels backend that is subscribed.
 *
 * <pre>{@code
 * HealthCheck search = HealthCheck.of("search", () -> client.ping() ? Result.up() : Result.down("no answer"));
 * }</pre>
 *
 * <p>A check is run by {@link HealthPlugin} on a virtual thread of its own, in parallel with the
 * others and with a timeout, so it may block (a JDBC call, a network round trip). Returning
 * {@link Result#up()} means usable; {@link Result#down(String)} or any exception means not. A
 * check that is still running when asked again is not started twice: the new question waits for
 * the run already under way.
 */
public interface HealthCheck {

    /** The name the check is reported under, e.g. {@code db}, {@code redis}. */
    String name();

    /**
     * Checks once. May block; an exception counts as down.
     *
     * @throws Exception whatever reaching the dependency threw: the check is down
     */
    Result check() throws Exception;

    /** A check named {@code name} that runs {@code check}. */
    static HealthCheck of(String name, Callable<Result> check) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(check, "check");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a health check needs a name");
        }
        return new HealthCheck() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Result check() throws Exception {
                return check.call();
            }

            @Override
            public String toString() {
                return "HealthCheck[" + name + "]";
            }
        };
    }

    /**
     * What a check found: up or down, a reason when down, and details (numbers, versions) shown
     * only when the plugin is told to show details.
     *
     * @param healthy whether the dependency is usable
     * @param reason why it is not (null when up); written so a client may read it
     * @param details extra facts, in order; never null
     */
    record Result(boolean healthy, String reason, Map<String, Object> details) {

        public Result {
            details = details == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(details));
        }

        /** Usable. */
        public static Result up() {
            return new Result(true, null, Map.of());
        }

        /** Usable, with details such as a version or a pool's size. */
        public static Result up(Map<String, ?> details) {
            return new Result(true, null, new LinkedHashMap<String, Object>(details));
        }

        /** Not usable, for {@code reason} (shown to clients: no secrets, no host names). */
        public static Result down(String reason) {
            return new Result(false, Objects.requireNonNull(reason, "reason"), Map.of());
        }
    }
}
