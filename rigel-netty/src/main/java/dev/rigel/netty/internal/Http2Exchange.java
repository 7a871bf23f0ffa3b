package dev.rigel.netty.internal;

import dev.rigel.protocol.Headers;
import dev.rigel.protocol.Message;
import dev.rigel.protocol.Scope;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.util.AsciiString;
import java.util.Locale;

/** An HTTP/2 exchange (one stream): builds the {@link Http2Response}s {@link Http2StreamHandler} writes. */
final class Http2Exchange extends HttpExchange {

    private static final AsciiString APPLICATION_JSON = AsciiString.cached("application/json");

    private boolean bodyless;

    Http2Exchange(
            Http2StreamHandler handler,
            Dispatcher dispatcher,
            Scope scope,
            long contentLength,
            boolean expectContinue) {
        super(handler, dispatcher, scope, contentLength, expectContinue);
    }

    @Override
    Object fullResponse(int status, Headers headers, byte[] body) {
        boolean bodyless = headRequest || Messages.bodylessStatus(status);
        // As for HTTP/1: HEAD and 304 keep the application's Content-Length, a body its real one.
        Http2Headers out = convert(status, headers, bodyless && status >= 200 && status != 204);
        if (bodyless) {
            return new Http2Response(out, null, true);
        }
        out.setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        return new Http2Response(out, body.length == 0 ? null : body, true);
    }

    @Override
    Object headResponse(int status, Headers headers, byte[] firstChunk) {
        bodyless = headRequest || Messages.bodylessStatus(status);
        Http2Headers out = convert(status, headers, status >= 200 && status != 204);
        return new Http2Response(out, bodyless || firstChunk.length == 0 ? null : firstChunk, false);
    }

    @Override
    Object bodyChunk(byte[] chunk, boolean last) {
        if (bodyless || chunk.length == 0) {
            return last ? new Http2Response(null, Message.EMPTY, true) : null;
        }
        return new Http2Response(null, chunk, last);
    }

    @Override
    Object errorResponse(int status, String detail) {
        return error(status, detail, dispatcher.serverHeader());
    }

    /** A complete JSON error response: HEADERS and DATA. */
    static Http2Response error(int status, String detail, AsciiString server) {
        byte[] body = ErrorBodies.json(status, detail);
        Http2Headers out = new DefaultHttp2Headers(true, true, 6);
        out.status(HttpFields.status(status).codeAsText());
        out.set(HttpHeaderNames.CONTENT_TYPE, APPLICATION_JSON);
        out.setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        out.set(HttpHeaderNames.DATE, HttpDate.now());
        if (server != null) {
            out.set(HttpHeaderNames.SERVER, server);
        }
        return new Http2Response(out, body, true);
    }

    /**
     * HTTP/2 field names are lower case, and connection-specific fields are forbidden
     * (RFC 9113 8.2.2), so those an application copied from HTTP/1 habits are dropped. Netty's
     * validating headers reject anything else that is malformed.
     */
    private Http2Headers convert(int status, Headers headers, boolean keepContentLength) {
        Http2Headers out = new DefaultHttp2Headers(true, true, headers.size() + 3);
        out.status(HttpFields.status(status).codeAsText());
        boolean hasDate = false;
        boolean hasServer = false;
        for (int i = 0, n = headers.size(); i < n; i++) {
            String name = headers.nameAt(i);
            switch (HttpFields.kind(name)) {
                case HttpFields.DATE -> hasDate = true;
                case HttpFields.SERVER -> hasServer = true;
                case HttpFields.CONTENT_LENGTH -> {
                    if (!keepContentLength) {
                        continue;
                    }
                }
                case HttpFields.CONNECTION,
                        HttpFields.KEEP_ALIVE,
                        HttpFields.PROXY_CONNECTION,
                        HttpFields.TRANSFER_ENCODING,
                        HttpFields.UPGRADE -> {
                    continue;
                }
                default -> {}
            }
            out.add(name.toLowerCase(Locale.ROOT), headers.valueAt(i));
        }
        if (!hasDate) {
            out.add(HttpHeaderNames.DATE, HttpDate.now());
        }
        AsciiString server = dispatcher.serverHeader();
        if (server != null && !hasServer) {
            out.add(HttpHeaderNames.SERVER, server);
        }
        return out;
    }
}
