package dev.rigel.middleware.logging;

import dev.rigel.protocol.Headers;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Turns headers and cookies into loggable maps with their secrets replaced by {@code *****}. */
final class Redaction {

    private final Set<String> headers;
    private final Set<String> cookies;
    private final Set<String> query;

    Redaction(Set<String> obfuscatedHeaders, Set<String> obfuscatedCookies, Set<String> obfuscatedQuery) {
        this.headers = obfuscatedHeaders;
        this.cookies = obfuscatedCookies;
        this.query = obfuscatedQuery;
    }

    /** The raw query string with the values of obfuscated parameters replaced by {@code *****}. */
    String query(String raw) {
        return dev.rigel.spi.QueryRedaction.redact(raw, query, LoggingConfig.OBFUSCATED);
    }

    /** The chosen headers ({@code names} lower-case; empty = all), repeated ones joined by ", ". */
    Map<String, String> headers(Headers all, List<String> names) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < all.size(); i++) {
            String name = all.nameAt(i).toLowerCase(Locale.ROOT);
            if (!names.isEmpty() && !names.contains(name)) {
                continue;
            }
            String value = headerValue(name, all.valueAt(i));
            out.merge(name, value, (first, second) -> first + ", " + second);
        }
        return out;
    }

    private String headerValue(String lowerName, String value) {
        if (headers.contains(lowerName)) {
            return LoggingConfig.OBFUSCATED;
        }
        return switch (lowerName) {
            case "cookie" -> redactCookieHeader(value);
            case "set-cookie" -> redactSetCookie(value);
            default -> value;
        };
    }

    /** Request cookies by name, from every {@code Cookie} header. */
    Map<String, String> requestCookies(Headers all) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String header : all.getAll("cookie")) {
            for (String pair : header.split(";")) {
                int equals = pair.indexOf('=');
                String name = (equals < 0 ? pair : pair.substring(0, equals)).trim();
                if (!name.isEmpty()) {
                    out.put(
                            name,
                            cookies.contains(name)
                                    ? LoggingConfig.OBFUSCATED
                                    : equals < 0
                                            ? ""
                                            : pair.substring(equals + 1).trim());
                }
            }
        }
        return out;
    }

    /** Cookies the response sets, by name (attributes left out). */
    Map<String, String> responseCookies(Headers all) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String header : all.getAll("set-cookie")) {
            int semicolon = header.indexOf(';');
            String pair = semicolon < 0 ? header : header.substring(0, semicolon);
            int equals = pair.indexOf('=');
            String name = (equals < 0 ? pair : pair.substring(0, equals)).trim();
            if (!name.isEmpty()) {
                out.put(
                        name,
                        cookies.contains(name)
                                ? LoggingConfig.OBFUSCATED
                                : equals < 0 ? "" : pair.substring(equals + 1).trim());
            }
        }
        return out;
    }

    private String redactCookieHeader(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (String pair : value.split(";")) {
            String trimmed = pair.trim();
            int equals = trimmed.indexOf('=');
            String name = equals < 0 ? trimmed : trimmed.substring(0, equals);
            out.append(out.isEmpty() ? "" : "; ")
                    .append(equals >= 0 && cookies.contains(name) ? name + "=" + LoggingConfig.OBFUSCATED : trimmed);
        }
        return out.toString();
    }

    private String redactSetCookie(String value) {
        int equals = value.indexOf('=');
        int semicolon = value.indexOf(';');
        if (equals < 0 || (semicolon >= 0 && semicolon < equals)) {
            return value;
        }
        String name = value.substring(0, equals).trim();
        if (!cookies.contains(name)) {
            return value;
        }
        return name + "=" + LoggingConfig.OBFUSCATED + (semicolon < 0 ? "" : value.substring(semicolon));
    }
}
