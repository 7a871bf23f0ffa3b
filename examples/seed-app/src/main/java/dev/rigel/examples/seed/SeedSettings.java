package dev.rigel.examples.seed;

import dev.rigel.config.Config;
import dev.rigel.config.Default;
import dev.rigel.config.Description;
import dev.rigel.middleware.ratelimit.RateLimitConfig;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;

/**
 * The seed app's own settings, bound by rigel-config (see {@link Main}): each from its flag, its
 * environment variable, {@code application.yaml} or its default, in that order. The server's
 * settings ({@code --host}/{@code HOST}, {@code --port}/{@code PORT}, the other {@code server.*})
 * come with the {@code rigel} command line. {@code java -jar seed-app.jar --help} lists them all.
 *
 * @param rateLimit requests per client and window, written {@code unit,limit}, e.g. {@code second,1000}
 * @param redisUrl channels and the user cache go through Redis, so several instances share them;
 *     unset (or empty, as compose files leave it) they stay in memory, within this process
 * @param jwtAlgorithm {@code HS256} with {@link #jwtSecret}, or {@code RS256} with a key pair made
 *     at startup (tokens are then good only while this process runs)
 */
public record SeedSettings(
        @Description("static bearer token for scripts, the admin") @Default(DEFAULT_API_TOKEN) @NotBlank
        String apiToken,

        @Description("requests per client per second|minute|hour|day, written unit,limit")
        @Default(DEFAULT_RATE_LIMIT)
        @Pattern(
                regexp = "\\s*(second|minute|hour|day)\\s*,\\s*\\d+\\s*",
                flags = Pattern.Flag.CASE_INSENSITIVE,
                message = "must be unit,limit with a unit of second, minute, hour or day, e.g. minute,60")
        String rateLimit,

        @Description("signs CSRF tokens (the default is for development only)") @Default(DEFAULT_CSRF_SECRET) @NotBlank
        String csrfSecret,

        @Description("channels through Redis Pub/Sub, e.g. redis://127.0.0.1:6379; unset: in memory")
        @Pattern(regexp = "rediss?://.+", message = "must start with redis:// or rediss://")
        String redisUrl,

        @Description("signs access tokens, 32 bytes or more (the default is for development only)")
        @Default(DEFAULT_JWT_SECRET)
        @Size(min = 32, message = "must be at least 32 bytes long")
        String jwtSecret,

        @Description("HS256 (with the JWT secret) or RS256 (a key pair made at startup)")
        @Default("HS256")
        @Pattern(regexp = "HS256|RS256", message = "must be HS256 or RS256")
        String jwtAlgorithm) {

    public static final String DEFAULT_API_TOKEN = "dev-token";
    public static final String DEFAULT_RATE_LIMIT = "minute,60";
    /** Development only: anyone who knows a CSRF secret can mint tokens, so production sets its own. */
    public static final String DEFAULT_CSRF_SECRET = "rigel-seed-development-csrf-secret";
    /** Development only: anyone who knows it can mint access tokens for any user, so production sets its own. */
    public static final String DEFAULT_JWT_SECRET = "rigel-seed-development-jwt-secret-not-for-production";

    public SeedSettings {
        if (redisUrl != null && redisUrl.isBlank()) {
            redisUrl = null; // an empty REDIS_URL (as compose files leave it) means no Redis
        }
        redisUrl = redisUrl == null ? null : redisUrl.trim();
        rateLimit = rateLimit == null ? null : rateLimit.trim();
    }

    /** The defaults: what {@code java -jar seed-app.jar} runs with when nothing is set. */
    public static SeedSettings defaults() {
        return new SeedSettings(
                DEFAULT_API_TOKEN, DEFAULT_RATE_LIMIT, DEFAULT_CSRF_SECRET, null, DEFAULT_JWT_SECRET, "HS256");
    }

    /**
     * The seed's own settings from these flags and this environment (and an {@code application.yaml}
     * in the working directory), as {@code java -jar seed-app.jar} reads them.
     */
    public static SeedSettings load(String[] args, Map<String, String> environment) {
        return Config.builder()
                .settings(SeedSettings.class)
                .environment(environment)
                .args(args)
                .build()
                .get(SeedSettings.class);
    }

    /** These settings with another static admin token. */
    public SeedSettings withApiToken(String token) {
        return new SeedSettings(token, rateLimit, csrfSecret, redisUrl, jwtSecret, jwtAlgorithm);
    }

    /** These settings with another rate limit, e.g. a high one for tests that send many requests. */
    public SeedSettings withRateLimit(String unitAndLimit) {
        return new SeedSettings(apiToken, unitAndLimit, csrfSecret, redisUrl, jwtSecret, jwtAlgorithm);
    }

    /** These settings with another CSRF secret. */
    public SeedSettings withCsrfSecret(String secret) {
        return new SeedSettings(apiToken, rateLimit, secret, redisUrl, jwtSecret, jwtAlgorithm);
    }

    /** These settings with channels and the user cache in this Redis. */
    public SeedSettings withRedisUrl(String url) {
        return new SeedSettings(apiToken, rateLimit, csrfSecret, url, jwtSecret, jwtAlgorithm);
    }

    /** These settings with another JWT secret. */
    public SeedSettings withJwtSecret(String secret) {
        return new SeedSettings(apiToken, rateLimit, csrfSecret, redisUrl, secret, jwtAlgorithm);
    }

    /** These settings with tokens signed by {@code algorithm} ({@code HS256} or {@code RS256}). */
    public SeedSettings withJwtAlgorithm(String algorithm) {
        return new SeedSettings(apiToken, rateLimit, csrfSecret, redisUrl, jwtSecret, algorithm);
    }

    /** Whether tokens are signed with the development secret (the app warns at startup). */
    public boolean usesDevelopmentJwtSecret() {
        return DEFAULT_JWT_SECRET.equals(jwtSecret);
    }

    /** Whether the user cache and channels go through Redis ({@link #redisUrl()} is set) rather than memory. */
    public boolean usesRedis() {
        return redisUrl != null;
    }

    /** The rate limit as the app's config (the seed excludes some paths from it on top). */
    public RateLimitConfig rateLimitConfig() {
        return RateLimitConfig.parse(rateLimit);
    }
}
