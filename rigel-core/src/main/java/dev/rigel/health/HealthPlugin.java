package dev.rigel.health;

import dev.rigel.App;
import dev.rigel.InitPlugin;
import dev.rigel.Route;
import dev.rigel.annotation.Operation;
import dev.rigel.http.Response;
import dev.rigel.stores.Store;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Health endpoints for load balancers and orchestrators:
 *
 * <pre>{@code
 * App.builder().plugins(HealthPlugin.create())
 * }</pre>
 *
 * <ul>
 *   <li>{@code GET /health/live}: the process answers (liveness). No checks unless
 *       {@link Builder#livenessCheck} adds some: a dependency that is down is no reason to restart
 *       the process.</li>
 *   <li>{@code GET /health/ready}: the app can serve (readiness): the app's own
 *       {@link Builder#check checks} and those of every plugin and registered store that is a
 *       {@link HealthContributor} (the JDBC/JPA pool lends a connection, Redis answers PING, the
 *       channels backend is subscribed); 503 as soon as the server begins a graceful stop
 *       ({@link App#isDraining()}).</li>
 *   <li>{@code GET /health}: both together.</li>
 * </ul>
 *
 * <p>Each answers 200 when everything is up and 503 otherwise, with {@code Cache-Control: no-store}
 * and a JSON body whose first member is the status, so {@code {"status":"ok"}} checks keep working:
 * <pre>{@code
 * {"status":"ok","checks":{"db":{"status":"ok","duration_ms":2},"redis":{"status":"ok","duration_ms":1}}}
 * {"status":"down","checks":{"db":{"status":"down","duration_ms":2000,"error":"timed out after 2000 ms"}}}
 * }</pre>
 * ({@code "draining":true} is added while the server stops.) Checks run in parallel on virtual
 * threads, each with a {@link Builder#timeout timeout} (2 s by default), so an answer never takes
 * much longer than that, and never on the event loop. A check going down is logged once at WARN,
 * its recovery at INFO. Exception messages and checks' details are left out of the body unless
 * {@link Builder#showDetails(boolean)}: the endpoints are usually public.
 *
 * <p>One plugin instance reports on one running app: an app made with
 * {@code withDependencyOverrides} shares its plugins, and the one started last is reported.
 */
public final class HealthPlugin implements InitPlugin {

    private enum Kind {
        LIVE,
        READY,
        ALL
    }

    /** The app being reported on, and its checks. */
    private record Running(App app, List<CheckSlot> live, List<CheckSlot> ready) {}

    private final String path;
    private final String livePath;
    private final String readyPath;
    private final Duration timeout;
    private final boolean showDetails;
    private final List<HealthCheck> readinessChecks;
    private final List<HealthCheck> livenessChecks;
    private volatile Running running;

    private HealthPlugin(Builder b) {
        this.path = b.path;
        this.livePath = b.livePath == null ? b.path + "/live" : b.livePath;
        this.readyPath = b.readyPath == null ? b.path + "/ready" : b.readyPath;
        this.timeout = b.timeout;
        this.showDetails = b.showDetails;
        this.readinessChecks = List.copyOf(b.readinessChecks);
        this.livenessChecks = List.copyOf(b.livenessChecks);
    }

    /** The defaults: {@code /health}, {@code /health/live}, {@code /health/ready}, 2 s per check. */
    public static HealthPlugin create() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void onAppInit(App.Builder app) {
        app.routeHandlers(
                        // method references, so the OpenAPI document reads their annotations and types
                        Route.get(path, this::summary).name("health"),
                        Route.get(livePath, this::liveness).name("health_live"),
                        Route.get(readyPath, this::readiness).name("health_ready"))
                // after every lifespan resource is open, so contributors' checks can reach them
                .onStartup(this::started)
                .onShutdown(this::stopped);
    }

    private void started(App app) {
        Set<String> names = new HashSet<>();
        Set<HealthCheck> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<CheckSlot> live = slots(livenessChecks, names, seen);
        List<HealthCheck> ready = new ArrayList<>(readinessChecks);
        for (HealthContributor contributor : app.plugins().allOf(HealthContributor.class)) {
            ready.addAll(contributor.healthChecks(app));
        }
        for (String name : app.stores().names()) {
            Store store = app.stores().get(name);
            if (store instanceof HealthContributor contributor) {
                ready.addAll(contributor.healthChecks(app));
            }
        }
        running = new Running(app, live, slots(ready, names, seen));
    }

    private void stopped(App app) {
        Running current = running;
        if (current != null && current.app() == app) {
            running = null;
        }
    }

    /** A slot per distinct check; a name given twice gets a number ({@code db}, {@code db-2}). */
    private static List<CheckSlot> slots(List<HealthCheck> checks, Set<String> names, Set<HealthCheck> seen) {
        List<CheckSlot> slots = new ArrayList<>();
        for (HealthCheck check : checks) {
            if (!seen.add(check)) {
                continue;
            }
            String name = check.name();
            for (int n = 2; !names.add(name); n++) {
                name = check.name() + "-" + n;
            }
            slots.add(new CheckSlot(check, name));
        }
        return slots;
    }

    @Operation(
            summary = "Health",
            description = "Liveness and readiness together: 200 when every check is up, 503 with the same body"
                    + " otherwise (a check down, or the server stopping).")
    private Response<Map<String, Object>> summary() {
        return answer(Kind.ALL);
    }

    @Operation(
            summary = "Liveness",
            description = "200 while the process answers (and its liveness checks, if any, are up), else 503.")
    private Response<Map<String, Object>> liveness() {
        return answer(Kind.LIVE);
    }

    @Operation(
            summary = "Readiness",
            description = "200 when the app can serve: every readiness check (database, Redis, channels…) is up."
                    + " 503 with the same body when one is down or the server has begun to stop.")
    private Response<Map<String, Object>> readiness() {
        return answer(Kind.READY);
    }

    private Response<Map<String, Object>> answer(Kind kind) {
        Running current = running;
        Map<String, Object> body = new LinkedHashMap<>();
        if (current == null) {
            body.put("status", "down");
            body.put("checks", Map.of());
            return reply(body, false);
        }
        List<CheckSlot> slots = switch (kind) {
            case LIVE -> current.live();
            case READY -> current.ready();
            case ALL -> concat(current.live(), current.ready());
        };
        List<HealthRunner.Outcome> outcomes = HealthRunner.run(slots, timeout);
        boolean draining = kind != Kind.LIVE && current.app().isDraining();
        boolean up = !draining && outcomes.stream().allMatch(HealthRunner.Outcome::up);
        Map<String, Object> checks = new LinkedHashMap<>();
        for (HealthRunner.Outcome outcome : outcomes) {
            checks.put(outcome.name(), describe(outcome));
        }
        body.put("status", up ? "ok" : "down");
        if (draining) {
            body.put("draining", true);
        }
        body.put("checks", checks);
        return reply(body, up);
    }

    private Map<String, Object> describe(HealthRunner.Outcome outcome) {
        Map<String, Object> check = new LinkedHashMap<>();
        check.put("status", outcome.up() ? "ok" : "down");
        check.put("duration_ms", outcome.durationMillis());
        if (!outcome.up()) {
            String error = outcome.error();
            if (showDetails && outcome.failure() != null) {
                error = outcome.failure().toString();
            }
            check.put("error", error);
        }
        if (showDetails && !outcome.details().isEmpty()) {
            check.put("details", outcome.details());
        }
        return check;
    }

    private static Response<Map<String, Object>> reply(Map<String, Object> body, boolean up) {
        return Response.of(body).status(up ? 200 : 503).header("cache-control", "no-store");
    }

    private static List<CheckSlot> concat(List<CheckSlot> a, List<CheckSlot> b) {
        List<CheckSlot> all = new ArrayList<>(a.size() + b.size());
        all.addAll(a);
        all.addAll(b);
        return all;
    }

    @Override
    public String toString() {
        return "HealthPlugin[" + path + ", " + livePath + ", " + readyPath + "]";
    }

    /** Configures a {@link HealthPlugin}. */
    public static final class Builder {
        private String path = "/health";
        private String livePath;
        private String readyPath;
        private Duration timeout = Duration.ofSeconds(2);
        private boolean showDetails;
        private final List<HealthCheck> readinessChecks = new ArrayList<>();
        private final List<HealthCheck> livenessChecks = new ArrayList<>();

        private Builder() {}

        /** The summary's path (default {@code /health}); liveness and readiness default to below it. */
        public Builder path(String summaryPath) {
            this.path = requirePath(summaryPath);
            return this;
        }

        /** The liveness path (default {@code {path}/live}), e.g. {@code /livez}. */
        public Builder livenessPath(String livenessPath) {
            this.livePath = requirePath(livenessPath);
            return this;
        }

        /** The readiness path (default {@code {path}/ready}), e.g. {@code /readyz}. */
        public Builder readinessPath(String readinessPath) {
            this.readyPath = requirePath(readinessPath);
            return this;
        }

        /** How long each check may take before it counts as down (default 2 s). */
        public Builder timeout(Duration perCheck) {
            Objects.requireNonNull(perCheck, "timeout");
            if (perCheck.isNegative() || perCheck.isZero()) {
                throw new IllegalArgumentException("timeout must be positive: " + perCheck);
            }
            this.timeout = perCheck;
            return this;
        }

        /** Adds readiness checks (also in the summary). */
        public Builder check(HealthCheck... checks) {
            for (HealthCheck check : checks) {
                readinessChecks.add(Objects.requireNonNull(check, "check"));
            }
            return this;
        }

        /**
         * Adds liveness checks (also in the summary): only for states a restart cures (a deadlock
         * detector, say), never for dependencies, or every instance restarts when one is down.
         */
        public Builder livenessCheck(HealthCheck... checks) {
            for (HealthCheck check : checks) {
                livenessChecks.add(Objects.requireNonNull(check, "check"));
            }
            return this;
        }

        /**
         * Whether the body shows exception messages and checks' details (default false: they may
         * name hosts and versions, and health endpoints are usually reachable without credentials).
         */
        public Builder showDetails(boolean show) {
            this.showDetails = show;
            return this;
        }

        public HealthPlugin build() {
            return new HealthPlugin(this);
        }

        private static String requirePath(String path) {
            Objects.requireNonNull(path, "path");
            if (!path.startsWith("/")) {
                throw new IllegalArgumentException("a health path starts with '/': " + path);
            }
            return path;
        }
    }
}
