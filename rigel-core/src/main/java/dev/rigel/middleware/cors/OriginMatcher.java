package dev.rigel.middleware.cors;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Decides whether a request's {@code Origin} is allowed, with everything prepared up front: exact
 * origins in a hash set, wildcard origins ({@code https://*.example.com}) as a prefix and suffix
 * compared without regular expressions, and the optional user regex compiled once.
 *
 * <p>An origin is {@code scheme://host[:port]} (or {@code null}), so anything longer than
 * {@link #MAX_ORIGIN_LENGTH} or holding characters no origin has is refused before any matching:
 * a 100 KB header costs one length check, and the user's regex only ever sees short input.
 */
final class OriginMatcher {

    /** Far beyond any real origin (a host name is at most 253 characters), small enough for any regex. */
    public static final int MAX_ORIGIN_LENGTH = 1024;

    private final boolean any;
    /** Exact origins, lower-cased, to the spelling the app configured (the one it answers with). */
    private final java.util.Map<String, String> exact;

    private final String[] wildcardPrefixes;
    private final String[] wildcardSuffixes;
    private final Pattern regex;

    /**
     * @param origins exact origins, {@code "*"} for all, or patterns with one {@code *} in the host
     *                standing for one or more sub-domain labels
     * @param regex   an additional regular expression the whole origin must match, or null
     */
    public OriginMatcher(List<String> origins, String regex) {
        boolean all = false;
        java.util.Map<String, String> exactOrigins = new java.util.HashMap<>();
        List<String> prefixes = new ArrayList<>();
        List<String> suffixes = new ArrayList<>();
        for (String origin : origins) {
            String normalized = origin.toLowerCase(Locale.ROOT);
            if (normalized.equals("*")) {
                all = true;
                continue;
            }
            validate(origin);
            int star = normalized.indexOf('*');
            if (star < 0) {
                exactOrigins.putIfAbsent(normalized, origin);
            } else {
                prefixes.add(normalized.substring(0, star));
                suffixes.add(normalized.substring(star + 1));
            }
        }
        this.any = all;
        this.exact = java.util.Map.copyOf(exactOrigins);
        this.wildcardPrefixes = prefixes.toArray(String[]::new);
        this.wildcardSuffixes = suffixes.toArray(String[]::new);
        this.regex = regex == null ? null : Pattern.compile(regex);
    }

    /** Whether every (well-formed) origin is allowed. */
    public boolean matchesAny() {
        return any;
    }

    public boolean matches(String origin) {
        return allowedAs(origin) != null;
    }

    /**
     * The origin to answer {@code origin} with, or null when it is not allowed: an exact origin in
     * the app's own spelling (origins compare case-insensitively, but the browser compares the
     * answer with its origin exactly), a wildcard match lower-cased as browsers serialize origins,
     * otherwise the request's value.
     */
    public String allowedAs(String origin) {
        if (!isPlausible(origin)) {
            return null;
        }
        if (any) {
            return origin;
        }
        // returns the same instance when there is nothing to lower, which is the browser's usual form
        String lower = origin.toLowerCase(Locale.ROOT);
        String configured = exact.get(lower);
        if (configured != null) {
            return configured;
        }
        for (int i = 0; i < wildcardPrefixes.length; i++) {
            if (matchesWildcard(lower, wildcardPrefixes[i], wildcardSuffixes[i])) {
                return lower;
            }
        }
        return regex != null && regex.matcher(origin).matches() ? origin : null;
    }

    /**
     * Whether {@code origin} could be an origin at all: not too long, and only the characters of a
     * scheme, a (punycode or IP) host and a port. It is echoed in a response header when allowed,
     * so this also keeps control characters, spaces and commas (a list of origins) out of it.
     */
    public static boolean isPlausible(String origin) {
        if (origin == null || origin.isEmpty() || origin.length() > MAX_ORIGIN_LENGTH) {
            return false;
        }
        for (int i = 0; i < origin.length(); i++) {
            char c = origin.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '.'
                    || c == '-'
                    || c == '+'
                    || c == ':'
                    || c == '/'
                    || c == '['
                    || c == ']'
                    || c == '_'
                    || c == '%';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    /** The star stands for one or more host labels: letters, digits, '-' and the dots between them. */
    private static boolean matchesWildcard(String origin, String prefix, String suffix) {
        int middleEnd = origin.length() - suffix.length();
        if (middleEnd <= prefix.length() || !origin.startsWith(prefix) || !origin.endsWith(suffix)) {
            return false;
        }
        for (int i = prefix.length(); i < middleEnd; i++) {
            char c = origin.charAt(i);
            boolean label = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.';
            if (!label) {
                return false;
            }
        }
        return origin.charAt(prefix.length()) != '.' && origin.charAt(middleEnd - 1) != '.';
    }

    /** Catches the usual mistakes at startup: a trailing slash or path, a second star, a star outside the host. */
    private static void validate(String origin) {
        if (origin.equalsIgnoreCase("null")) {
            return;
        }
        int scheme = origin.indexOf("://");
        if (scheme <= 0 || scheme + 3 == origin.length()) {
            throw new IllegalArgumentException("CORS origin '" + origin + "' is not of the form scheme://host[:port]");
        }
        if (origin.indexOf('/', scheme + 3) >= 0) {
            throw new IllegalArgumentException("CORS origin '" + origin + "' has a path; an origin is"
                    + " scheme://host[:port] with no trailing slash");
        }
        int star = origin.indexOf('*');
        if (star >= 0 && (star < scheme + 3 || origin.indexOf('*', star + 1) >= 0)) {
            throw new IllegalArgumentException(
                    "CORS origin pattern '" + origin + "' may hold one '*', in the host only");
        }
        if (!isPlausible(origin.replace('*', 'a'))) {
            throw new IllegalArgumentException("CORS origin '" + origin + "' holds characters no origin has");
        }
    }
}
