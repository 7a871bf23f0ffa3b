package dev.rigel.middleware.hosts;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Compares a {@code Host} header with the allowed hosts without allocating: the host part (the
 * header without its port and without a trailing dot) is located by index and compared in place,
 * case-insensitively, with each exact host and each wildcard suffix. Allowed-host lists are short,
 * so a scan is as fast as hashing and needs no lower-cased copy of the header.
 */
final class HostMatcher {

    /** The longest host name DNS allows; anything longer is refused without comparing. */
    private static final int MAX_HOST_LENGTH = 255;

    private final boolean any;
    private final String[] exact;
    /** ".example.com" for "*.example.com": a sub-domain of it, never the domain itself. */
    private final String[] suffixes;
    /** "example.com" for each allowed "www.example.com": hosts a www redirect may send onwards. */
    private final String[] wwwDomains;

    public HostMatcher(List<String> allowedHosts) {
        boolean all = false;
        List<String> exactHosts = new ArrayList<>();
        List<String> wildcardSuffixes = new ArrayList<>();
        List<String> www = new ArrayList<>();
        for (String allowed : allowedHosts) {
            String host = allowed.strip().toLowerCase(Locale.ROOT);
            if (host.equals("*")) {
                all = true;
            } else if (host.startsWith("*.") && host.length() > 2 && isHostName(host.substring(2))) {
                wildcardSuffixes.add(host.substring(1));
            } else if (isHostName(host) || isIpv6Literal(host)) {
                exactHosts.add(host);
                if (host.startsWith("www.") && host.length() > 4) {
                    www.add(host.substring(4));
                }
            } else {
                throw new IllegalArgumentException("Allowed host '" + allowed + "' is not a host name, IP address or"
                        + " '*.domain' pattern (give hosts without scheme or port)");
            }
        }
        this.any = all;
        this.exact = exactHosts.toArray(String[]::new);
        this.suffixes = wildcardSuffixes.toArray(String[]::new);
        this.wwwDomains = www.toArray(String[]::new);
    }

    public boolean matchesAny() {
        return any;
    }

    /**
     * The length of the host part of a {@code Host} header: without {@code :port}, without one
     * trailing dot, brackets kept for IPv6 literals. -1 when the header is missing or malformed
     * (an empty host, a non-numeric port, characters no host name has).
     */
    public static int hostLength(String header) {
        if (header == null || header.isEmpty() || header.length() > MAX_HOST_LENGTH + 7) {
            return -1;
        }
        int end;
        if (header.charAt(0) == '[') {
            end = header.indexOf(']') + 1;
            if (end <= 2 || !isIpv6Literal(header.substring(0, end))) {
                return -1;
            }
        } else {
            end = header.indexOf(':');
            if (end < 0) {
                end = header.length();
            }
            for (int i = 0; i < end; i++) {
                if (!isHostChar(header.charAt(i))) {
                    return -1;
                }
            }
        }
        if (end < header.length()) {
            if (header.charAt(end) != ':' || !isPort(header, end + 1)) {
                return -1;
            }
        }
        if (end > 1 && header.charAt(end - 1) == '.') {
            end--; // "example.com." names the same host as "example.com"
        }
        return end == 0 || end > MAX_HOST_LENGTH ? -1 : end;
    }

    /** Whether the first {@code length} characters of {@code header} are an allowed host. */
    public boolean matches(String header, int length) {
        if (any) {
            return true;
        }
        for (String host : exact) {
            if (host.length() == length && header.regionMatches(true, 0, host, 0, length)) {
                return true;
            }
        }
        for (String suffix : suffixes) {
            if (length > suffix.length()
                    && header.regionMatches(true, length - suffix.length(), suffix, 0, suffix.length())) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code www.} followed by the host part of {@code header} is an allowed host. */
    public boolean hasWwwHost(String header, int length) {
        for (String domain : wwwDomains) {
            if (domain.length() == length && header.regionMatches(true, 0, domain, 0, length)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isHostName(String host) {
        if (host.isEmpty() || host.length() > MAX_HOST_LENGTH || host.startsWith(".") || host.endsWith(".")) {
            return false;
        }
        for (int i = 0; i < host.length(); i++) {
            if (!isHostChar(host.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Letters, digits, '-', '.' and, as real networks have them, '_'. */
    private static boolean isHostChar(char c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || c == '-'
                || c == '.'
                || c == '_';
    }

    private static boolean isIpv6Literal(String host) {
        if (host.length() < 4 || host.charAt(0) != '[' || host.charAt(host.length() - 1) != ']') {
            return false;
        }
        for (int i = 1; i < host.length() - 1; i++) {
            char c = host.charAt(i);
            boolean ok =
                    (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == ':' || c == '.';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean isPort(String header, int from) {
        int digits = header.length() - from;
        if (digits < 1 || digits > 5) {
            return false;
        }
        for (int i = from; i < header.length(); i++) {
            char c = header.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
