package dev.rigel.middleware.csrf;

import dev.rigel.http.Cookie;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Settings of the CSRF middleware, Litestar's {@code CSRFConfig}: {@code App.builder().csrf(CSRFConfig.of(secret))}.
 *
 * @param secret             signs the tokens (HMAC-SHA256); keep it secret and stable across restarts
 *                           and instances, or issued tokens stop verifying
 * @param cookieName         the cookie carrying the token (default {@code csrftoken})
 * @param headerName         the request header an unsafe request sends the token in (default {@code x-csrftoken})
 * @param cookiePath         the cookie's {@code Path} (default {@code /})
 * @param cookieDomain       the cookie's {@code Domain}, or null for none
 * @param cookieSecure       the cookie's {@code Secure} flag (default false)
 * @param cookieHttpOnly     the cookie's {@code HttpOnly} flag (default false: page scripts must read the
 *                           cookie to copy it into the header)
 * @param cookieSameSite     the cookie's {@code SameSite} (default {@code Lax})
 * @param safeMethods        methods that are never checked and that hand out the cookie (default GET, HEAD,
 *                           OPTIONS, TRACE); upper case
 * @param exclude            path regular expressions never checked (searched, not anchored)
 * @param excludeFromCsrfKey an opt key: routes whose opt sets it to true are not checked, or null
 */
public record CSRFConfig(
        String secret,
        String cookieName,
        String headerName,
        String cookiePath,
        String cookieDomain,
        boolean cookieSecure,
        boolean cookieHttpOnly,
        Cookie.SameSite cookieSameSite,
        Set<String> safeMethods,
        List<String> exclude,
        String excludeFromCsrfKey) {

    public static final String DEFAULT_COOKIE_NAME = "csrftoken";
    public static final String DEFAULT_HEADER_NAME = "x-csrftoken";
    public static final Set<String> DEFAULT_SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    public CSRFConfig {
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("CSRFConfig needs a non-empty secret");
        }
        Objects.requireNonNull(cookieName, "cookieName");
        // the cookie's own constructor checks the name; fail at configuration, not at the first request
        Cookie.of(cookieName, "x");
        if (headerName == null || headerName.isBlank()) {
            throw new IllegalArgumentException("CSRFConfig needs a header name");
        }
        cookiePath = cookiePath == null ? "/" : cookiePath;
        cookieSameSite = cookieSameSite == null ? Cookie.SameSite.LAX : cookieSameSite;
        Set<String> methods = new LinkedHashSet<>();
        for (String method : Objects.requireNonNull(safeMethods, "safeMethods")) {
            methods.add(method.toUpperCase(Locale.ROOT));
        }
        safeMethods = Set.copyOf(methods);
        exclude = List.copyOf(Objects.requireNonNull(exclude, "exclude"));
        exclude.forEach(Pattern::compile);
    }

    /** The defaults, signing with {@code secret}. */
    public static CSRFConfig of(String secret) {
        return builder(secret).build();
    }

    public static Builder builder(String secret) {
        return new Builder(secret);
    }

    /** Builds a {@link CSRFConfig}; every setting starts at its default. */
    public static final class Builder {
        private final String secret;
        private String cookieName = DEFAULT_COOKIE_NAME;
        private String headerName = DEFAULT_HEADER_NAME;
        private String cookiePath = "/";
        private String cookieDomain;
        private boolean cookieSecure;
        private boolean cookieHttpOnly;
        private Cookie.SameSite cookieSameSite = Cookie.SameSite.LAX;
        private Set<String> safeMethods = DEFAULT_SAFE_METHODS;
        private final List<String> exclude = new java.util.ArrayList<>();
        private String excludeFromCsrfKey;

        private Builder(String secret) {
            this.secret = secret;
        }

        public Builder cookieName(String name) {
            this.cookieName = name;
            return this;
        }

        public Builder headerName(String name) {
            this.headerName = name;
            return this;
        }

        public Builder cookiePath(String path) {
            this.cookiePath = path;
            return this;
        }

        public Builder cookieDomain(String domain) {
            this.cookieDomain = domain;
            return this;
        }

        public Builder cookieSecure(boolean secure) {
            this.cookieSecure = secure;
            return this;
        }

        public Builder cookieHttpOnly(boolean httpOnly) {
            this.cookieHttpOnly = httpOnly;
            return this;
        }

        public Builder cookieSameSite(Cookie.SameSite sameSite) {
            this.cookieSameSite = sameSite;
            return this;
        }

        public Builder safeMethods(String... methods) {
            this.safeMethods = Set.of(methods);
            return this;
        }

        /** Adds path regular expressions that are never checked. */
        public Builder exclude(String... pathPatterns) {
            exclude.addAll(List.of(pathPatterns));
            return this;
        }

        public Builder excludeFromCsrfKey(String optKey) {
            this.excludeFromCsrfKey = optKey;
            return this;
        }

        public CSRFConfig build() {
            return new CSRFConfig(
                    secret,
                    cookieName,
                    headerName,
                    cookiePath,
                    cookieDomain,
                    cookieSecure,
                    cookieHttpOnly,
                    cookieSameSite,
                    safeMethods,
                    exclude,
                    excludeFromCsrfKey);
        }
    }
}
