/** OpenAPI 3.1 documents generated from a Rigel app's routes, and the UIs that show them. */
module dev.rigel.openapi {
    requires transitive dev.rigel.core;
    requires com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.dataformat.yaml;
    requires jakarta.validation;
    requires org.slf4j;

    exports dev.rigel.openapi;

    // the plugin's routes are lambdas, which rigel-core reads back as SerializedLambda through the
    // lambda class's private writeReplace
    opens dev.rigel.openapi to
            dev.rigel.core;

    // found by rigel-core's ServiceLoader (META-INF/services keeps it found on the class path)
    provides dev.rigel.plugin.AutoPlugin with
            dev.rigel.openapi.OpenAPIAutoPlugin;
}
