package dev.rigel.openapi;

/**
 * An API reference UI the plugin can serve at {@code {path}/{segment}} (Litestar's render
 * plugins). Every one loads its scripts and styles from this server, never from a CDN: Swagger
 * UI, ReDoc and RapiDoc from their webjars, Scalar and Stoplight Elements from bundles inside
 * rigel-openapi (their versions and licences are listed in {@code dev/rigel/openapi/ui/NOTICE.md}).
 */
public enum Renderer {
    /** Swagger UI, at {@code {path}/swagger}. */
    SWAGGER("swagger"),
    /** ReDoc, at {@code {path}/redoc}. */
    REDOC("redoc"),
    /** Scalar API Reference, at {@code {path}/scalar}. */
    SCALAR("scalar"),
    /** RapiDoc, at {@code {path}/rapidoc}. */
    RAPIDOC("rapidoc"),
    /** Stoplight Elements, at {@code {path}/elements}. */
    ELEMENTS("elements");

    private final String segment;

    Renderer(String segment) {
        this.segment = segment;
    }

    /** The path segment the UI is served under, e.g. {@code redoc}. */
    public String segment() {
        return segment;
    }
}
