package dev.rigel.events;

/**
 * Emits events to the app's listeners ({@link Listener @Listener} methods and
 * {@link EventListener}s). {@code App.emit} is one; handlers and dependencies get one by
 * declaring a parameter of this type.
 *
 * <p>Each listener of the event runs on its own virtual thread, so {@code emit} returns at once
 * and never waits for or hears from a listener: a listener's exception is logged with the event
 * id and the listener's name. Listeners of one emit run concurrently and in no defined order. At
 * shutdown the app waits (for a bounded time, see {@code App.Builder.shutdownDrainTimeout}) for
 * listeners still running before it closes lifespan resources and runs shutdown hooks.
 */
@FunctionalInterface
public interface EventEmitter {

    /**
     * Starts every listener of {@code eventId} with {@code args}.
     *
     * @throws dev.rigel.exceptions.ImproperlyConfiguredException when no listener is registered for
     *         {@code eventId} (as in Litestar: a misspelt id fails loudly instead of going nowhere)
     */
    void emit(String eventId, Object... args);
}
