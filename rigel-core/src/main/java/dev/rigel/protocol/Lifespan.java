package dev.rigel.protocol;

/**
 * Implemented by applications that have startup and shutdown work (the Rigel {@code App} does).
 * A server calls {@link #startup()} before accepting the first connection and {@link #shutdown()}
 * after the last in-flight exchange has finished.
 */
public interface Lifespan {

    void startup();

    void shutdown();
}
