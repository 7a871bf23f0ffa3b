package dev.rigel.middleware.session;

import dev.rigel.http.Cookie;
import dev.rigel.protocol.Headers;
import java.time.Duration;

/** The attributes every session cookie of one app shares, and the writing and clearing of them. */
record SessionCookies(
        String name,
        Duration maxAge,
        String path,
        String domain,
        boolean secure,
        boolean httpOnly,
        Cookie.SameSite sameSite) {

    void set(Headers responseHeaders, String cookieName, String value) {
        responseHeaders.add("set-cookie", cookie(cookieName, value, maxAge).toHeaderValue());
    }

    /** Expires {@code cookieName} in the browser; same path and domain, or the browser keeps the old one. */
    void clear(Headers responseHeaders, String cookieName) {
        responseHeaders.add("set-cookie", cookie(cookieName, "", Duration.ZERO).toHeaderValue());
    }

    private Cookie cookie(String cookieName, String value, Duration age) {
        return new Cookie(cookieName, value, path, domain, age, secure, httpOnly, sameSite);
    }
}
