package dev.rigel.examples.seed;

import dev.rigel.security.Authorities;
import java.util.Set;

/**
 * Who calls the API: a user who logged in (their id and name, from the token), or the admin, as
 * the static {@code API_TOKEN} authenticates scripts.
 *
 * @param userId the user's id; null for the admin
 * @param name the user's name, or {@code admin}
 * @param admin whether the caller may see and change everything
 */
public record Caller(Long userId, String name, boolean admin) implements Authorities {

    /** The caller behind the static API token. */
    public static final Caller ADMIN = new Caller(null, "admin", true);

    /** Whether this caller may see and change what belongs to {@code ownerId}. */
    public boolean mayAccess(long ownerId) {
        return admin || (userId != null && userId == ownerId);
    }

    @Override
    public Set<String> roles() {
        return admin ? Set.of("admin") : Set.of();
    }
}
