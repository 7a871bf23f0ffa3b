package dev.rigel.protocol;

/**
 * Implemented by applications that have startup and shutdown work (the Rigel {@code App} does).
 * A server calls {@link #startup()} before accepting the first connection and {@link #shutdown()}
 * after the last in-flight exchange has finished. A server that stops gracefully calls
 * {@link #startDraining()} first, as soon as it decides to stop.
 */
public interface Lifespan {

    void startup();

    /**
     * The server has begun to stop: it still serves for a grace period (a load balancer may send
     * traffic for a moment), then refuses new connections, lets in-flight requests finish and calls
     * {@link #shutdown()}. An application uses this to report itself not ready (readiness 503),
     * so that traffic moves elsewhere. Called at most once per start, from a thread of the
     * server's; must return at once. Nothing by default.
     */
    default void startDraining() {}

    void shutdown();
}
