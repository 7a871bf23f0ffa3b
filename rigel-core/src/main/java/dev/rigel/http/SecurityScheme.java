package dev.rigel.http;

import java.util.Map;
import java.util.Objects;

/**
 * How a client proves who it is on a route, as OpenAPI describes it: a name and the scheme's
 * definition (an OpenAPI Security Scheme Object, e.g. {@code {"type": "http", "scheme": "bearer",
 * "bearerFormat": "JWT"}}). Authentication middleware declare theirs, and {@link
 * HandlerInfo#securitySchemes()} lists those that cover a route, so API documentation marks
 * exactly the routes each one guards.
 *
 * @param name the scheme's key in the document's {@code components.securitySchemes}
 * @param definition the Security Scheme Object
 */
public record SecurityScheme(String name, Map<String, Object> definition) {

    public SecurityScheme {
        Objects.requireNonNull(name, "name");
        definition = Map.copyOf(definition);
    }

    /** HTTP bearer authentication; {@code bearerFormat} (e.g. {@code JWT}) may be null. */
    public static SecurityScheme bearer(String name, String bearerFormat) {
        return bearerFormat == null
                ? new SecurityScheme(name, Map.of("type", "http", "scheme", "bearer"))
                : new SecurityScheme(name, Map.of("type", "http", "scheme", "bearer", "bearerFormat", bearerFormat));
    }

    /** An API key sent in a cookie, header or query parameter ({@code in}: cookie, header or query). */
    public static SecurityScheme apiKey(String name, String in, String parameterName) {
        return new SecurityScheme(name, Map.of("type", "apiKey", "in", in, "name", parameterName));
    }

    /** The OAuth 2.0 password flow, with the URL that issues tokens. */
    public static SecurityScheme oauth2Password(String name, String tokenUrl) {
        return new SecurityScheme(
                name,
                Map.of(
                        "type",
                        "oauth2",
                        "flows",
                        Map.of("password", Map.of("tokenUrl", tokenUrl, "scopes", Map.of()))));
    }
}
