package dev.rigel.channels;

import dev.rigel.exceptions.DependencyUnavailable;

/**
 * The channels backend cannot reach its broker (down, unreachable, or slower than the backend's
 * command timeout), so an event could not be published or a subscription set up. The backend
 * reconnects and restores its subscriptions on its own; retrying later may succeed.
 *
 * <p>Escaping a handler it is answered 503 with {@code Retry-After}; a channels WebSocket route
 * refuses the handshake that way. It is not logged per request: the backend logs the outage once
 * when it starts and once when it ends.
 */
public class ChannelsUnavailableException extends ChannelsException implements DependencyUnavailable {

    public ChannelsUnavailableException(String message) {
        super(message);
    }

    public ChannelsUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
