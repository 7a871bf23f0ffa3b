package dev.rigel.testing;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Keeps cookies set by responses and sends them back, as a browser would (path and expiry only). */
final class CookieJar {

    private final Map<String, String> cookies = new LinkedHashMap<>();

    synchronized void store(String setCookie) {
        String[] parts = setCookie.split(";");
        int eq = parts[0].indexOf('=');
        if (eq <= 0) {
            return;
        }
        String name = parts[0].substring(0, eq).trim();
        String value = parts[0].substring(eq + 1).trim();
        boolean expired = false;
        for (int i = 1; i < parts.length; i++) {
            String attribute = parts[i].trim().toLowerCase(Locale.ROOT);
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
            cookies.put(name, value);
        }
    }

    synchronized void put(String name, String value) {
        cookies.put(name, value);
    }

    synchronized void clear() {
        cookies.clear();
    }

    synchronized Map<String, String> snapshot() {
        return Map.copyOf(cookies);
    }

    /** The {@code Cookie} header value, or null when the jar is empty. */
    synchronized String header() {
        if (cookies.isEmpty()) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        cookies.forEach((name, value) -> out.append(out.isEmpty() ? "" : "; ").append(name).append('=').append(value));
        return out.toString();
    }
}
