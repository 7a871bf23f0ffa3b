package dev.rigel.netty.internal;

import dev.rigel.protocol.Headers;
import dev.rigel.protocol.Scope;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.AsciiString;

/** An HTTP/1.x exchange: builds {@code HttpResponse}/{@code HttpContent} for {@link Http1ResponseWriter}. */
final class Http1Exchange extends HttpExchange {

    private static final AsciiString APPLICATION_JSON = AsciiString.cached("application/json");
    /** Validation happens in {@link HttpFields#validate} for application fields only; the server's own are known good. */
    private static final DefaultHttpHeadersFactory UNVALIDATED =
            DefaultHttpHeadersFactory.headersFactory().withValidation(false);

    private final HttpVersion version;
    private final boolean keepAliveRequested;
    /** Decided while building the response head: the connection closes after this response. */
    volatile boolean closeAfter;
    /** The response carries no body (HEAD, 1xx, 204, 304): chunks are dropped. */
    private boolean bodyless;
    /** Scratch of {@link #keep}, on the sending thread: the application's Content-Length... */
    private String appContentLength;
    /** ...whether it asked to close the connection... */
    private boolean appClose;
    /** ...and whether it set its own Date and Server. */
    private boolean appDate;

    private boolean appServer;

    Http1Exchange(
            Http1ResponseWriter handler,
            Dispatcher dispatcher,
            Scope scope,
            long contentLength,
            boolean expectContinue,
            HttpVersion version,
            boolean keepAliveRequested) {
        super(handler, dispatcher, scope, contentLength, expectContinue);
        this.version = version;
        this.keepAliveRequested = keepAliveRequested;
    }

