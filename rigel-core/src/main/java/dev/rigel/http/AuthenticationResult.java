package dev.rigel.http;

import dev.rigel.protocol.Scope;
import java.util.Objects;
import java.util.Optional;

/**
 * Who made a request, as an authentication middleware established it (Litestar's {@code
 * AuthenticationResult}): the {@code user} (whatever type the app chooses: an entity, a record, a
 * token's subject) and the {@code auth} it was proven with (a token, a session, an API key's
 * record). Handlers and dependencies get them as parameters named {@code user} and {@code auth},
 * or from {@link HttpConnection#user()} and {@link HttpConnection#auth()}.
 *
 * @param user the authenticated caller, never null
 * @param auth what authenticated it; null when there is nothing worth keeping
 */
public record AuthenticationResult(Object user, Object auth) {

    private static final String KEY = "rigel.authentication";

    public AuthenticationResult {
        Objects.requireNonNull(
                user, "an authentication result needs a user; refuse with NotAuthorizedException instead");
    }

    /** The result an authentication middleware recorded for {@code scope}, if any. */
    public static Optional<AuthenticationResult> of(Scope scope) {
        return Optional.ofNullable((AuthenticationResult) scope.state().get(KEY));
    }

    /** Records this as the request's caller; authentication middleware calls this. */
    public void attachTo(Scope scope) {
        scope.state().put(KEY, this);
    }
}
