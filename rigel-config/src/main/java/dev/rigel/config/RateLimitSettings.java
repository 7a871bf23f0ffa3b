package dev.rigel.config;

import dev.rigel.middleware.ratelimit.RateLimitConfig;
import jakarta.validation.constraints.Min;
import java.util.Optional;

/**
 * A per-client rate limit under {@code rate-limit.*}: {@code limit} requests per {@code unit}; a
 * limit of 0 turns it off. {@link #toConfig()} gives the app's {@code rateLimit(…)} its config.
 */
public record RateLimitSettings(
        @Description("requests allowed per client and unit, 0 for no limit") @Default("0") @Min(0)
        int limit,

        @Description("second, minute, hour or day") @Default("minute")
        RateLimitConfig.Unit unit) {

    /** The rate limit these settings describe, or empty when the limit is 0. */
    public Optional<RateLimitConfig> toConfig() {
        return limit == 0 ? Optional.empty() : Optional.of(RateLimitConfig.of(unit, limit));
    }
}
