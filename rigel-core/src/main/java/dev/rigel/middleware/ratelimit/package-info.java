/**
 * Rate limiting: {@link dev.rigel.middleware.ratelimit.RateLimitConfig} and the {@link
 * dev.rigel.middleware.ratelimit.RateLimitMiddleware} it builds, app-wide with {@code
 * App.builder().rateLimit(…)} or on any layer with {@code .middleware(config.middleware())}.
 */
package dev.rigel.middleware.ratelimit;
