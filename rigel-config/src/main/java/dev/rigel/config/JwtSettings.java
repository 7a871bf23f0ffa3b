package dev.rigel.config;

import dev.rigel.security.SecretString;
import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import java.util.List;

/**
 * JSON Web Tokens under {@code jwt.*} (conventionally), for {@code rigel-security}'s
 * {@code TokenEncoder}/{@code TokenVerifier}: the app passes these on.
 *
 * @param secret the HMAC key for HS256/384/512, at least as many bytes as the hash
 * @param jwksUrl for a resource server: the identity provider's key set instead of a secret
 */
public record JwtSettings(
        @Description("HMAC secret that signs and verifies tokens")
        SecretString secret,

        @Description("signing algorithm, e.g. HS256, RS256, ES256, EdDSA") @Default("HS256") @NotBlank
        String algorithm,

        @Description("the tokens' issuer (iss)") String issuer,
        @Description("the audiences (aud) accepted") List<String> audience,

        @Description("how long an issued token lives") @Default("15m")
        Duration ttl,

        @Description("a JWKS URL to verify tokens from an identity provider")
        String jwksUrl) {}
