package dev.rigel.middleware.cors;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Cross-origin resource sharing settings, as Litestar's {@code CORSConfig}; switch them on with
 * {@code App.builder().cors(config)}.
 *
 * <pre>{@code
 * CORSConfig.builder()
 *     .allowOrigins("https://myapp.com", "https://*.myapp.com")
 *     .allowMethods("GET", "POST", "PUT", "DELETE")
 *     .allowCredentials(true)
 *     .build();
 * }</pre>
 *
 * Defaults: every origin, method and header allowed, no credentials, nothing exposed, preflight
 * answers cached for 600 seconds. Origins are compared case-insensitively; {@code *} in an origin's
 * host stands for one or more sub-domain labels ({@code https://*.example.com} allows
 * {@code https://api.example.com}, not {@code https://example.com}). Methods are upper-cased and
 * header names lower-cased. Mistakes (an origin with a path or trailing slash, a bad regex, a
 * negative max age) fail {@link Builder#build()}.
 */
public final class CORSConfig {

    /** Request headers a browser may always send; a preflight asking for them passes any allow-list. */
    public static final Set<String> SAFELISTED_HEADERS =
            Set.of("accept", "accept-language", "content-language", "content-type");

    private final List<String> allowOrigins;
    private final String allowOriginRegex;
    private final List<String> allowMethods;
    private final List<String> allowHeaders;
    private final boolean allowCredentials;
    private final List<String> exposeHeaders;
    private final int maxAge;
    private final OriginMatcher origins;

    private CORSConfig(Builder builder) {
        this.allowOrigins = List.copyOf(builder.allowOrigins);
        this.allowOriginRegex = builder.allowOriginRegex;
        this.allowMethods = List.copyOf(builder.allowMethods);
        this.allowHeaders = List.copyOf(builder.allowHeaders);
        this.allowCredentials = builder.allowCredentials;
        this.exposeHeaders = List.copyOf(builder.exposeHeaders);
        this.maxAge = builder.maxAge;
        this.origins = new OriginMatcher(allowOrigins, allowOriginRegex);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Every origin, method and header, without credentials. */
    public static CORSConfig allowAll() {
        return builder().build();
    }

    /** Allowed origins: exact ones, {@code *} for all, or patterns such as {@code https://*.example.com}. */
    public List<String> allowOrigins() {
        return allowOrigins;
    }

    /** A regular expression an origin may match instead (the whole origin must match). */
    public Optional<String> allowOriginRegex() {
        return Optional.ofNullable(allowOriginRegex);
    }

    /** Allowed methods, upper case, or {@code *}. */
    public List<String> allowMethods() {
        return allowMethods;
    }

    /** Allowed request headers, lower case, or {@code *}. */
    public List<String> allowHeaders() {
        return allowHeaders;
    }

    /** Whether cookies and authorization may go along ({@code Access-Control-Allow-Credentials: true}). */
    public boolean allowCredentials() {
        return allowCredentials;
    }

    /** Response headers the browser lets scripts read. */
    public List<String> exposeHeaders() {
        return exposeHeaders;
    }

    /** Seconds a browser may cache a preflight answer. */
    public int maxAge() {
        return maxAge;
    }

    public boolean allowsAllOrigins() {
        return origins.matchesAny();
    }

    public boolean allowsAllMethods() {
        return allowMethods.contains("*");
    }

    public boolean allowsAllHeaders() {
        return allowHeaders.contains("*");
    }

    /**
     * Whether a request from {@code origin} may read responses. Over-long or malformed values (more
     * than 1024 characters, control characters, spaces) are never allowed, even with {@code *}.
     */
    public boolean isOriginAllowed(String origin) {
        return origins.matches(origin);
    }

    /** The origin to answer a request from {@code origin} with, or null when it is not allowed. */
    String allowedOrigin(String origin) {
        return origins.allowedAs(origin);
    }

    @Override
    public String toString() {
        return "CORSConfig[allowOrigins=" + allowOrigins + ", allowOriginRegex=" + allowOriginRegex + ", allowMethods="
                + allowMethods + ", allowHeaders=" + allowHeaders + ", allowCredentials=" + allowCredentials
                + ", exposeHeaders=" + exposeHeaders + ", maxAge=" + maxAge + "]";
    }

    /** Builds a {@link CORSConfig}; each setter replaces what it was given before. */
    public static final class Builder {
        private List<String> allowOrigins = List.of("*");
        private String allowOriginRegex;
        private List<String> allowMethods = List.of("*");
        private List<String> allowHeaders = List.of("*");
        private boolean allowCredentials;
        private List<String> exposeHeaders = List.of();
        private int maxAge = 600;

        private Builder() {}

        public Builder allowOrigins(String... origins) {
            return allowOrigins(List.of(origins));
        }

        public Builder allowOrigins(Collection<String> origins) {
            this.allowOrigins = distinct(origins, "origin");
            return this;
        }

        public Builder allowOriginRegex(String regex) {
            this.allowOriginRegex = regex;
            return this;
        }

        public Builder allowMethods(String... methods) {
            return allowMethods(List.of(methods));
        }

        public Builder allowMethods(Collection<String> methods) {
            this.allowMethods = tokens(methods, "method", true);
            return this;
        }

        public Builder allowHeaders(String... headers) {
            return allowHeaders(List.of(headers));
        }

        public Builder allowHeaders(Collection<String> headers) {
            this.allowHeaders = tokens(headers, "header", false);
            return this;
        }

        public Builder allowCredentials(boolean allow) {
            this.allowCredentials = allow;
            return this;
        }

        public Builder exposeHeaders(String... headers) {
            return exposeHeaders(List.of(headers));
        }

        public Builder exposeHeaders(Collection<String> headers) {
            List<String> exposed = tokens(headers, "exposed header", false);
            if (exposed.contains("*")) {
                // '*' means "all" to browsers only without credentials; name the headers instead
                throw new IllegalArgumentException("exposeHeaders: list the header names, '*' is not supported");
            }
            this.exposeHeaders = exposed;
            return this;
        }

        /** Seconds a browser may cache a preflight answer (default 600; 0 disables caching). */
        public Builder maxAge(int seconds) {
            if (seconds < 0) {
                throw new IllegalArgumentException("maxAge must not be negative: " + seconds);
            }
            this.maxAge = seconds;
            return this;
        }

        /** Checks the origins and compiles the regex; a {@code PatternSyntaxException} names a bad regex. */
        public CORSConfig build() {
            return new CORSConfig(this);
        }

        private static List<String> tokens(Collection<String> values, String what, boolean upper) {
            List<String> tokens = distinct(values, what);
            List<String> normalized = new ArrayList<>(tokens.size());
            for (String token : tokens) {
                if (!token.equals("*") && !isToken(token)) {
                    throw new IllegalArgumentException("CORS " + what + " '" + token + "' is not a valid HTTP token");
                }
                normalized.add(upper ? token.toUpperCase(Locale.ROOT) : token.toLowerCase(Locale.ROOT));
            }
            return List.copyOf(new LinkedHashSet<>(normalized));
        }

        private static List<String> distinct(Collection<String> values, String what) {
            Objects.requireNonNull(values, what + "s");
            LinkedHashSet<String> kept = new LinkedHashSet<>();
            for (String value : values) {
                Objects.requireNonNull(value, what);
                String trimmed = value.strip();
                if (trimmed.isEmpty()) {
                    throw new IllegalArgumentException("CORS " + what + " must not be empty");
                }
                kept.add(trimmed);
            }
            return List.copyOf(kept);
        }
    }

    /** RFC 9110 token: the characters a method or header name may hold. */
    static boolean isToken(String value) {
        if (value.isEmpty()) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            if (!isTokenChar(value.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    static boolean isTokenChar(char c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }
}
