package dev.rigel.protocol;

/**
 * Something a server can call: the framework itself, a middleware wrapping it, or a route's handler.
 *
 * <p>{@code call} runs to the end of the exchange: for HTTP it returns once the last body message
 * has been sent. It may block (it normally runs on a virtual thread).
 */
@FunctionalInterface
public interface Application {

    void call(Scope scope, Receive receive, Send send) throws Exception;

    /**
     * Whether {@link #call} for this scope is known never to block once the request body is
     * fully buffered, so a server may run it on its I/O thread instead of handing it to a
     * virtual thread. Servers must buffer the whole body before calling inline. The default is
     * the safe answer: no.
     */
    default boolean runsInline(Scope scope) {
        return false;
    }
}
