package dev.rigel.middleware;

import dev.rigel.protocol.Application;
import dev.rigel.protocol.Scope;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

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
     *
     * <p>On such a route an asynchronous handler (one returning a {@code CompletionStage}) gives the
     * event loop back before its answer is there: {@code next.call} then returns before the response
     * is sent, which is sent later, through the same {@code send}, from the thread that completes
     * the stage. Work that belongs to the end of the exchange (a timer, a span, a buffer to release)
     * goes in {@link #whenExchangeEnds}.
     */
    default boolean mayBlock() {
        return true;
    }

    /**
     * {@code middleware}, declared never to block: a lambda cannot override {@link #mayBlock()}, and
     * without this a {@code nonBlocking} route behind it runs on a virtual thread instead of the
     * event loop. Only for middleware that waits on nothing (no I/O, no lock, no remote store).
     *
     * <pre>{@code
     * Middleware requestId = Middleware.nonBlocking(next -> (scope, receive, send) -> {
     *     scope.state().put("request_id", ids.incrementAndGet());
     *     next.call(scope, receive, send);
     * });
     * }</pre>
     */
    static Middleware nonBlocking(Middleware middleware) {
        return new NonBlockingMiddleware(middleware);
    }

    /** {@link #mayBlock()} in the app {@code context} describes; the default ignores the app. */
    default boolean mayBlock(MiddlewareContext context) {
        return mayBlock();
    }

    /**
     * Runs {@code action} once the exchange is over, for the code after {@code next.call}: at once
     * when the call's return ended it, or, when an asynchronous handler finishes it later ({@link
     * Scope#completion()}), when that completion does. {@code failure} is what {@code next.call}
     * threw (null when it returned); the action is given the exchange's failure, or null.
     *
     * <pre>{@code
     * Throwable failure = null;
     * try {
     *     next.call(scope, receive, send);
     * } catch (Exception e) {
     *     failure = e;
     *     throw e;
     * } finally {
     *     Middleware.whenExchangeEnds(scope, failure, error -> timer.stop(error));
     * }
     * }</pre>
     */
    static void whenExchangeEnds(Scope scope, Throwable failure, Consumer<Throwable> action) {
        CompletionStage<?> later = failure == null ? scope.completion() : null;
        if (later == null) {
            action.accept(failure);
        } else {
            later.whenComplete((ignored, error) -> action.accept(error));
        }
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
