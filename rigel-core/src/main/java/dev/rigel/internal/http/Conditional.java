package dev.rigel.internal.http;

import dev.rigel.protocol.Headers;
import java.time.Instant;
import java.util.List;

/**
 * Conditional requests (RFC 9110 section 13): whether a precondition fails (412) or the client's
 * copy is still current (304), evaluated in the order of section 13.2.2. Entity-tags are passed
 * as sent ({@code "x"} or {@code W/"x"}); dates are compared in whole seconds, the precision of
 * an HTTP date.
 */
public final class Conditional {

    /** What to do with a request whose response would otherwise be a 2xx. */
    public enum Outcome {
        /** Send the response. */
        PROCEED,
        /** 304: the client's copy is current (GET/HEAD only). */
        NOT_MODIFIED,
        /** 412: a precondition does not hold. */
        PRECONDITION_FAILED
    }

    private Conditional() {}

    /**
     * Evaluates the conditions of a GET or HEAD against the validators of the response about to be
     * sent: those are the current state of the resource, since a safe method changed nothing.
     * Other methods proceed: their response describes the state after the change, which is not
     * what their preconditions are about ({@link dev.rigel.http.Preconditions} checks those first).
     */
    public static Outcome evaluate(String method, Headers request, String etag, Instant lastModified) {
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return Outcome.PROCEED;
        }
        if (preconditionFails(request, etag, lastModified, true)) {
            return Outcome.PRECONDITION_FAILED;
        }
        return noneMatchOrNotModifiedSince(request, etag, lastModified, true) ? Outcome.NOT_MODIFIED : Outcome.PROCEED;
    }

    /**
     * Steps 1 and 2: {@code If-Match} (strong comparison; {@code *} holds when the resource
     * exists) and, only without it, {@code If-Unmodified-Since} (ignored when the resource has no
     * modification date, or the date does not parse).
     */
    static boolean preconditionFails(Headers request, String etag, Instant lastModified, boolean exists) {
        List<String> ifMatch = request.getAll("if-match");
        if (!ifMatch.isEmpty()) {
            for (String list : ifMatch) {
                if (listMatches(list, etag, exists, true)) {
                    return false;
                }
            }
            return true;
        }
        if (lastModified == null) {
            return false;
        }
        Instant since = HttpDates.parse(request.get("if-unmodified-since"));
        return since != null && lastModified.getEpochSecond() > since.getEpochSecond();
    }

    /**
     * Steps 3 and 4: whether {@code If-None-Match} lists the current tag (weak comparison;
     * {@code *} when the resource exists), or, only without it, {@code If-Modified-Since} is not
     * older than the modification date. For GET/HEAD that means 304; for other methods, 412.
     * {@code If-Modified-Since} only counts for GET and HEAD ({@code safe}).
     */
    static boolean noneMatchOrNotModifiedSince(Headers request, String etag, Instant lastModified, boolean safe) {
        List<String> noneMatch = request.getAll("if-none-match");
        if (!noneMatch.isEmpty()) {
            boolean exists = etag != null || lastModified != null;
            for (String value : noneMatch) {
                if (listMatches(value, etag, exists, false)) {
                    return true;
                }
            }
            return false;
        }
        if (!safe || lastModified == null) {
            return false;
        }
        Instant since = HttpDates.parse(request.get("if-modified-since"));
        return since != null && lastModified.getEpochSecond() <= since.getEpochSecond();
    }

    /**
     * {@code If-Range}: the range may be served only if the validator still holds: a strong
     * match of the entity-tag, or exactly the Last-Modified date.
     */
    public static boolean rangeStillValid(String ifRange, String etag, Instant lastModified) {
        String value = ifRange.trim();
        if (value.startsWith("\"") || value.startsWith("W/")) {
            return etag != null && !etag.startsWith("W/") && !value.startsWith("W/") && value.equals(etag);
        }
        Instant date = HttpDates.parse(value);
        return date != null && lastModified != null && date.getEpochSecond() == lastModified.getEpochSecond();
    }

    /**
     * Whether a comma-separated list of entity-tags ({@code "a", W/"b"}) or {@code *} holds
     * {@code etag}. Parsed tag by tag rather than split on commas: a tag may contain one. A
     * strong comparison never matches a weak tag on either side; a weak one ignores {@code W/}.
     * Malformed input matches nothing.
     */
    private static boolean listMatches(String list, String etag, boolean exists, boolean strong) {
        if (strong && etag != null && etag.startsWith("W/")) {
            etag = null; // a weak tag never matches strongly, but "*" still may
        }
        String opaque = etag == null ? null : etag.startsWith("W/") ? etag.substring(2) : etag;
        int i = 0;
        int n = list.length();
        while (i < n) {
            char c = list.charAt(i);
            if (c == ' ' || c == '\t' || c == ',') {
                i++;
                continue;
            }
            if (c == '*') {
                return exists;
            }
            boolean weak = list.startsWith("W/", i);
            if (weak) {
                i += 2;
            }
            if (i >= n || list.charAt(i) != '"') {
                return false;
            }
            int close = list.indexOf('"', i + 1);
            if (close < 0) {
                return false;
            }
            if (opaque != null
                    && !(strong && weak)
                    && list.substring(i, close + 1).equals(opaque)) {
                return true;
            }
            i = close + 1;
        }
        return false;
    }
}
