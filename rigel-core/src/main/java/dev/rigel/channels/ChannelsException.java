package dev.rigel.channels;

/**
 * A channels operation failed: an unknown channel, a plugin that is not running, or a backend that
 * could not publish or subscribe (its broker unreachable, a payload it cannot carry). The message
 * says which channel and which backend, and the cause is the backend's own exception.
 */
public class ChannelsException extends RuntimeException {

    public ChannelsException(String message) {
        super(message);
    }

    public ChannelsException(String message, Throwable cause) {
        super(message, cause);
    }
}
