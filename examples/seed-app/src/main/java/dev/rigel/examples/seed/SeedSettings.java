package dev.rigel.examples.seed;

import dev.rigel.middleware.ratelimit.RateLimitConfig;
import java.util.Map;

/**
 * The seed app's settings, from command-line flags or environment variables (flags win):
 * {@code --host} / {@code HOST}, {@code --port} / {@code PORT}, {@code --api-token} /
 * {@code API_TOKEN}, {@code --rate-limit} / {@code RATE_LIMIT} (requests per client and window,
 * written {@code unit,limit}, e.g. {@code second,1000}), {@code --csrf-secret} / {@code CSRF_SECRET}
 * (signs the CSRF tokens; the default is for development only), {@code --redis-url} /
 * {@code REDIS_URL} (channels go through Redis Pub/Sub, so several instances share them; without
 * it they stay in memory, within this process), {@code --jwt-secret} / {@code JWT_SECRET} (signs
 * the access tokens logins hand out, at least 32 bytes; the default is for development only),
 * {@code --jwt-algorithm} / {@code JWT_ALGORITHM} ({@code HS256}, or {@code RS256} with a key pair
 * made at startup).
 */
public record SeedSettings(
        String host,
        int port,
        String apiToken,
        String rateLimit,
        String csrfSecret,
        String redisUrl,
        String jwtSecret,
        String jwtAlgorithm) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8000;
    public static final String DEFAULT_API_TOKEN = "dev-token";
    public static final String DEFAULT_RATE_LIMIT = "minute,60";
    /** Development only: anyone who knows a CSRF secret can mint tokens, so production sets its own. */
    public static final String DEFAULT_CSRF_SECRET = "rigel-seed-development-csrf-secret";
    /** Development only: anyone who knows it can mint access tokens for any user, so production sets its own. */
    public static final String DEFAULT_JWT_SECRET = "rigel-seed-development-jwt-secret-not-for-production";

    /** Settings with the default rate limit. */
    public SeedSettings(String host, int port, String apiToken) {
        this(host, port, apiToken, DEFAULT_RATE_LIMIT);
    }

    /** Settings with the development CSRF secret. */
    public SeedSettings(String host, int port, String apiToken, String rateLimit) {
        this(host, port, apiToken, rateLimit, DEFAULT_CSRF_SECRET);
    }

    /** Settings without Redis: channels stay in memory. */
    public SeedSettings(String host, int port, String apiToken, String rateLimit, String csrfSecret) {
        this(host, port, apiToken, rateLimit, csrfSecret, null);
    }

    /** Settings with the development JWT secret. */
    public SeedSettings(String host, int port, String apiToken, String rateLimit, String csrfSecret, String redisUrl) {
        this(host, port, apiToken, rateLimit, csrfSecret, redisUrl, DEFAULT_JWT_SECRET, "HS256");
    }

    /** These settings with tokens signed by {@code algorithm} ({@code HS256} or {@code RS256}). */
    public SeedSettings withJwtAlgorithm(String algorithm) {
        return new SeedSettings(host, port, apiToken, rateLimit, csrfSecret, redisUrl, jwtSecret, algorithm);
    }

    /** Whether tokens are signed with the development secret (the app warns at startup). */
    public boolean usesDevelopmentJwtSecret() {
        return DEFAULT_JWT_SECRET.equals(jwtSecret);
    }

    /** Whether the user cache and channels go through Redis ({@link #redisUrl()} is set) rather than memory. */
    public boolean usesRedis() {
        return redisUrl != null;
    }

    /** These settings with another rate limit, e.g. a high one for tests that send many requests. */
    public SeedSettings withRateLimit(String unitAndLimit) {
        return new SeedSettings(host, port, apiToken, unitAndLimit, csrfSecret, redisUrl, jwtSecret, jwtAlgorithm);
    }

    /** The rate limit as the app's config (the seed excludes some paths from it on top). */
    public RateLimitConfig rateLimitConfig() {
        return RateLimitConfig.parse(rateLimit);
    }

    public static SeedSettings defaults() {
        return new SeedSettings(DEFAULT_HOST, DEFAULT_PORT, DEFAULT_API_TOKEN);
    }

    /** Reads flags ({@code --port 9000} or {@code --port=9000}) over environment variables. */
    public static SeedSettings parse(String[] args, Map<String, String> env) {
        String host = env.getOrDefault("HOST", DEFAULT_HOST);
        String port = env.getOrDefault("PORT", Integer.toString(DEFAULT_PORT));
        String token = env.getOrDefault("API_TOKEN", DEFAULT_API_TOKEN);
        String rateLimit = env.getOrDefault("RATE_LIMIT", DEFAULT_RATE_LIMIT);
        String csrfSecret = env.getOrDefault("CSRF_SECRET", DEFAULT_CSRF_SECRET);
        String redisUrl = env.get("REDIS_URL");
        String jwtSecret = env.getOrDefault("JWT_SECRET", DEFAULT_JWT_SECRET);
        String jwtAlgorithm = env.getOrDefault("JWT_ALGORITHM", "HS256");
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            String value;
            if (arg.contains("=")) {
                value = arg.substring(arg.indexOf('=') + 1);
            } else if (name.equals("--help") || name.equals("-h")) {
                throw new IllegalArgumentException(usage());
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException("Missing value for " + name + "\n" + usage());
            }
            switch (name) {
                case "--host" -> host = value;
                case "--port" -> port = value;
                case "--api-token" -> token = value;
                case "--rate-limit" -> rateLimit = value;
                case "--csrf-secret" -> csrfSecret = value;
                case "--redis-url" -> redisUrl = value;
                case "--jwt-secret" -> jwtSecret = value;
                case "--jwt-algorithm" -> jwtAlgorithm = value;
                default -> throw new IllegalArgumentException("Unknown option " + name + "\n" + usage());
            }
        }
        int portNumber;
        try {
            portNumber = Integer.parseInt(port.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Port must be a number, got '" + port + "'");
        }
        if (portNumber < 0 || portNumber > 65535) {
            throw new IllegalArgumentException("Port must be between 0 and 65535, got " + portNumber);
        }
        if (token.isBlank()) {
            throw new IllegalArgumentException("API token must not be empty");
        }
        try {
            RateLimitConfig.parse(rateLimit); // refuse a bad limit at startup, not at the first request
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Bad rate limit: " + e.getMessage());
        }
        if (csrfSecret.isBlank()) {
            throw new IllegalArgumentException("CSRF secret must not be empty");
        }
        if (jwtSecret.getBytes(java.nio.charset.StandardCharsets.UTF_8).length < 32) {
            // HS256 needs a key as long as its hash: a shorter secret can be guessed offline from one token
            throw new IllegalArgumentException("JWT secret must be at least 32 bytes long");
        }
        if (!jwtAlgorithm.equals("HS256") && !jwtAlgorithm.equals("RS256")) {
            throw new IllegalArgumentException("JWT algorithm must be HS256 or RS256, got '" + jwtAlgorithm + "'");
        }
        if (redisUrl != null && redisUrl.isBlank()) {
            redisUrl = null; // an empty REDIS_URL (as compose files leave it) means no Redis
        }
        if (redisUrl != null && !redisUrl.startsWith("redis://") && !redisUrl.startsWith("rediss://")) {
            throw new IllegalArgumentException(
                    "Redis URL must start with redis:// or rediss://, got '" + redisUrl + "'");
        }
        return new SeedSettings(
                host,
                portNumber,
                token,
                rateLimit.trim(),
                csrfSecret,
                redisUrl == null ? null : redisUrl.trim(),
                jwtSecret,
                jwtAlgorithm);
    }

    public static String usage() {
        return """
                Usage: java -jar seed-app.jar [--host HOST] [--port PORT] [--api-token TOKEN] [--rate-limit UNIT,N]
                                          [--csrf-secret SECRET] [--redis-url URL] [--jwt-secret SECRET]
                                          [--jwt-algorithm HS256|RS256]
                  --host       interface to listen on (env HOST, default 127.0.0.1)
                  --port       port to listen on, 0 for any free port (env PORT, default 8000)
                  --api-token  static bearer token for scripts, the admin (env API_TOKEN, default dev-token)
                  --rate-limit requests per client per second|minute|hour|day (env RATE_LIMIT, default minute,60)
                  --csrf-secret signs CSRF tokens (env CSRF_SECRET, default a development secret)
                  --redis-url  channels through Redis Pub/Sub, e.g. redis://127.0.0.1:6379 (env REDIS_URL;
                               default: channels in memory)
                  --jwt-secret signs access tokens, 32 bytes or more (env JWT_SECRET, default a development secret)
                  --jwt-algorithm HS256 (default; with --jwt-secret) or RS256 (a key pair made at startup: tokens
                               are good only while this process runs) (env JWT_ALGORITHM)""";
    }
}
