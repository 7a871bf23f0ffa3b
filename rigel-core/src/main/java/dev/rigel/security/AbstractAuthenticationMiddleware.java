package dev.rigel.security;

import dev.rigel.exceptions.NotAuthorizedException;
import dev.rigel.http.AuthenticationResult;
import dev.rigel.http.HttpConnection;
import dev.rigel.http.SecurityScheme;
import dev.rigel.middleware.AbstractMiddleware;
import dev.rigel.protocol.Application;
import dev.rigel.protocol.Receive;
import dev.rigel.protocol.Scope;
import dev.rigel.protocol.ScopeType;
import dev.rigel.protocol.Send;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The base of every authentication middleware (Litestar's {@code AbstractAuthenticationMiddleware}):
 * a subclass says who made a request, or refuses it, and the base records the answer so that
 * handlers, dependencies and guards get the caller as parameters named {@code user} and {@code
 * auth} (or from {@code request.user()} / {@code request.auth()}).
 *
 * <pre>{@code
 * public final class ApiKeyAuth extends AbstractAuthenticationMiddleware {
 *     private final ApiKeys keys;
 *
 *     public ApiKeyAuth(ApiKeys keys) {
 *         this.keys = keys;
 *         exclude("^/health$");
 *     }
 *
 *     @Override
 *     protected AuthenticationResult authenticate(HttpConnection connection) {
 *         ApiKey key = connection.header("x-api-key").flatMap(keys::find)
 *                 .orElseThrow(() -> new NotAuthorizedException("A valid X-API-Key header is required"));
 *         return new AuthenticationResult(key.owner(), key);
 *     }
 * }
 * }</pre>
 *
 * <p>It runs for HTTP requests and WebSocket handshakes (a refused handshake is answered with the
 * 401 or 403 before any upgrade), except requests whose method is excluded ({@code OPTIONS} by
 * default, so CORS preflights pass), paths matching an {@link #exclude} pattern and routes whose
 * opt sets the {@link #excludeOptKey}. A parameter named {@code user} or {@code auth} on a route
 * that no authentication middleware covers fails the app's build, naming the route.
 */
public abstract class AbstractAuthenticationMiddleware extends AbstractMiddleware {

    private Set<String> excludedMethods = Set.of("OPTIONS");

    /**
     * Says who made the request, or refuses it by throwing {@link NotAuthorizedException} (401;
     * with a {@code WWW-Authenticate} header where the scheme has one) or {@link
     * dev.rigel.exceptions.PermissionDeniedException} (403). Runs before the request's body is read
     * and, for a WebSocket, before the handshake is answered.
     */
    protected abstract AuthenticationResult authenticate(HttpConnection connection) throws Exception;

    /**
     * How API documentation describes this authentication (OpenAPI security schemes); the routes
     * it covers list them. None by default: a subclass that has a standard scheme says which.
     */
    public List<SecurityScheme> securitySchemes() {
        return List.of();
    }

    /** Whether this middleware authenticates requests to the route, as far as startup can tell. */
    public boolean covers(String pathTemplate, ScopeType scopeType, java.util.Map<String, Object> opt) {
        return mayApplyTo(pathTemplate, scopeType, opt);
    }

    /** The HTTP methods that pass unauthenticated (default {@code OPTIONS}); replaces the set. */
    public AbstractAuthenticationMiddleware excludeHttpMethods(String... methods) {
        excludedMethods = Set.copyOf(List.of(methods).stream()
                .map(method -> method.toUpperCase(Locale.ROOT))
                .toList());
        return this;
    }

    /** The HTTP methods that pass unauthenticated. */
    public Set<String> excludedHttpMethods() {
        return excludedMethods;
    }

    @Override
    protected final void handle(Scope scope, Receive receive, Send send, Application next) throws Exception {
        if (scope.type() == ScopeType.HTTP && excludedMethods.contains(scope.method())) {
            next.call(scope, receive, send);
            return;
        }
        AuthenticationResult result = authenticate(new ScopeConnection(scope));
        if (result == null) {
            throw new NotAuthorizedException("Authentication is required");
        }
        result.attachTo(scope);
        next.call(scope, receive, send);
    }
}