    @Override
    Object fullResponse(int status, Headers headers, byte[] body) {
        boolean bodyless = headRequest || Messages.bodylessStatus(status);
        if (!bodyless && status != 205 && headers.size() <= Long.SIZE) {
            // The usual response, encoded to bytes right here. The rest keep Netty's encoder, which
            // knows their framing: no body by rule, 205 (no body, Content-Length 0), HEAD.
            long dropped = 0;
            clearScratch();
            for (int i = 0, n = headers.size(); i < n; i++) {
                if (!keep(headers.nameAt(i), headers.valueAt(i), false)) {
                    dropped |= 1L << i;
                }
            }
            Http1EncodedResponse.ConnectionField connectionField = !keepAlive(false)
                    ? Http1EncodedResponse.ConnectionField.CLOSE
                    : version == HttpVersion.HTTP_1_0 ? Http1EncodedResponse.ConnectionField.KEEP_ALIVE : null;
            return Http1EncodedResponse.encode(
                    channel.alloc(),
                    version,
                    status,
                    headers,
                    dropped,
                    appDate ? null : HttpDate.line(),
                    appServer ? null : dispatcher.serverLine(),
                    connectionField,
                    body);
        }
        // HEAD and 304 keep the Content-Length the application computed for the GET they mirror
        // (Http1ResponseEncoder knows the request was HEAD and writes no body); otherwise the body is
        // complete, so its real length frames it, whatever the application said.
        HttpHeaders out = convert(headers, bodyless && keepsLength(status));
        ByteBuf content;
        if (bodyless) {
            content = Unpooled.EMPTY_BUFFER;
        } else {
            content = body.length == 0 ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body);
            out.addInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        }
        connectionHeaders(out, false);
        return new DefaultFullHttpResponse(version, HttpFields.status(status), content, out, EmptyHttpHeaders.INSTANCE);
    }

    @Override
    Object headResponse(int status, Headers headers, byte[] firstChunk) {
        bodyless = headRequest || Messages.bodylessStatus(status);
        // A streamed body keeps an application-declared length (it knows the total); otherwise
        // it is chunked.
        HttpHeaders out = convert(headers, !bodyless || keepsLength(status));
        boolean forceClose = false;
        if (!bodyless && appContentLength == null) {
            if (version == HttpVersion.HTTP_1_1) {
                out.add(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
            } else {
                forceClose = true; // HTTP/1.0 has no chunked coding: the close ends the body
            }
        }
        connectionHeaders(out, forceClose);
        DefaultHttpResponse head = new DefaultHttpResponse(version, HttpFields.status(status), out);
        if (bodyless || firstChunk.length == 0) {
            return head;
        }
        return new Object[] {head, new DefaultHttpContent(Unpooled.wrappedBuffer(firstChunk))};
    }

    private static boolean keepsLength(int status) {
        return status >= 200 && status != 204;
    }

    @Override
    Object bodyChunk(byte[] chunk, boolean last) {
        if (last) {
            return bodyless || chunk.length == 0
                    ? LastHttpContent.EMPTY_LAST_CONTENT
                    : new DefaultLastHttpContent(Unpooled.wrappedBuffer(chunk));
        }
        return bodyless || chunk.length == 0 ? null : new DefaultHttpContent(Unpooled.wrappedBuffer(chunk));
    }

    @Override
    Object errorResponse(int status, String detail) {
        appClose = false; // whatever a failed attempt to build the real response noted
        FullHttpResponse response = error(version, HttpFields.status(status), detail, dispatcher.serverHeader());
        connectionHeaders(response.headers(), false);
        return response;
    }

    /** A complete JSON error response, also used by the handler for errors it answers itself. */
    static FullHttpResponse error(HttpVersion version, HttpResponseStatus status, String detail, AsciiString server) {
        byte[] body = ErrorBodies.json(status.code(), detail);
        FullHttpResponse response = new DefaultFullHttpResponse(
                version,
                status,
                Unpooled.wrappedBuffer(body),
                DefaultHttpHeadersFactory.headersFactory(),
                DefaultHttpHeadersFactory.trailersFactory());
        HttpHeaders headers = response.headers();
        headers.set(HttpHeaderNames.CONTENT_TYPE, APPLICATION_JSON);
        headers.setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        headers.set(HttpHeaderNames.DATE, HttpDate.now());
        if (server != null) {
            headers.set(HttpHeaderNames.SERVER, server);
        }
        return response;
    }

    /**
     * Copies the application's fields in one pass, validating them (no CR/LF smuggling), and
     * leaves out those the server owns: Transfer-Encoding and Connection always (the server frames
     * the message and manages the connection), Content-Length unless {@code keepContentLength}.
     */
    private HttpHeaders convert(Headers headers, boolean keepContentLength) {
        HttpHeaders out = UNVALIDATED.newHeaders();
        clearScratch();
        for (int i = 0, n = headers.size(); i < n; i++) {
            String name = headers.nameAt(i);
            String value = headers.valueAt(i);
            if (keep(name, value, keepContentLength)) {
                out.add(name, value);
            }
        }
        if (!appDate) {
            out.add(HttpHeaderNames.DATE, HttpDate.now());
        }
        AsciiString server = dispatcher.serverHeader();
        if (server != null && !appServer) {
            out.add(HttpHeaderNames.SERVER, server);
        }
        return out;
    }

    private void clearScratch() {
        appContentLength = null;
        appClose = false;
        appDate = false;
        appServer = false;
    }

    /**
     * Validates one of the application's fields and notes what the server acts on; false for a
     * field the server leaves out of the response (see {@link #convert}).
     */
    private boolean keep(String name, String value, boolean keepContentLength) {
        HttpFields.validate(name, value);
        switch (HttpFields.kind(name)) {
            case HttpFields.DATE -> appDate = true;
            case HttpFields.SERVER -> appServer = true;
            case HttpFields.CONTENT_LENGTH -> {
                appContentLength = value;
                return keepContentLength;
            }
            case HttpFields.TRANSFER_ENCODING -> {
                return false;
            }
            case HttpFields.CONNECTION -> {
                appClose |= HttpFields.hasToken(value, "close");
                return false;
            }
            default -> {}
        }
        return true;
    }

    /**
     * Decides keep-alive for this response and says so in its head. The connection closes when
     * the client asked, the application said so, the server is draining, the framing needs it,
     * or the client still waits for a 100 Continue it will now never get (its body would
     * otherwise be mistaken for the next request).
     */
    private void connectionHeaders(HttpHeaders out, boolean forceClose) {
        if (!keepAlive(forceClose)) {
            out.add(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        } else if (version == HttpVersion.HTTP_1_0) {
            out.add(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        }
    }

    /** Decides keep-alive for this response (see {@link #connectionHeaders}) and notes it in {@link #closeAfter}. */
    private boolean keepAlive(boolean forceClose) {
        boolean keepAlive = keepAliveRequested
                && !forceClose
                && !appClose
                && !connection.draining()
                && !(expectContinue && !requestComplete);
        closeAfter = !keepAlive;
        return keepAlive;
    }
}
