package dev.rigel.netty.internal;

import dev.rigel.protocol.Headers;
import dev.rigel.protocol.Scope;
import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/** Turns what the codecs decoded into a protocol {@link Scope}. */
final class Scopes {

    private Scopes() {}

    /**
     * Builds an HTTP scope from a request target. Origin form ({@code /a/b?q}) is the norm;
     * absolute form ({@code http://host/a?q}, used towards proxies) is reduced to its path.
     */
    static Scope http(
            String method, String target, Headers headers, Channel channel, String scheme, String httpVersion) {
        return parse(method, target, headers, channel, scheme, httpVersion);
    }

    /** A WebSocket scope from the target of an HTTP/1.1 upgrade request; {@code scheme} is ws or wss. */
    static Scope webSocket(String target, Headers headers, Channel channel, String scheme) {
        return parse(null, target, headers, channel, scheme, "1.1");
    }

    /** {@code method} is null for a WebSocket scope. */
    private static Scope parse(
            String method, String target, Headers headers, Channel channel, String scheme, String httpVersion) {
        int pathStart = 0;
        if (!target.isEmpty() && target.charAt(0) != '/' && !"*".equals(target)) {
            int schemeEnd = target.indexOf("://");
            if (schemeEnd > 0) {
                int slash = target.indexOf('/', schemeEnd + 3);
                int question = target.indexOf('?', schemeEnd + 3);
                if (slash < 0 || (question >= 0 && question < slash)) {
                    // "http://host" or "http://host?q": the path is "/"
                    String query = question < 0 ? "" : target.substring(question + 1);
                    return build(method, "/", query, headers, channel, scheme, httpVersion);
                }
                pathStart = slash;
            }
        }
        int question = target.indexOf('?', pathStart);
        String rawPath;
        String query;
        if (question < 0) {
            rawPath = pathStart == 0 ? target : target.substring(pathStart);
            query = "";
        } else {
            rawPath = target.substring(pathStart, question);
            query = target.substring(question + 1);
        }
        if (rawPath.isEmpty()) {
            rawPath = "/";
        }
        return build(method, rawPath, query, headers, channel, scheme, httpVersion);
    }

    private static Scope build(
            String method,
            String rawPath,
            String query,
            Headers headers,
            Channel channel,
            String scheme,
            String httpVersion) {
        return (method == null ? Scope.websocket(rawPath) : Scope.http(method, rawPath))
                .queryString(query)
                .headers(headers)
                .client(inet(channel.remoteAddress()))
                .server(inet(channel.localAddress()))
                .scheme(scheme)
                .httpVersion(httpVersion)
                .build();
    }

    private static InetSocketAddress inet(SocketAddress address) {
        return address instanceof InetSocketAddress inet ? inet : null;
    }
}
