/**
 * The built-in rate limit: {@link dev.rigel.middleware.ratelimit.RateLimitConfig}, switched on with
 * {@code App.builder().rateLimit(…)}.
 */
package dev.rigel.middleware.ratelimit;
