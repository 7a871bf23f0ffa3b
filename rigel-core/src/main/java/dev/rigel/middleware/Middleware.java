package dev.rigel.middleware;

import dev.rigel.protocol.Application;

/**
 * Wraps an application in another one. The wrapper may look at or change the scope, wrap
 * {@code receive} or {@code send} (to add a response header, say), answer by itself, or call
 * {@code next}. Middleware from every layer applies to a route, app outermost, and runs only for
 * requests that matched a route.
 *
 * <pre>{@code
 * Middleware poweredBy = next -> (scope, receive, send) -> next.call(scope, receive, message -> {
 *     if (message instanceof Message.ResponseStart start) start.headers().add("x-powered-by", "rigel");
 *     send.send(message);
 * });
 * }</pre>
 */
@FunctionalInterface
public interface Middleware {

    Application wrap(Application next);

    /**
     * Wraps {@code next} for a route of an app; {@code context} names the app's stores and the
     * route. Apps call this form, once per route at startup; the default is {@link #wrap(Application)}.
     */
    default Application wrap(Application next, MiddlewareContext context) {
        return wrap(next);
    }

    /**
     * Whether this middleware may block its thread (I/O, locks, a remote store). A route runs on
     * the server's event loop only when its handler is declared non-blocking and none of its
     * middleware may block; answer false only for middleware that never waits on anything.
     */
    default boolean mayBlock() {
        return true;
    }

    /** {@link #mayBlock()} in the app {@code context} describes; the default ignores the app. */
    default boolean mayBlock(MiddlewareContext context) {
        return mayBlock();
    }

    /**
     * The slot this middleware fills on a route, or null (the default) for middleware that simply
     * stack. Of several middleware with equal keys that apply to one route, app built-ins
     * included, only the innermost runs, where it was declared: a controller's own compression or
     * rate limit replaces the app's for that controller's routes, as a closer layer's setting wins
     * everywhere else in Rigel.
     */
    default Object overrideKey() {
        return null;
    }
}
