package dev.rigel.http;

import java.time.Duration;
import java.util.Objects;

/**
 * A cookie to set on the response ({@code Set-Cookie}). Build with {@link #of(String, String)} and
 * the {@code with…} methods. {@code maxAge} null means a session cookie; zero deletes it.
 */
public record Cookie(
        String name,
        String value,
        String path,
        String domain,
        Duration maxAge,
        boolean secure,
        boolean httpOnly,
        SameSite sameSite) {

    /** The {@code SameSite} attribute. */
    public enum SameSite {
        LAX,
        STRICT,
        NONE
    }

    public Cookie {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        if (name.isEmpty()
                || name.chars().anyMatch(c -> c <= 32 || c >= 127 || "()<>@,;:\\\"/[]?={}".indexOf(c) >= 0)) {
            throw new IllegalArgumentException("invalid cookie name: '" + name + "'");
        }
        if (value.chars().anyMatch(c -> c < 33 || c == '"' || c == ',' || c == ';' || c == '\\' || c >= 127)) {
            throw new IllegalArgumentException("cookie '" + name + "' has characters a cookie value cannot carry");
        }
        path = path == null ? "/" : path;
        sameSite = sameSite == null ? SameSite.LAX : sameSite;
    }

    public static Cookie of(String name, String value) {
        return new Cookie(name, value, "/", null, null, false, false, SameSite.LAX);
    }

    public Cookie withPath(String newPath) {
        return new Cookie(name, value, newPath, domain, maxAge, secure, httpOnly, sameSite);
    }

    public Cookie withDomain(String newDomain) {
        return new Cookie(name, value, path, newDomain, maxAge, secure, httpOnly, sameSite);
    }

    public Cookie withMaxAge(Duration newMaxAge) {
        return new Cookie(name, value, path, domain, newMaxAge, secure, httpOnly, sameSite);
    }

    public Cookie withSecure(boolean newSecure) {
        return new Cookie(name, value, path, domain, maxAge, newSecure, httpOnly, sameSite);
    }

    public Cookie withHttpOnly(boolean newHttpOnly) {
        return new Cookie(name, value, path, domain, maxAge, secure, newHttpOnly, sameSite);
    }

    public Cookie withSameSite(SameSite newSameSite) {
        return new Cookie(name, value, path, domain, maxAge, secure, httpOnly, newSameSite);
    }

    /** The {@code Set-Cookie} header value. */
    public String toHeaderValue() {
        StringBuilder out = new StringBuilder(64).append(name).append('=').append(value);
        out.append("; Path=").append(path);
        if (domain != null) {
            out.append("; Domain=").append(domain);
        }
        if (maxAge != null) {
            out.append("; Max-Age=").append(Math.max(0, maxAge.toSeconds()));
        }
        if (secure) {
            out.append("; Secure");
        }
        if (httpOnly) {
            out.append("; HttpOnly");
        }
        out.append("; SameSite=")
                .append(
                        switch (sameSite) {
                            case LAX -> "Lax";
                            case STRICT -> "Strict";
                            case NONE -> "None";
                        });
        return out.toString();
    }
}
