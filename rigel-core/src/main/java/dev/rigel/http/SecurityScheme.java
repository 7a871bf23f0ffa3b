package dev.rigel.http;

import java.util.Collections;
import java.util.LinkedHashMap;
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

    /** Keeps the definition's order (as written), so whatever is made from it reads the same every run. */
    public SecurityScheme {
        Objects.requireNonNull(name, "name");
        definition = Collections.unmodifiableMap(new LinkedHashMap<>(definition));
    }

    /** HTTP bearer authentication; {@code bearerFormat} (e.g. {@code JWT}) may be null. */
    public static SecurityScheme bearer(String name, String bearerFormat) {
        Map<String, Object> definition = ordered("type", "http", "scheme", "bearer");
        if (bearerFormat != null) {
            definition.put("bearerFormat", bearerFormat);
        }
        return new SecurityScheme(name, definition);
    }

    /** An API key sent in a cookie, header or query parameter ({@code in}: cookie, header or query). */
    public static SecurityScheme apiKey(String name, String in, String parameterName) {
        return new SecurityScheme(name, ordered("type", "apiKey", "in", in, "name", parameterName));
    }

    /** The OAuth 2.0 password flow, with the URL that issues tokens. */
    public static SecurityScheme oauth2Password(String name, String tokenUrl) {
        Map<String, Object> password = ordered("tokenUrl", tokenUrl, "scopes", Map.of());
        return new SecurityScheme(name, ordered("type", "oauth2", "flows", ordered("password", password)));
    }

    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
