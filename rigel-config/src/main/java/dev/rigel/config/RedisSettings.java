package dev.rigel.config;

import jakarta.validation.constraints.Pattern;

/**
 * A Redis server under {@code redis.*} (conventionally), for stores and channels.
 *
 * @param url {@code redis://[user:password@]host:port[/db]} or {@code rediss://…}; null for none
 */
public record RedisSettings(
        @Description("Redis URL, e.g. redis://127.0.0.1:6379; unset for none")
        @Pattern(regexp = "rediss?://.+", message = "must start with redis:// or rediss://")
        String url) {

    /** Whether a Redis server is configured. */
    public boolean enabled() {
        return url != null && !url.isBlank();
    }
}
