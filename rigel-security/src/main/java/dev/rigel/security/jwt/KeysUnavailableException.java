package dev.rigel.security.jwt;

import dev.rigel.exceptions.DependencyUnavailable;

/**
 * The keys to check a token with cannot be known now: the key provider (a JWKS endpoint) has not
 * answered, and the keys fetched before, if any, are past the age they may be trusted for. The
 * token may well be valid, so this is no 401: as a {@link DependencyUnavailable} it is answered
 * 503 with {@code Retry-After}. The source logs the outage once; this is not logged per request.
 * Its message names the source, never a token.
 */
public class KeysUnavailableException extends RuntimeException implements DependencyUnavailable {

    public KeysUnavailableException(String message) {
        super(message, null, false, false);
    }
}
