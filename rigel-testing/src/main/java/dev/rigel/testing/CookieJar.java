package dev.rigel.testing;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Keeps cookies set by responses and sends them back, as a browser would (path and expiry only). */
final class CookieJar {

    /** A kept cookie: its value and the path it is sent to. */
    private record Kept(String value, String path) {}

    private final Map<String, Kept> cookies = new LinkedHashMap<>();

    synchronized void store(String setCookie) {
        String[] parts = setCookie.split(";");
        int eq = parts[0].indexOf('=');
        if (eq <= 0) {
            return;
        }
        String name = parts[0].substring(0, eq).trim();
        String value = parts[0].substring(eq + 1).trim();
        boolean expired = false;
        String path = "/";
        for (int i = 1; i < parts.length; i++) {
            String attribute = parts[i].trim().toLowerCase(Locale.ROOT);
            if (attribute.startsWith("path=/")) {
                path = parts[i].trim().substring(5);
            }
            if (attribute.startsWith("max-age=")) {
                try {
                    expired = Long.parseLong(attribute.substring(8).trim()) <= 0;
                } catch (NumberFormatException ignored) {
                    // a malformed Max-Age is ignored, as browsers do
                }
            }
        }
        if (expired) {
            cookies.remove(name);
        } else {
            cookies.put(name, new Kept(value, path));
        }
    }

    synchronized void put(String name, String value) {
        cookies.put(name, new Kept(value, "/"));
    }

    synchronized void clear() {
        cookies.clear();
    }

    synchronized Map<String, String> snapshot() {
        Map<String, String> values = new LinkedHashMap<>();
        cookies.forEach((name, kept) -> values.put(name, kept.value()));
        return Map.copyOf(values);
    }

    /** The {@code Cookie} header value for a request to {@code requestPath}, or null when no cookie applies. */
    synchronized String header(String requestPath) {
        StringBuilder out = new StringBuilder();
        cookies.forEach((name, kept) -> {
            if (pathMatches(requestPath, kept.path())) {
                out.append(out.isEmpty() ? "" : "; ").append(name).append('=').append(kept.value());
            }
        });
        return out.isEmpty() ? null : out.toString();
    }

    /** RFC 6265 path-match: {@code /admin} covers {@code /admin} and {@code /admin/x}, not {@code /administrator}. */
    private static boolean pathMatches(String requestPath, String cookiePath) {
        return requestPath.equals(cookiePath)
                || requestPath.startsWith(cookiePath)
                        && (cookiePath.endsWith("/") || requestPath.charAt(cookiePath.length()) == '/');
    }
}
