package dev.rigel.internal.binding;

import dev.rigel.exceptions.PermissionDeniedException;
import dev.rigel.http.Guard;
import dev.rigel.http.HandlerInfo;
import dev.rigel.internal.exchange.Exchange;
import dev.rigel.security.DependentGuard;
import java.util.ArrayList;
import java.util.List;

/**
 * A route's guards, planned at startup: those that take only the request run first, in layer
 * order; those that take dependencies ({@link DependentGuard}) have their parameters bound by the
 * route's {@link ParameterBinder} like a provider's, and run once the dependencies are resolved.
 */
public final class RouteGuards {

    private record Bound(DependentGuard guard, BoundParam[] params) {}

    private final Guard[] plain;
    private final Bound[] dependent;

    private RouteGuards(Guard[] plain, Bound[] dependent) {
        this.plain = plain;
        this.dependent = dependent;
    }

    /** Splits {@code guards} and binds the dependent ones' parameters with {@code binder}. */
    public static RouteGuards plan(List<Guard> guards, ParameterBinder binder) {
        List<Guard> plain = new ArrayList<>();
        List<Bound> dependent = new ArrayList<>();
        for (Guard guard : guards) {
            if (guard instanceof DependentGuard withDependencies) {
                dependent.add(new Bound(withDependencies, binder.bind(withDependencies.spec(), guard.toString())));
            } else {
                plain.add(guard);
            }
        }
        return new RouteGuards(plain.toArray(Guard[]::new), dependent.toArray(Bound[]::new));
    }

    /** Whether any layer guards the route. */
    public boolean any() {
        return plain.length > 0 || dependent.length > 0;
    }

    /** Whether some guard needs the route's dependencies resolved before it runs. */
    public boolean needDependencies() {
        return dependent.length > 0;
    }

    /** Runs the guards that take only the request. */
    public void checkPlain(Exchange exchange, HandlerInfo handler) throws Exception {
        for (Guard guard : plain) {
            guard.check(exchange, handler);
        }
    }

    /** Runs the guards that take dependencies; the exchange's dependencies must be resolved. */
    public void checkDependent(Exchange exchange) throws Throwable {
        for (Bound bound : dependent) {
            Object[] args = new Object[bound.params.length];
            for (int i = 0; i < args.length; i++) {
                args[i] = bound.params[i].binder().bind(exchange);
            }
            if (!Boolean.TRUE.equals(bound.guard.spec().invoker().invoke(args))) {
                throw new PermissionDeniedException(bound.guard.message());
            }
        }
    }
}
