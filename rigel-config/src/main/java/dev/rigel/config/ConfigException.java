package dev.rigel.config;

/**
 * Settings that cannot be read, bound or validated. The message is one line meant for the person
 * starting the app: the setting's key, where the bad value came from and what is wrong with it
 * (never a secret's value).
 */
public final class ConfigException extends RuntimeException {

    private final String key;

    public ConfigException(String key, String message) {
        super(message);
        this.key = key;
    }

    public ConfigException(String key, String message, Throwable cause) {
        super(message, cause);
        this.key = key;
    }

    /** The setting the problem is about, e.g. {@code server.port}; null when it is about a file or profile. */
    public String key() {
        return key;
    }
}
