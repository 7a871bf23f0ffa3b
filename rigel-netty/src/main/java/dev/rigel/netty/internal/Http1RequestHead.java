package dev.rigel.netty.internal;

import dev.rigel.protocol.Headers;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

/**
 * Picks out of an HTTP/1 request head's fields those the server itself acts on or checks ({@link
 * #problem}), in one pass over the {@link Headers} the decoder filled ({@link Http1RequestFields}).
 * Apart from {@link Http1RequestReader} because it only parses: it knows nothing of the connection.
 * One per connection, reused for every request, so the picked fields are scratch that the next
 * {@link #read} overwrites.
 */
final class Http1RequestHead {

    String contentLength;
    String expect;
    /** All Connection fields, joined with commas. */
    String connection;

    String upgrade;
    /** Some Transfer-Encoding field has the {@code chunked} token. */
    boolean chunked;

    /** The last Host field, and how many there were (RFC 9112 3.2 allows one). */
    String host;

    int hosts;
    /** How many Authorization fields there were: a singleton field, so two are ambiguous. */
    int authorizations;

    /**
     * Fills the fields above from the head's fields and returns those, as they are, for the scope.
     * The head is not copied: the decoder put its fields straight into them.
     */
    Headers read(Http1RequestFields in) {
        contentLength = null;
        expect = null;
        connection = null;
        upgrade = null;
        chunked = false;
        host = null;
        hosts = 0;
        authorizations = 0;
        Headers fields = in.fields();
        for (int i = 0, n = fields.size(); i < n; i++) {
            String name = fields.nameAt(i);
            int kind = HttpFields.kind(name);
            if (kind == HttpFields.OTHER) {
                continue;
            }
            String value = fields.valueAt(i);
            switch (kind) {
                case HttpFields.CONTENT_LENGTH -> contentLength = value;
                case HttpFields.EXPECT -> expect = value;
                case HttpFields.CONNECTION -> connection = connection == null ? value : connection + "," + value;
                case HttpFields.TRANSFER_ENCODING -> chunked |= HttpFields.hasToken(value, "chunked");
                case HttpFields.UPGRADE -> upgrade = value;
                case HttpFields.HOST -> {
                    host = value;
                    hosts++;
                }
                case HttpFields.AUTHORIZATION -> authorizations++;
                default -> {}
            }
        }
        return fields;
    }

    /**
     * What makes the request head unacceptable (RFC 9112 3.2 and 2.3; RFC 9110 11.6.2), or null:
     * an HTTP version other than 1.0 and 1.1 (505), or a 400 for a missing Host on HTTP/1.1, more
     * than one Host, a Host that is no {@code host[:port]}, or more than one Authorization.
     * Called after {@link #read}.
     */
    HttpResponseStatus problem(HttpVersion version) {
        if (!"HTTP".equals(version.protocolName())) {
            return HttpResponseStatus.BAD_REQUEST;
        }
        if (version.majorVersion() != 1 || version.minorVersion() > 1) {
            return HttpResponseStatus.HTTP_VERSION_NOT_SUPPORTED;
        }
        if (hosts > 1 || hosts == 0 && version.minorVersion() == 1 || host != null && !validHost(host)) {
            return HttpResponseStatus.BAD_REQUEST;
        }
        return authorizations > 1 ? HttpResponseStatus.BAD_REQUEST : null;
    }

    /** {@code uri-host [ ":" port ]} (RFC 3986 3.2.2): an IP literal, or reg-name characters; an empty value is allowed. */
    static boolean validHost(String value) {
        String host = value;
        int end = host.length();
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            if (close < 0) {
                return false;
            }
            for (int i = 1; i < close; i++) {
                char c = host.charAt(i);
                if (!(Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
                    return false;
                }
            }
            return close == end - 1 || host.charAt(close + 1) == ':' && validPort(host, close + 2);
        }
        int colon = host.lastIndexOf(':');
        if (colon >= 0) {
            if (!validPort(host, colon + 1)) {
                return false;
            }
            end = colon;
        }
        for (int i = 0; i < end; i++) {
            char c = host.charAt(i);
            boolean unreserved = c >= 'a' && c <= 'z'
                    || c >= 'A' && c <= 'Z'
                    || c >= '0' && c <= '9'
                    || c == '-'
                    || c == '.'
                    || c == '_'
                    || c == '~';
            boolean subDelim = switch (c) {
                case '!', '$', '&', '\'', '(', ')', '*', '+', ',', ';', '=' -> true;
                default -> false;
            };
            if (!unreserved && !subDelim && c != '%') {
                return false;
            }
        }
        return true;
    }

    /** Digits from {@code from} to the end, 0 to 65535 (an empty port is allowed, as RFC 3986 does). */
    private static boolean validPort(String value, int from) {
        if (value.length() - from > 5) {
            return false;
        }
        int port = 0;
        for (int i = from; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
            port = port * 10 + (c - '0');
        }
        return port <= 65535;
    }
}
