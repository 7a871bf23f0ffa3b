package dev.rigel.http;

/**
 * Work to do once a response has been sent (Litestar's {@code BackgroundTask}): send the welcome
 * mail, write the audit record. Attach it with {@link Response#background}:
 *
 * <pre>{@code
 * return Response.of(user).background(() -> mailer.sendWelcome(user));
 * }</pre>
 *
 * <p>The tasks of a response run after its last body message has gone out (for a file, stream or
 * event source: when sending ends, also when the client left early), one after another in the
 * order given, on the request's thread, before the route's after-response hook. A failing task is
 * logged and the next one still runs; the client never hears of it. Only the response a route
 * produced (its handler or its before/after-request hook) runs them: not when an error answer
 * replaced it, not a response returned by an exception handler, nor a cached answer replayed by
 * the response cache. For a {@code nonBlocking} route, whose request runs on the server's event loop, they run
 * on a virtual thread instead, and shutdown waits for them like for event listeners.
 */
@FunctionalInterface
public interface BackgroundTask {

    void run() throws Exception;
}
