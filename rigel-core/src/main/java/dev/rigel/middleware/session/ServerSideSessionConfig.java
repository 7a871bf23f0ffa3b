package dev.rigel.middleware.session;

import dev.rigel.http.Cookie;
import java.time.Duration;
import java.util.Objects;

/**
 * Sessions kept on the server, in one of the app's stores ({@code app.stores()}), with only a
 * random id in the cookie. Sessions can be of any size and revoked at once, and a Redis store
 * shares them between instances. {@code App.builder().sessions(ServerSideSessionConfig.defaults())}.
 *
 * @param storeName  the app store holding the sessions; default {@code sessions}
 * @param cookieName the cookie carrying the session id; default {@code session}
 * @param maxAge     how long an unused session lives; each request that uses it starts the time
 *                   again; default 14 days
 * @param path       the cookie's {@code Path}; default {@code /}
 * @param domain     the cookie's {@code Domain}, or null
 * @param secure     the cookie's {@code Secure} flag; default false (set it when served over HTTPS)
 * @param httpOnly   the cookie's {@code HttpOnly} flag; default true
 * @param sameSite   the cookie's {@code SameSite}; default {@code Lax}
 */
public record ServerSideSessionConfig(
        String storeName,
        String cookieName,
        Duration maxAge,
        String path,
        String domain,
        boolean secure,
        boolean httpOnly,
        Cookie.SameSite sameSite) {

    public static final String DEFAULT_STORE_NAME = "sessions";
    public static final String DEFAULT_COOKIE_NAME = "session";
    public static final Duration DEFAULT_MAX_AGE = Duration.ofDays(14);

    public ServerSideSessionConfig {
        if (storeName == null || storeName.isEmpty()) {
            throw new IllegalArgumentException("storeName must not be empty");
        }
        Cookie.of(Objects.requireNonNull(cookieName, "cookieName"), "x");
        if (maxAge == null || maxAge.toSeconds() < 1) {
            throw new IllegalArgumentException("maxAge must be at least one second");
        }
        path = path == null ? "/" : path;
        sameSite = sameSite == null ? Cookie.SameSite.LAX : sameSite;
    }

    public static ServerSideSessionConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link ServerSideSessionConfig}; every setting starts at its default. */
    public static final class Builder extends SessionCookieBuilder<Builder> {
        private String storeName = DEFAULT_STORE_NAME;

        private Builder() {}

        public Builder storeName(String name) {
            this.storeName = name;
            return this;
        }

        public ServerSideSessionConfig build() {
            return new ServerSideSessionConfig(storeName, cookieName, maxAge, path, domain, secure, httpOnly, sameSite);
        }
    }
}
