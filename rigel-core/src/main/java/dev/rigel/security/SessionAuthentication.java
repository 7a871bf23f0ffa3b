package dev.rigel.security;

import dev.rigel.exceptions.NotAuthorizedException;
import dev.rigel.http.AuthenticationResult;
import dev.rigel.http.HttpConnection;
import dev.rigel.http.SecurityScheme;
import dev.rigel.middleware.session.Session;
import java.util.List;
import java.util.Objects;

/**
 * Authentication by the session (Litestar's {@code SessionAuth}): {@link #login} puts the user's
 * id in the session, and on later requests this middleware loads the user from it. The caller is
 * the loaded user, {@code auth} the {@link Session}. Needs sessions on the app or a layer above
 * (client-side or server-side); a session without a user id, or whose user no longer loads, is a
 * 401.
 *
 * <pre>{@code
 * App.builder()
 *     .sessions(ServerSideSessionConfig.defaults())
 *     .middleware(new SessionAuthentication((id, connection) -> users.find((String) id)).exclude("^/login$"))
 *
 * Route.post("/login", (Credentials data, Session session) -> { …check…; SessionAuthentication.login(session, user.id()); … })
 * Route.post("/logout", (Session session) -> SessionAuthentication.logout(session))
 * }</pre>
 */
public final class SessionAuthentication extends AbstractAuthenticationMiddleware {

    /** The session key holding the user's id. */
    public static final String USER_ID_KEY = "user_id";

    /** Loads the user a session's id names; null when there is no such user (any more). */
    @FunctionalInterface
    public interface UserLoader {
        Object load(Object userId, HttpConnection connection) throws Exception;
    }

    private final UserLoader users;
    private SecurityScheme scheme = SecurityScheme.apiKey("session", "cookie", "session");

    public SessionAuthentication(UserLoader users) {
        this.users = Objects.requireNonNull(users, "users");
    }

    /**
     * Logs {@code userId} in: the session moves to a new id first (so an id someone planted or
     * learned before the login is worthless: session fixation), then holds the user's id.
     */
    public static void login(Session session, Object userId) {
        session.regenerateId();
        session.put(USER_ID_KEY, Objects.requireNonNull(userId, "userId"));
    }

    /** Logs out: the session ends, its data and cookie go, and the next one gets a new id. */
    public static void logout(Session session) {
        session.invalidate();
    }

    /** The session cookie's name, for API documentation (default {@code session}, as the session configs'). */
    public SessionAuthentication cookieName(String name) {
        scheme = SecurityScheme.apiKey("session", "cookie", name);
        return this;
    }

    @Override
    public List<SecurityScheme> securitySchemes() {
        return List.of(scheme);
    }

    @Override
    protected AuthenticationResult authenticate(HttpConnection connection) throws Exception {
        Session session = Session.require(connection.scope());
        Object id = session.get(USER_ID_KEY).orElseThrow(() -> new NotAuthorizedException("You are not logged in"));
        Object user = users.load(id, connection);
        if (user == null) {
            // the account went away since the login: the session is of no further use
            session.invalidate();
            throw new NotAuthorizedException("You are not logged in");
        }
        return new AuthenticationResult(user, session);
    }
}
