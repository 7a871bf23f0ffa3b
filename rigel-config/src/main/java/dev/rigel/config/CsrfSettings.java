package dev.rigel.config;

import dev.rigel.middleware.csrf.CSRFConfig;
import dev.rigel.security.SecretString;
import java.util.Optional;

/**
 * CSRF protection under {@code csrf.*}: on once a secret is set. {@link #toConfig()} gives the
 * app's {@code csrf(…)} its config.
 */
public record CsrfSettings(
        @Description("signs CSRF tokens; unset for no CSRF protection")
        SecretString secret,

        @Description("the token's cookie") @Default(CSRFConfig.DEFAULT_COOKIE_NAME)
        String cookieName,

        @Description("the header a client echoes the token in") @Default(CSRFConfig.DEFAULT_HEADER_NAME)
        String headerName,

        @Description("send the cookie only over HTTPS") @Default("false")
        boolean cookieSecure) {

    /** The CSRF config these settings describe, or empty without a secret. */
    public Optional<CSRFConfig> toConfig() {
        if (secret == null || secret.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(CSRFConfig.builder(secret.reveal())
                .cookieName(cookieName)
                .headerName(headerName)
                .cookieSecure(cookieSecure)
                .build());
    }
}
