/**
 * Typed settings for Rigel apps: records bound from command-line flags, environment variables,
 * {@code application.yaml} / {@code .properties} files with profiles, and defaults, then checked
 * with their Jakarta constraints.
 */
module dev.rigel.config {
    requires transitive dev.rigel.core;
    requires com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.dataformat.yaml;
    requires com.fasterxml.jackson.datatype.jdk8;
    requires com.fasterxml.jackson.datatype.jsr310;
    requires jakarta.validation;
    requires org.hibernate.validator;

    exports dev.rigel.config;

// the records themselves live in the app's modules; Jackson binds them through their canonical
// constructors, which needs no opens for public records in exported packages
}
