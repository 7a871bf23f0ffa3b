package dev.rigel.metrics;

import dev.rigel.App;
import dev.rigel.InitPlugin;
import dev.rigel.Route;
import dev.rigel.di.Provide;
import dev.rigel.http.Response;
import dev.rigel.metrics.internal.MetricsMiddleware;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Request metrics with Micrometer, served to Prometheus:
 *
 * <pre>{@code
 * App.builder().plugins(MetricsPlugin.prometheus())
 * }</pre>
 *
 * <p>When the app is built the plugin adds, to the app layer:
 * <ul>
 *   <li>a middleware (also around 404/405 answers) recording the {@code http.server.requests} timer
 *       by {@code method}, {@code uri} (the route template, {@code NOT_FOUND} / {@code UNMATCHED}
 *       without a route: never the raw path), {@code status}, {@code outcome} and
 *       {@code exception}, and the {@code http.server.requests.in.flight} gauge;</li>
 *   <li>{@code GET /metrics} (see {@link Builder#path}) answering with the Prometheus text format;</li>
 *   <li>a startup hook binding JVM and process metrics (memory, GC, threads, class loading, CPU,
 *       uptime) and a shutdown hook releasing them, next to whatever hooks the app has;</li>
 *   <li>the registry as the dependency {@code meterRegistry}, for the app's own meters.</li>
 * </ul>
 *
 * <p>The middleware is added when the app is built, after the app's own middleware, so it sits
 * inside them: what an app-level middleware refuses on its own is not counted.
 */
public final class MetricsPlugin implements InitPlugin {

    private static final Logger LOG = LoggerFactory.getLogger("dev.rigel.metrics");

    /** The Prometheus text exposition format, version 0.0.4, which every Prometheus server reads. */
    public static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry;
    private final String path;
    private final boolean jvmMetrics;
    private final String[] exclude;
    private final List<AutoCloseable> bound = new ArrayList<>();

    private MetricsPlugin(Builder builder) {
        this.registry = builder.registry;
        this.path = builder.path;
        this.jvmMetrics = builder.jvmMetrics;
        this.exclude = builder.exclude.toArray(String[]::new);
    }

    /** Defaults: a new Prometheus registry, {@code /metrics}, JVM metrics on. */
    public static MetricsPlugin prometheus() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The registry the app's meters live in; add your own meters to it. */
    public PrometheusMeterRegistry registry() {
        return registry;
    }

    @Override
    public void onAppInit(App.Builder app) {
        MetricsMiddleware middleware = new MetricsMiddleware(registry);
        middleware.exclude(exclude);
        app.middleware(middleware)
                .alsoForUnmatchedRoutes(middleware)
                .dependency("meterRegistry", Provide.value((MeterRegistry) registry))
                .routeHandlers(Route.get(
                                path,
                                () -> Response.of(registry.scrape(PROMETHEUS_TEXT))
                                        .mediaType(PROMETHEUS_TEXT))
                        .name("metrics")
                        .includeInSchema(false))
                .onStartup(started -> bindJvmMetrics())
                .onShutdown(stopped -> unbindJvmMetrics());
    }

    private synchronized void bindJvmMetrics() {
        if (!jvmMetrics || !bound.isEmpty()) {
            return;
        }
        // the GC binder listens to JVM notifications until closed; the others only register gauges
        JvmGcMetrics gc = new JvmGcMetrics();
        for (MeterBinder binder : List.of(
                new ClassLoaderMetrics(),
                new JvmMemoryMetrics(),
                gc,
                new JvmThreadMetrics(),
                new ProcessorMetrics(),
                new UptimeMetrics())) {
            binder.bindTo(registry);
        }
        bound.add(gc);
    }

    private synchronized void unbindJvmMetrics() {
        for (AutoCloseable binder : bound) {
            try {
                binder.close();
            } catch (Exception e) {
                LOG.warn("Closing {} failed", binder, e);
            }
        }
        bound.clear();
    }

    @Override
    public String toString() {
        return "MetricsPlugin[" + path + "]";
    }

    /** Configures a {@link MetricsPlugin}. */
    public static final class Builder {
        private PrometheusMeterRegistry registry;
        private String path = "/metrics";
        private boolean jvmMetrics = true;
        private final List<String> exclude = new ArrayList<>();

        private Builder() {}

        /** The registry to fill and scrape (default: a new one with Prometheus' default settings). */
        public Builder registry(PrometheusMeterRegistry meterRegistry) {
            this.registry = Objects.requireNonNull(meterRegistry, "registry");
            return this;
        }

        /** Where the scrape endpoint answers (default {@code /metrics}). */
        public Builder path(String scrapePath) {
            this.path = Objects.requireNonNull(scrapePath, "path");
            return this;
        }

        /** Whether JVM and process metrics are bound at startup (default on). */
        public Builder jvmMetrics(boolean enabled) {
            this.jvmMetrics = enabled;
            return this;
        }

        /** Paths (regular expressions) whose requests are not recorded, e.g. {@code "^/health$"}. */
        public Builder exclude(String... pathPatterns) {
            exclude.addAll(List.of(pathPatterns));
            return this;
        }

        public MetricsPlugin build() {
            if (registry == null) {
                registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            }
            return new MetricsPlugin(this);
        }
    }
}
