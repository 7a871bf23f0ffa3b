package dev.rigel.middleware.session;

import dev.rigel.http.Cookie;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;

/**
 * Sessions kept by the client: the session map, as JSON, encrypted and authenticated with AES-GCM
 * in a cookie. Nothing is stored on the server, so any instance can serve any request; the price
 * is size (a browser keeps about 4 KB per cookie, so larger sessions are split into
 * {@code session-0}, {@code session-1}, … cookies) and that a session cannot be revoked before it
 * expires except by changing the key. {@code App.builder().sessions(ClientSideSessionConfig.of(key))}.
 *
 * @param secretKey  the AES key: 16, 24 or 32 bytes; keep it secret and the same on every instance
 * @param cookieName the cookie (or prefix of the chunk cookies); default {@code session}
 * @param maxAge     how long a session lives after it was last written; default 14 days. The expiry
 *                   is also inside the encrypted payload, so a kept old cookie stops working in time.
 * @param path       the cookie's {@code Path}; default {@code /}
 * @param domain     the cookie's {@code Domain}, or null
 * @param secure     the cookie's {@code Secure} flag; default false (set it when served over HTTPS)
 * @param httpOnly   the cookie's {@code HttpOnly} flag; default true
 * @param sameSite   the cookie's {@code SameSite}; default {@code Lax}
 */
public record ClientSideSessionConfig(
        byte[] secretKey,
        String cookieName,
        Duration maxAge,
        String path,
        String domain,
        boolean secure,
        boolean httpOnly,
        Cookie.SameSite sameSite) {

    public static final String DEFAULT_COOKIE_NAME = "session";
    public static final Duration DEFAULT_MAX_AGE = Duration.ofDays(14);

    public ClientSideSessionConfig {
        if (secretKey == null || secretKey.length != 16 && secretKey.length != 24 && secretKey.length != 32) {
            throw new IllegalArgumentException(
                    "the session secret key must be 16, 24 or 32 bytes (AES-128/192/256), got "
                            + (secretKey == null ? "none" : secretKey.length + " bytes"));
        }
        secretKey = secretKey.clone();
        Cookie.of(Objects.requireNonNull(cookieName, "cookieName"), "x");
        if (maxAge == null || maxAge.toSeconds() < 1) {
            throw new IllegalArgumentException("maxAge must be at least one second");
        }
        path = path == null ? "/" : path;
        sameSite = sameSite == null ? Cookie.SameSite.LAX : sameSite;
    }

    /** The defaults, encrypting with {@code secretKey}. */
    public static ClientSideSessionConfig of(byte[] secretKey) {
        return builder(secretKey).build();
    }

    /** The defaults, with a key given as (standard or url-safe) base64, e.g. from an environment variable. */
    public static ClientSideSessionConfig ofBase64Key(String base64Key) {
        String normalized = base64Key.strip().replace('-', '+').replace('_', '/');
        return of(Base64.getDecoder().decode(normalized));
    }

    public static Builder builder(byte[] secretKey) {
        return new Builder(secretKey);
    }

    @Override
    public byte[] secretKey() {
        return secretKey.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ClientSideSessionConfig that
                && java.util.Arrays.equals(secretKey, that.secretKey)
                && cookieName.equals(that.cookieName)
                && maxAge.equals(that.maxAge)
                && path.equals(that.path)
                && Objects.equals(domain, that.domain)
                && secure == that.secure
                && httpOnly == that.httpOnly
                && sameSite == that.sameSite;
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                java.util.Arrays.hashCode(secretKey), cookieName, maxAge, path, domain, secure, httpOnly, sameSite);
    }

    /** Never shows the key. */
    @Override
    public String toString() {
        return "ClientSideSessionConfig[cookieName=" + cookieName + ", maxAge=" + maxAge + ", path=" + path
                + ", domain=" + domain + ", secure=" + secure + ", httpOnly=" + httpOnly + ", sameSite=" + sameSite
                + "]";
    }

    /** Builds a {@link ClientSideSessionConfig}; every setting starts at its default. */
    public static final class Builder extends SessionCookieBuilder<Builder> {
        private final byte[] secretKey;

        private Builder(byte[] secretKey) {
            this.secretKey = secretKey;
        }

        public ClientSideSessionConfig build() {
            return new ClientSideSessionConfig(secretKey, cookieName, maxAge, path, domain, secure, httpOnly, sameSite);
        }
    }
}
