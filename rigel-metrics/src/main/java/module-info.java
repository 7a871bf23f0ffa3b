/** Request metrics with Micrometer, exposed for Prometheus. */
// "requires-transitive-automatic": Micrometer's jars are automatic modules; their names come from
// the Automatic-Module-Name in their manifests, so they are stable
@SuppressWarnings("requires-transitive-automatic")
module dev.rigel.metrics {
    requires transitive dev.rigel.core;
    // MetricsPlugin takes and exposes a PrometheusMeterRegistry (an automatic module, which also
    // gives its readers micrometer.core)
    requires transitive micrometer.registry.prometheus;
    requires micrometer.core;
    requires org.slf4j;

    exports dev.rigel.metrics;

    // the plugin's scrape route is a lambda, which rigel-core reads back as SerializedLambda through
    // the lambda class's private writeReplace
    opens dev.rigel.metrics to
            dev.rigel.core;
}
