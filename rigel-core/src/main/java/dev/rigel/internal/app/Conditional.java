package dev.rigel.internal.app;

import dev.rigel.protocol.Headers;
import java.time.Instant;
import java.util.List;

/**
 * Conditional GET/HEAD (RFC 9110 section 13): whether the client's copy is still current, so a
 * 304 without body will do. {@code If-None-Match} compares weakly and, when present, decides
 * alone; {@code If-Modified-Since} is only looked at without it. Both are compared in whole
 * seconds, the precision of an HTTP date.
 */
final class Conditional {

    private Conditional() {
    }

    static boolean notModified(String method, Headers request, String etag, Instant lastModified) {
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return false;
        }
        List<String> noneMatch = request.getAll("if-none-match");
        if (!noneMatch.isEmpty()) {
            if (etag == null) {
                return false;
            }
            String opaque = opaque(etag);
            for (String value : noneMatch) {
                if (listMatches(value, opaque)) {
                    return true;
                }
            }
            return false;
        }
        if (lastModified == null) {
            return false;
        }
        Instant since = HttpDates.parse(request.get("if-modified-since"));
        return since != null && lastModified.getEpochSecond() <= since.getEpochSecond();
    }

    /**
     * {@code If-Range}: the range may be served only if the validator still holds: a strong
     * match of the entity-tag, or exactly the Last-Modified date.
     */
    static boolean rangeStillValid(String ifRange, String etag, Instant lastModified) {
        String value = ifRange.trim();
        if (value.startsWith("\"") || value.startsWith("W/")) {
            return etag != null && !etag.startsWith("W/") && !value.startsWith("W/") && value.equals(etag);
        }
        Instant date = HttpDates.parse(value);
        return date != null && lastModified != null && date.getEpochSecond() == lastModified.getEpochSecond();
    }

    /** The tag without its weakness marker: {@code W/"x"} and {@code "x"} compare weakly equal. */
    private static String opaque(String tag) {
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }

    /**
     * Whether a comma-separated list of entity-tags ({@code "a", W/"b"}) or {@code *} holds
     * {@code opaque}. Parsed tag by tag rather than split on commas: a tag may contain one.
     */
    private static boolean listMatches(String list, String opaque) {
        int i = 0;
        int n = list.length();
        while (i < n) {
            char c = list.charAt(i);
            if (c == ' ' || c == '\t' || c == ',') {
                i++;
                continue;
            }
            if (c == '*') {
                return true;
            }
            if (list.startsWith("W/", i)) {
                i += 2;
            }
            if (i >= n || list.charAt(i) != '"') {
                return false; // malformed: no match, the full response is always safe
            }
            int close = list.indexOf('"', i + 1);
            if (close < 0) {
                return false;
            }
            if (list.substring(i, close + 1).equals(opaque)) {
                return true;
            }
            i = close + 1;
        }
        return false;
    }
}
