package dev.rigel.examples.seed;

import dev.rigel.Controller;
import dev.rigel.annotation.Get;
import dev.rigel.annotation.Post;
import dev.rigel.exceptions.NotAuthorizedException;
import dev.rigel.http.Response;
import dev.rigel.jpa.Filter;
import dev.rigel.middleware.ratelimit.RateLimitConfig;
import dev.rigel.security.jwt.JwtAuthentication;
import jakarta.persistence.EntityManager;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/v1/auth}: log in with an email and password for an access token, and ask who the
 * token belongs to. Login is the one route of the API that needs no token.
 */
public final class AuthController extends Controller {

    /** What a login sends. */
    public record Credentials(
            @NotBlank @Size(max = 320) String email,
            @NotBlank @Size(max = 1024) String password) {}

    /** Who the caller is. {@code id} and {@code email} are null for the admin. */
    public record Me(Long id, String name, String email, boolean admin) {}

    public AuthController() {
        super("/auth");
        // guessing passwords is cheap for the guesser and costly for us (each attempt hashes), so
        // logins get a stricter limit of their own on top of the app's
        layer().tags("auth").middleware(LOGIN_LIMIT.middleware());
    }

    /** Per client address, counted apart from the app-wide limit. */
    static final RateLimitConfig LOGIN_LIMIT =
            RateLimitConfig.of(RateLimitConfig.Unit.MINUTE, 20).name("login");

    /**
     * The standard OAuth 2.0 token response ({@code access_token}, {@code token_type}, {@code
     * expires_in}). A wrong email and a wrong password get the same 401, after the same work: an
     * unknown email's password is still hashed, so timing tells nobody which emails have accounts.
     */
    @Post(value = "/login", status = 200)
    public Response<Map<String, Object>> login(Credentials data, EntityManager db, JwtAuthentication jwt)
            throws NotAuthorizedException {
        List<User> matches = UserController.users(db).list(Filter.eq("email", data.email()), Filter.asc("id"));
        if (matches.isEmpty()) {
            PasswordHasher.verifyAgainstNobody(data.password());
            throw wrongCredentials();
        }
        User user = matches.getFirst();
        if (!PasswordHasher.verify(data.password(), user.passwordHash())) {
            throw wrongCredentials();
        }
        return jwt.login(SeedAuth.tokenFor(user));
    }

    @Get("/me")
    public Me me(Caller user, EntityManager db) {
        if (user.admin()) {
            return new Me(null, user.name(), null, true);
        }
        User stored = UserController.users(db)
                .find(user.userId())
                .orElseThrow(() -> new NotAuthorizedException("Your account no longer exists"));
        return new Me(stored.id(), stored.name(), stored.email(), false);
    }

    private static NotAuthorizedException wrongCredentials() {
        return new NotAuthorizedException("Invalid email or password");
    }
}
