package dev.rigel.security;

import dev.rigel.http.Guard;
import dev.rigel.http.HandlerInfo;
import dev.rigel.http.Request;
import dev.rigel.internal.invoke.CallableSpec;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A guard that takes its parameters by name, like a handler: the caller ({@code user}, {@code
 * auth}), dependencies, path and query values, {@code request}. It passes when it returns true;
 * false is a 403 with its {@link #message}, and it may also throw its own {@code HttpException}.
 * Make one with {@link Guards#of}; put it on any layer with {@code guards(…)}.
 *
 * <p>It runs after the guards that take no dependencies, once the route's dependencies are
 * resolved (the values it gets are the ones the handler then gets), and before the response cache
 * and the handler. On a WebSocket route it runs before the handshake is answered.
 */
public final class DependentGuard implements Guard {

    private final Supplier<CallableSpec> spec;
    private final String message;
    private volatile CallableSpec resolved;

    DependentGuard(Supplier<CallableSpec> spec, String message) {
        this.spec = spec;
        this.message = message;
    }

    /** The same guard, refusing with {@code detail} as the 403's detail. */
    public DependentGuard message(String detail) {
        return new DependentGuard(spec, Objects.requireNonNull(detail, "detail"));
    }

    /** The detail of the 403 when the guard returns false. */
    public String message() {
        return message;
    }

    /** Introspection result, computed once at startup. Internal: not for application code. */
    public CallableSpec spec() {
        CallableSpec current = resolved;
        if (current == null) {
            current = spec.get();
            resolved = current;
        }
        return current;
    }

    /**
     * Not callable on its own: its parameters are bound per route when the app is built, and the
     * route runs it. Calling this is a mistake in code that runs guards by hand.
     */
    @Override
    public void check(Request request, HandlerInfo handler) {
        throw new UnsupportedOperationException(
                "A guard that takes dependencies runs inside its route, which binds its parameters;"
                        + " it cannot be checked on its own");
    }

    @Override
    public String toString() {
        return "guard " + spec().description();
    }
}
