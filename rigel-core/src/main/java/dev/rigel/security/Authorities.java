package dev.rigel.security;

import java.util.Set;

/**
 * What a caller is allowed, for {@link Guards#roles} and {@link Guards#scopes}: implement it on
 * the app's user type, or on what authenticated it (a JWT's token model does).
 */
public interface Authorities {

    /** Holds nothing. */
    Authorities NONE = new Authorities() {};

    /** The caller's roles (e.g. {@code admin}). */
    default Set<String> roles() {
        return Set.of();
    }

    /** The OAuth 2.0 scopes granted to the caller (e.g. {@code orders:write}). */
    default Set<String> scopes() {
        return Set.of();
    }
}
