package dev.rigel.channels;

/**
 * What a subscriber's full backlog does with one more event (Litestar's
 * {@code subscriber_backlog_strategy}). Either way the event is dropped for that subscriber only:
 * the publisher and every other subscriber carry on, and the subscriber counts what it lost
 * ({@link Subscriber#droppedEvents()}).
 */
public enum BacklogStrategy {

    /**
     * Keep the backlog as it is and drop the new event (Litestar's {@code "backoff"}): the
     * subscriber later sees the oldest events it missed none of, then a gap.
     */
    BACKOFF,

    /**
     * Drop the oldest event in the backlog to make room for the new one (Litestar's
     * {@code "dropleft"}): the subscriber always catches up with the latest events.
     */
    DROP_LEFT
}
