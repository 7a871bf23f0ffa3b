package dev.rigel.netty.internal;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValidationUtil;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.AsciiString;

/**
 * Header-field helpers for the hot path. The server needs to know about a handful of fields
 * (framing, connection management, Date/Server); finding them in one pass over the fields, by
 * length first, is cheaper than several hash lookups and {@code HttpUtil}'s value splitting.
 */
final class HttpFields {

    static final int OTHER = 0;
    static final int DATE = 1;
    static final int SERVER = 2;
    static final int CONTENT_LENGTH = 3;
    static final int TRANSFER_ENCODING = 4;
    static final int CONNECTION = 5;
    static final int EXPECT = 6;
    static final int KEEP_ALIVE = 7;
    static final int PROXY_CONNECTION = 8;
    static final int UPGRADE = 9;
    static final int HOST = 10;
    static final int AUTHORIZATION = 11;

    private static final AsciiString PROXY_CONNECTION_NAME = AsciiString.cached("proxy-connection");
    private static final HttpResponseStatus[] STATUSES = new HttpResponseStatus[1000];

    private HttpFields() {}

    /** Which of the fields the server manages {@code name} is, or {@link #OTHER}. */
    static int kind(CharSequence name) {
        return switch (name.length()) {
            case 4 -> is(name, HttpHeaderNames.DATE) ? DATE : is(name, HttpHeaderNames.HOST) ? HOST : OTHER;
            case 6 -> is(name, HttpHeaderNames.SERVER) ? SERVER : is(name, HttpHeaderNames.EXPECT) ? EXPECT : OTHER;
            case 7 -> is(name, HttpHeaderNames.UPGRADE) ? UPGRADE : OTHER;
            case 10 ->
                is(name, HttpHeaderNames.CONNECTION)
                        ? CONNECTION
                        : is(name, HttpHeaderNames.KEEP_ALIVE) ? KEEP_ALIVE : OTHER;
            case 13 -> is(name, HttpHeaderNames.AUTHORIZATION) ? AUTHORIZATION : OTHER;
            case 14 -> is(name, HttpHeaderNames.CONTENT_LENGTH) ? CONTENT_LENGTH : OTHER;
            case 16 -> is(name, PROXY_CONNECTION_NAME) ? PROXY_CONNECTION : OTHER;
            case 17 -> is(name, HttpHeaderNames.TRANSFER_ENCODING) ? TRANSFER_ENCODING : OTHER;
            default -> OTHER;
        };
    }

    private static boolean is(CharSequence name, AsciiString known) {
        // The HTTP/1 decoder hands out Netty's constants for common names: try identity first.
        return name == known || AsciiString.contentEqualsIgnoreCase(name, known);
    }

    /** Whether a comma-separated field value lists {@code token} (case-insensitive), e.g. "keep-alive, Upgrade". */
    static boolean hasToken(String value, String token) {
        if (value == null) {
            return false;
        }
        int n = value.length();
        if (n == token.length()) {
            return value.equalsIgnoreCase(token); // the usual "keep-alive" or "close"
        }
        int i = 0;
        while (i < n) {
            while (i < n && (value.charAt(i) == ' ' || value.charAt(i) == '\t' || value.charAt(i) == ',')) {
                i++;
            }
            int start = i;
            while (i < n && value.charAt(i) != ',') {
                i++;
            }
            int end = i;
            while (end > start && (value.charAt(end - 1) == ' ' || value.charAt(end - 1) == '\t')) {
                end--;
            }
            if (end - start == token.length() && value.regionMatches(true, start, token, 0, token.length())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Rejects an application-supplied field that could break the message framing (a name that
     * is not a token, a value with CR, LF or NUL): what Netty's validating headers would do,
     * done once here so the server's own fields skip it.
     */
    static void validate(String name, String value) {
        if (name.isEmpty() || HttpHeaderValidationUtil.validateToken(name) != -1) {
            throw new IllegalArgumentException("invalid response header name: '" + name + "'");
        }
        if (HttpHeaderValidationUtil.validateValidHeaderValue(value) != -1) {
            throw new IllegalArgumentException("invalid value for response header '" + name + "'");
        }
    }

    /** {@link HttpResponseStatus#valueOf(int)}, memoised for codes it has no constant for. */
    static HttpResponseStatus status(int code) {
        HttpResponseStatus status = STATUSES[code];
        if (status == null) {
            status = HttpResponseStatus.valueOf(code);
            STATUSES[code] = status; // benign race: equal values
        }
        return status;
    }
}
