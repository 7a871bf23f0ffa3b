package dev.rigel.security;

import dev.rigel.di.ParameterSource;
import dev.rigel.exceptions.ImproperlyConfiguredException;
import dev.rigel.exceptions.NotAuthorizedException;
import dev.rigel.http.AuthenticationResult;
import java.util.function.Function;

/**
 * Binds the parameters named {@code user} and {@code auth} to the request's {@link
 * AuthenticationResult}. The app registers it by default.
 *
 * <p>At startup, a route asking for either must be covered by an {@link
 * AbstractAuthenticationMiddleware} on one of its layers, or the build fails naming the route: a
 * handler that reads its caller on a route nobody authenticates is a hole, not a choice. Where a
 * layer provides a dependency of that name, the dependency is bound instead, which is how an app
 * loads its own user with its own dependencies: {@code dependency("user", Provide.of((Token auth,
 * Users users) -> users.find(auth.subject())))}. A request that a path exclusion let through
 * unauthenticated gets a 401 rather than a null caller. A path parameter of that name
 * ({@code /users/{user}}) stays a path parameter.
 */
public final class AuthenticationParameters {

    private static final ParameterSource SOURCE = AuthenticationParameters::resolve;

    private AuthenticationParameters() {}

    /** The source of {@code user} and {@code auth}. */
    public static ParameterSource parameterSource() {
        return SOURCE;
    }

    private static boolean isPathParameter(String template, String name) {
        return template.contains("{" + name + "}") || template.contains("{" + name + ":");
    }

    private static ParameterSource.Resolver resolve(ParameterSource.Parameter parameter) {
        String name = parameter.name();
        if (!"user".equals(name) && !"auth".equals(name)) {
            return null;
        }
        ParameterSource.Route route = parameter.route();
        if (route.dependencies().contains(name) || isPathParameter(route.pathTemplate(), name)) {
            return null; // the app's own provider of that name, or a path parameter ("/users/{user}")
        }
        boolean covered = route.middleware().stream()
                .anyMatch(middleware -> middleware instanceof AbstractAuthenticationMiddleware auth
                        && auth.covers(route.pathTemplate(), route.scopeType(), route.opt()));
        if (!covered) {
            throw new ImproperlyConfiguredException(route + ": parameter '" + name + "' of " + parameter.owner()
                    + " asks for the authenticated caller, but no authentication middleware covers this route"
                    + " (none on its layers, or its exclusions skip this path or opt). Add one (a subclass of"
                    + " AbstractAuthenticationMiddleware, such as JWT authentication) to a layer of the route, or"
                    + " rename the parameter.");
        }
        Function<AuthenticationResult, Object> part =
                "user".equals(name) ? AuthenticationResult::user : AuthenticationResult::auth;
        Class<?> type = parameter.rawType();
        return request -> {
            AuthenticationResult result = AuthenticationResult.of(request.scope())
                    .orElseThrow(() -> new NotAuthorizedException("Authentication is required"));
            Object value = part.apply(result);
            if (value != null && !type.isPrimitive() && !type.isInstance(value)) {
                throw new ImproperlyConfiguredException(route + ": parameter '" + name + "' of " + parameter.owner()
                        + " is a " + type.getName() + ", but the authentication gives a "
                        + value.getClass().getName());
            }
            return value;
        };
    }
}
