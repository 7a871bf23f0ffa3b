package dev.rigel.middleware;

import dev.rigel.internal.text.DisplayNames;
import dev.rigel.protocol.Application;
import java.util.Objects;

/**
 * What {@link Middleware#nonBlocking(Middleware)} returns: the given middleware, declared never to
 * block. Everything else (wrapping, the override slot, its name in listings) is the given one's.
 */
final class NonBlockingMiddleware implements Middleware {

    private final Middleware middleware;

    NonBlockingMiddleware(Middleware middleware) {
        this.middleware = Objects.requireNonNull(middleware, "middleware");
    }

    @Override
    public Application wrap(Application next) {
        return middleware.wrap(next);
    }

    @Override
    public Application wrap(Application next, MiddlewareContext context) {
        return middleware.wrap(next, context);
    }

    @Override
    public boolean mayBlock() {
        return false;
    }

    @Override
    public boolean mayBlock(MiddlewareContext context) {
        return false;
    }

    @Override
    public Object overrideKey() {
        return middleware.overrideKey();
    }

    /** The given middleware's name, so {@code rigel routes} lists it as it would list that one. */
    @Override
    public String toString() {
        return DisplayNames.of(middleware);
    }
}
