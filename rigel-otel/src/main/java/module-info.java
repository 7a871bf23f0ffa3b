/** Request tracing with the OpenTelemetry API. */
// "requires-transitive-automatic": the OpenTelemetry API jars are automatic modules; their names
// come from the Automatic-Module-Name in their manifests, so they are stable
@SuppressWarnings("requires-transitive-automatic")
module dev.rigel.otel {
    requires transitive dev.rigel.core;
    // OpenTelemetryPlugin takes an OpenTelemetry and a TextMapPropagator
    requires transitive io.opentelemetry.api;
    requires transitive io.opentelemetry.context;

    exports dev.rigel.otel;
}
