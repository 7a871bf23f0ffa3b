package dev.rigel.otel;

import dev.rigel.App;
import dev.rigel.InitPlugin;
import dev.rigel.otel.internal.TracingMiddleware;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * OpenTelemetry tracing: a {@code SERVER} span per request.
 *
 * <pre>{@code
 * OpenTelemetry otel = OpenTelemetrySdk.builder()…build();   // the application's SDK and exporters
 * App.builder().plugins(OpenTelemetryPlugin.of(otel))
 * }</pre>
 *
 * <p>Spans are named {@code METHOD route-template} ({@code GET /users/{user_id:int}}) and carry the
 * HTTP semantic convention attributes ({@code http.request.method}, {@code http.route},
 * {@code url.path}, {@code url.scheme}, {@code server.address}, {@code client.address},
 * {@code http.response.status_code}, …). A request's {@code traceparent}/{@code tracestate} make
 * its span a child of the caller's; the span is the current context while the handler runs, so
 * {@code tracer.spanBuilder(…).startSpan()} there creates children. 5xx answers and exceptions mark
 * the span as an error.
 *
 * <p>Context is extracted with the instance's propagators, or with W3C Trace Context when those
 * are the no-op default. The middleware is added to the app layer (and around 404/405 answers)
 * when the app is built, inside the app's own middleware.
 */
public final class OpenTelemetryPlugin implements InitPlugin {

    /** The instrumentation scope name spans are created under. */
    public static final String INSTRUMENTATION = "dev.rigel";

    private final OpenTelemetry openTelemetry;
    private final TextMapPropagator propagator;
    private final String[] exclude;

    private OpenTelemetryPlugin(Builder builder) {
        this.openTelemetry = builder.openTelemetry;
        TextMapPropagator configured = builder.propagator != null
                ? builder.propagator
                : openTelemetry.getPropagators().getTextMapPropagator();
        this.propagator = configured.fields().isEmpty() ? W3CTraceContextPropagator.getInstance() : configured;
        this.exclude = builder.exclude.toArray(String[]::new);
    }

    public static OpenTelemetryPlugin of(OpenTelemetry openTelemetry) {
        return builder(openTelemetry).build();
    }

    public static Builder builder(OpenTelemetry openTelemetry) {
        return new Builder(openTelemetry);
    }

    @Override
    public void onAppInit(App.Builder app) {
        TracingMiddleware middleware = new TracingMiddleware(openTelemetry.getTracer(INSTRUMENTATION), propagator);
        middleware.exclude(exclude);
        app.middleware(middleware).alsoForUnmatchedRoutes(middleware);
    }

    @Override
    public String toString() {
        return "OpenTelemetryPlugin";
    }

    /** Configures an {@link OpenTelemetryPlugin}. */
    public static final class Builder {
        private final OpenTelemetry openTelemetry;
        private TextMapPropagator propagator;
        private final List<String> exclude = new ArrayList<>();

        private Builder(OpenTelemetry openTelemetry) {
            this.openTelemetry = Objects.requireNonNull(openTelemetry, "openTelemetry");
        }

        /** Reads the caller's context with this propagator instead of the instance's. */
        public Builder propagator(TextMapPropagator textMapPropagator) {
            this.propagator = Objects.requireNonNull(textMapPropagator, "propagator");
            return this;
        }

        /** Paths (regular expressions) not traced, e.g. {@code "^/health$"}, {@code "^/metrics$"}. */
        public Builder exclude(String... pathPatterns) {
            exclude.addAll(List.of(pathPatterns));
            return this;
        }

        public OpenTelemetryPlugin build() {
            return new OpenTelemetryPlugin(this);
        }
    }
}
