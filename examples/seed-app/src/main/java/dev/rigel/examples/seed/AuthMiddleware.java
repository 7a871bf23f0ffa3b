package dev.rigel.examples.seed;

import dev.rigel.exceptions.NotAuthorizedException;
import dev.rigel.middleware.Middleware;
import dev.rigel.protocol.Application;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;

/**
 * Requires {@code Authorization: Bearer <token>} on every request it wraps; anything else gets a
 * 401 in the standard error shape, with a {@code WWW-Authenticate} challenge.
 */
public final class AuthMiddleware implements Middleware {

    private static final Map<String, String> CHALLENGE = Map.of("WWW-Authenticate", "Bearer");

    private final byte[] expected;

    public AuthMiddleware(String token) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("API token must not be empty");
        }
        this.expected = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Application wrap(Application next) {
        return (scope, receive, send) -> {
            String header = scope.headers().get("authorization");
            if (header == null) {
                throw new NotAuthorizedException("Missing Authorization header", CHALLENGE, null);
            }
            // constant-time comparison, so response timing does not reveal how much of a guess was right
            if (!MessageDigest.isEqual(expected, header.trim().getBytes(StandardCharsets.UTF_8))) {
                throw new NotAuthorizedException("Invalid bearer token", CHALLENGE, null);
            }
            next.call(scope, receive, send);
        };
    }
}
