package dev.rigel.cache;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A {@code Cache-Control} response header (RFC 9111 section 5.2.2), set on a layer with
 * {@code cacheControl(…)} or on a handler annotation as text. The closest layer's value applies,
 * and a {@code Cache-Control} header the handler sets itself beats every layer.
 *
 * <pre>{@code
 * Router.builder("/static").cacheControl(CacheControlHeader.builder().publicCache().maxAge(3600).build())
 * @Get(value = "/report", cacheControl = "no-store")
 * }</pre>
 *
 * Instances are immutable and compare by their directives.
 */
public final class CacheControlHeader {

    /** Directives whose argument is a number of seconds. */
    private static final Set<String> SECONDS =
            Set.of("max-age", "s-maxage", "stale-while-revalidate", "stale-if-error");
    /** Directives that stand alone. */
    private static final Set<String> FLAGS = Set.of(
            "no-cache",
            "no-store",
            "private",
            "public",
            "no-transform",
            "must-revalidate",
            "proxy-revalidate",
            "must-understand",
            "immutable");

    private final Map<String, Long> directives;
    private final String value;

    private CacheControlHeader(Map<String, Long> directives) {
        if (directives.isEmpty()) {
            throw new IllegalArgumentException("a Cache-Control header needs at least one directive");
        }
        this.directives = Collections.unmodifiableMap(new LinkedHashMap<>(directives));
        StringBuilder text = new StringBuilder();
        directives.forEach((name, seconds) -> {
            text.append(text.isEmpty() ? "" : ", ").append(name);
            if (seconds != null) {
                text.append('=').append(seconds);
            }
        });
        this.value = text.toString();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code no-store}: nothing may keep a copy (Litestar's {@code prevent_storing}). */
    public static CacheControlHeader noStore() {
        return builder().noStore().build();
    }

    /**
     * Parses a header value such as {@code "public, max-age=60"}. Names are case-insensitive;
     * only the response directives of RFC 9111 (and {@code immutable}, {@code stale-while-revalidate},
     * {@code stale-if-error}) are accepted, so a typo fails at startup instead of being sent.
     *
     * @throws IllegalArgumentException naming the directive that does not fit
     */
    public static CacheControlHeader parse(String header) {
        Objects.requireNonNull(header, "header");
        Builder builder = builder();
        for (String part : header.split(",")) {
            String directive = part.trim();
            if (directive.isEmpty()) {
                continue;
            }
            int eq = directive.indexOf('=');
            String name =
                    (eq < 0 ? directive : directive.substring(0, eq)).trim().toLowerCase(Locale.ROOT);
            String argument = eq < 0 ? null : directive.substring(eq + 1).trim();
            if (argument != null && argument.length() >= 2 && argument.startsWith("\"") && argument.endsWith("\"")) {
                argument = argument.substring(1, argument.length() - 1);
            }
            if (SECONDS.contains(name)) {
                if (argument == null || argument.isEmpty() || !argument.chars().allMatch(c -> c >= '0' && c <= '9')) {
                    throw new IllegalArgumentException("Cache-Control directive '" + name
                            + "' needs a number of seconds, got '" + directive + "'");
                }
                builder.directive(name, parseSeconds(argument, name));
            } else if (FLAGS.contains(name)) {
                if (argument != null) {
                    throw new IllegalArgumentException("Cache-Control directive '" + name + "' takes no argument here,"
                            + " got '" + directive + "'");
                }
                builder.directive(name, null);
            } else {
                throw new IllegalArgumentException(
                        "Unknown Cache-Control response directive '" + name + "' in '" + header + "'");
            }
        }
        return builder.build();
    }

    private static long parseSeconds(String digits, String name) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "Cache-Control directive '" + name + "' has too large a value: " + digits);
        }
    }

    /** The directives in the order given; flags map to null, the others to their seconds. */
    public Map<String, Long> directives() {
        return directives;
    }

    /** The value of the header, e.g. {@code public, max-age=60}. */
    public String toHeaderValue() {
        return value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CacheControlHeader header && header.directives.equals(directives);
    }

    @Override
    public int hashCode() {
        return directives.hashCode();
    }

    @Override
    public String toString() {
        return value;
    }

    /** Collects directives; a directive given twice keeps its latest argument. */
    public static final class Builder {
        private final Map<String, Long> directives = new LinkedHashMap<>();

        private Builder() {}

        private Builder directive(String name, Long seconds) {
            directives.put(name, seconds);
            return this;
        }

        private Builder seconds(String name, long seconds) {
            if (seconds < 0) {
                throw new IllegalArgumentException(name + " must not be negative, got " + seconds);
            }
            return directive(name, seconds);
        }

        /** {@code max-age}: fresh for this many seconds. */
        public Builder maxAge(long seconds) {
            return seconds("max-age", seconds);
        }

        public Builder maxAge(Duration duration) {
            return maxAge(duration.toSeconds());
        }

        /** {@code s-maxage}: freshness for shared caches (proxies, CDNs), overriding {@code max-age}. */
        public Builder sMaxAge(long seconds) {
            return seconds("s-maxage", seconds);
        }

        public Builder staleWhileRevalidate(long seconds) {
            return seconds("stale-while-revalidate", seconds);
        }

        public Builder staleIfError(long seconds) {
            return seconds("stale-if-error", seconds);
        }

        /** {@code no-cache}: a cache must revalidate before each use. */
        public Builder noCache() {
            return directive("no-cache", null);
        }

        /** {@code no-store}: no cache may keep the response. */
        public Builder noStore() {
            return directive("no-store", null);
        }

        /** {@code private}: only the user's own cache (the browser) may keep it. */
        public Builder privateCache() {
            return directive("private", null);
        }

        /** {@code public}: shared caches may keep it too. */
        public Builder publicCache() {
            return directive("public", null);
        }

        public Builder noTransform() {
            return directive("no-transform", null);
        }

        public Builder mustRevalidate() {
            return directive("must-revalidate", null);
        }

        public Builder proxyRevalidate() {
            return directive("proxy-revalidate", null);
        }

        public Builder mustUnderstand() {
            return directive("must-understand", null);
        }

        /** {@code immutable}: the response will not change while fresh (fingerprinted assets). */
        public Builder immutable() {
            return directive("immutable", null);
        }

        /** @throws IllegalArgumentException when no directive was given */
        public CacheControlHeader build() {
            return new CacheControlHeader(directives);
        }
    }
}
