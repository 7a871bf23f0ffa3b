package dev.rigel.middleware.session;

import dev.rigel.http.Cookie;
import java.time.Duration;

/**
 * The cookie settings both kinds of session share, for their builders. Every setting starts at
 * its default: cookie {@code session}, 14 days, path {@code /}, no domain, not secure-only,
 * HttpOnly, SameSite Lax.
 *
 * @param <B> the concrete builder, returned by every setter for chaining
 */
public abstract class SessionCookieBuilder<B extends SessionCookieBuilder<B>> {

    String cookieName = ClientSideSessionConfig.DEFAULT_COOKIE_NAME;
    Duration maxAge = ClientSideSessionConfig.DEFAULT_MAX_AGE;
    String path = "/";
    String domain;
    boolean secure;
    boolean httpOnly = true;
    Cookie.SameSite sameSite = Cookie.SameSite.LAX;

    SessionCookieBuilder() {}

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    public B cookieName(String name) {
        this.cookieName = name;
        return self();
    }

    /** How long a session lives after it was last written. */
    public B maxAge(Duration age) {
        this.maxAge = age;
        return self();
    }

    public B path(String cookiePath) {
        this.path = cookiePath;
        return self();
    }

    public B domain(String cookieDomain) {
        this.domain = cookieDomain;
        return self();
    }

    /** Set it when the app is served over HTTPS. */
    public B secure(boolean secureOnly) {
        this.secure = secureOnly;
        return self();
    }

    public B httpOnly(boolean hidden) {
        this.httpOnly = hidden;
        return self();
    }

    public B sameSite(Cookie.SameSite policy) {
        this.sameSite = policy;
        return self();
    }
}
