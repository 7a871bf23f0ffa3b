package dev.rigel.config;

import dev.rigel.middleware.cors.CORSConfig;
import jakarta.validation.constraints.Min;
import java.util.List;
import java.util.Optional;

/**
 * Cross-origin requests under {@code cors.*}: none are allowed until {@code allow-origins} lists
 * some. {@link #toConfig()} gives the app's {@code cors(…)} its config.
 */
public record CorsSettings(
        @Description("origins allowed to call the API, e.g. https://app.example.com; * for any")
        List<String> allowOrigins,

        @Description("methods allowed across origins") @Default("GET,POST,PUT,PATCH,DELETE,OPTIONS")
        List<String> allowMethods,

        @Description("request headers allowed across origins") @Default("*")
        List<String> allowHeaders,

        @Description("whether cross-origin requests may carry cookies") @Default("false")
        boolean allowCredentials,

        @Description("response headers scripts may read") List<String> exposeHeaders,

        @Description("how long browsers may cache a preflight answer, in seconds") @Default("600") @Min(0)
        int maxAge) {

    /** The CORS config these settings describe, or empty when no origin is allowed. */
    public Optional<CORSConfig> toConfig() {
        if (allowOrigins == null || allowOrigins.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(CORSConfig.builder()
                .allowOrigins(allowOrigins)
                .allowMethods(allowMethods)
                .allowHeaders(allowHeaders)
                .allowCredentials(allowCredentials)
                .exposeHeaders(exposeHeaders == null ? List.of() : exposeHeaders)
                .maxAge(maxAge)
                .build());
    }
}
