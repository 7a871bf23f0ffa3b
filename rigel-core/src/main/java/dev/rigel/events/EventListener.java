package dev.rigel.events;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A listener written as a lambda, the counterpart of a {@link Listener @Listener} method:
 *
 * <pre>{@code
 * App.builder().listeners(EventListener.of("user_created", args -> log.info("created {}", args[0])))
 * }</pre>
 *
 * The handler receives the emitted arguments as they were passed to {@code emit}.
 */
public final class EventListener {

    /** The body of a lambda listener. */
    @FunctionalInterface
    public interface Handler {
        void handle(Object... args) throws Exception;
    }

    private final List<String> eventIds;
    private final Handler handler;

    private EventListener(List<String> eventIds, Handler handler) {
        if (eventIds.isEmpty()) {
            throw new IllegalArgumentException("an event listener needs at least one event id");
        }
        for (String id : eventIds) {
            if (id == null || id.isBlank()) {
                throw new IllegalArgumentException("an event id must not be empty");
            }
        }
        this.eventIds = List.copyOf(eventIds);
        this.handler = Objects.requireNonNull(handler, "handler");
    }

    /** Listens to one event. */
    public static EventListener of(String eventId, Handler handler) {
        return new EventListener(Arrays.asList(eventId), handler);
    }

    /** Listens to each of several events with the same handler. */
    public static EventListener of(List<String> eventIds, Handler handler) {
        return new EventListener(eventIds, handler);
    }

    public List<String> eventIds() {
        return eventIds;
    }

    public Handler handler() {
        return handler;
    }

    @Override
    public String toString() {
        return "EventListener" + eventIds;
    }
}
