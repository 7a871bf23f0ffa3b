package dev.rigel.security;

import dev.rigel.exceptions.NotAuthorizedException;
import dev.rigel.exceptions.PermissionDeniedException;
import dev.rigel.function.Fn0;
import dev.rigel.function.Fn1;
import dev.rigel.function.Fn2;
import dev.rigel.function.Fn3;
import dev.rigel.function.Fn4;
import dev.rigel.function.Fn5;
import dev.rigel.http.AuthenticationResult;
import dev.rigel.http.Guard;
import dev.rigel.internal.invoke.Callables;
import java.util.List;
import java.util.Set;

/**
 * Ready-made guards, and guards that take dependencies.
 *
 * <pre>{@code
 * Router.builder("/admin").guards(Guards.roles("admin"))
 * Route.post("/orders", …).guards(Guards.scopes("orders:write"))
 * Guards.of((Account user, Order order) -> order.ownerId() == user.id()).message("Not your order")
 * }</pre>
 */
public final class Guards {

    private static final String DENIED = "You do not have permission to do this";

    private Guards() {}

    /**
     * Passes callers that hold every one of {@code roles}, granted by the request's {@code user} or
     * its {@code auth} (whichever is an {@link Authorities}; both count); else 403. An
     * unauthenticated request is a 401.
     */
    public static Guard roles(String... roles) {
        Set<String> required = Set.of(roles);
        return new Named("roles(" + String.join(", ", roles) + ")", (request, handler) -> {
            if (!granted(request.scope(), Authorities::roles).containsAll(required)) {
                throw new PermissionDeniedException("This needs the role " + String.join(", ", List.of(roles)));
            }
        });
    }

    /**
     * Passes callers granted every one of {@code scopes} (OAuth 2.0 scopes, as in a token's {@code
     * scope} claim), found as for {@link #roles}; else 403.
     */
    public static Guard scopes(String... scopes) {
        Set<String> required = Set.of(scopes);
        return new Named("scopes(" + String.join(" ", scopes) + ")", (request, handler) -> {
            if (!granted(request.scope(), Authorities::scopes).containsAll(required)) {
                throw new PermissionDeniedException("This needs the scope " + String.join(" ", List.of(scopes)));
            }
        });
    }

    /** A guard that says what it checks when listed ({@code rigel routes}). */
    private static final class Named implements Guard {
        private final String name;
        private final Guard guard;

        Named(String name, Guard guard) {
            this.name = name;
            this.guard = guard;
        }

        @Override
        public void check(dev.rigel.http.Request request, dev.rigel.http.HandlerInfo handler) throws Exception {
            guard.check(request, handler);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** What the caller's user and auth grant together, by {@code kind}. */
    private static Set<String> granted(
            dev.rigel.protocol.Scope scope, java.util.function.Function<Authorities, Set<String>> kind) {
        AuthenticationResult result = AuthenticationResult.of(scope)
                .orElseThrow(() -> new NotAuthorizedException("Authentication is required"));
        Set<String> fromUser = result.user() instanceof Authorities user ? kind.apply(user) : Set.of();
        Set<String> fromAuth = result.auth() instanceof Authorities auth ? kind.apply(auth) : Set.of();
        if (fromAuth.isEmpty()) {
            return fromUser;
        }
        if (fromUser.isEmpty()) {
            return fromAuth;
        }
        Set<String> both = new java.util.HashSet<>(fromUser);
        both.addAll(fromAuth);
        return both;
    }

    public static DependentGuard of(Fn0<Boolean> check) {
        return dependent(() -> Callables.fromLambda(check, 0, args -> check.apply()));
    }

    @SuppressWarnings("unchecked")
    public static <A> DependentGuard of(Fn1<A, Boolean> check) {
        return dependent(() -> Callables.fromLambda(check, 1, args -> check.apply((A) args[0])));
    }

    @SuppressWarnings("unchecked")
    public static <A, B> DependentGuard of(Fn2<A, B, Boolean> check) {
        return dependent(() -> Callables.fromLambda(check, 2, args -> check.apply((A) args[0], (B) args[1])));
    }

    @SuppressWarnings("unchecked")
    public static <A, B, C> DependentGuard of(Fn3<A, B, C, Boolean> check) {
        return dependent(() ->
                Callables.fromLambda(check, 3, args -> check.apply((A) args[0], (B) args[1], (C) args[2])));
    }

    @SuppressWarnings("unchecked")
    public static <A, B, C, D> DependentGuard of(Fn4<A, B, C, D, Boolean> check) {
        return dependent(() -> Callables.fromLambda(
                check, 4, args -> check.apply((A) args[0], (B) args[1], (C) args[2], (D) args[3])));
    }

    @SuppressWarnings("unchecked")
    public static <A, B, C, D, E> DependentGuard of(Fn5<A, B, C, D, E, Boolean> check) {
        return dependent(() -> Callables.fromLambda(
                check, 5, args -> check.apply((A) args[0], (B) args[1], (C) args[2], (D) args[3], (E) args[4])));
    }

    private static DependentGuard dependent(java.util.function.Supplier<dev.rigel.internal.invoke.CallableSpec> spec) {
        return new DependentGuard(spec, DENIED);
    }
}
