package dev.rigel.netty.internal;

import dev.rigel.protocol.Headers;
import dev.rigel.protocol.Scope;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;

/**
 * The reading side of an HTTP/1 connection: queues what the codec decoded, turns each request
 * head into an {@link Http1Exchange}, feeds it its body, and asks the socket for more bytes
 * only when they are wanted. Apart from {@link Http1Handler} so that the rules of pipelining
 * (one exchange at a time, the next request waits in {@code pending}) and of demand-driven
 * reading are in one place. Event loop only.
 */
final class Http1RequestReader {

    private final Http1Handler http1;
    private final Dispatcher dispatcher;
    private final Http1RequestHead head = new Http1RequestHead();
    private final ArrayDeque<HttpObject> pending = new ArrayDeque<>(4);
    private boolean inDrain;
    /** Bytes of an abandoned request body skipped so far. */
    private long discarded;

    Http1RequestReader(Http1Handler http1) {
        this.http1 = http1;
        this.dispatcher = http1.dispatcher;
    }

    /** An object the codec decoded; the connection is not closing. */
    void received(HttpObject obj) {
        pending.add(obj);
        drain();
    }

    /** End of a read: start a deferred exchange, then read on if that is wanted. */
    void readComplete() {
        Http1Exchange ex = http1.current;
        if (ex != null) {
            ex.dispatchIfDeferred();
        }
        maybeRead();
    }

    /** A response is complete: go on with the next pipelined request, if one is queued. */
    void responseComplete() {
        if (!inDrain) {
            drain();
            if (!http1.inReadLoop) {
                afterDrainOutsideRead();
            }
        }
    }

    /** The application took its body queue down: feed it more. */
    void resume() {
        drain();
        if (!http1.inReadLoop) {
            afterDrainOutsideRead();
        }
    }

    /** Nothing read is waiting for the current exchange to finish. */
    boolean nothingPending() {
        return pending.isEmpty();
    }

    /** Feeds queued inbound objects to the current exchange, starting the next one when it is done. */
    private void drain() {
        if (inDrain) {
            return; // a response completed inside an inline call; the outer loop carries on
        }
        inDrain = true;
        try {
            while (!http1.closing && http1.webSocket == null) {
                HttpObject obj = pending.peek();
                if (obj == null) {
                    break;
                }
                Http1Exchange ex = http1.current;
                if (ex == null) {
                    pending.poll();
                    if (obj instanceof HttpRequest request) {
                        startRequest(request);
                    } else {
                        discard((HttpContent) obj);
                    }
                } else if (obj instanceof HttpRequest || ex.inboundFull()) {
                    break; // the next request waits for this response; or the application is behind
                } else {
                    pending.poll();
                    onContent(ex, (HttpContent) obj);
                }
            }
        } finally {
            inDrain = false;
        }
    }

    /** What channelReadComplete would do, for drains triggered by the application's progress. */
    private void afterDrainOutsideRead() {
        Http1Exchange ex = http1.current;
        if (ex != null && !http1.closing) {
            ex.dispatchIfDeferred();
        }
        maybeRead();
    }

    /** Asks the socket for more bytes if, and only if, they are wanted now. */
    private void maybeRead() {
        if (http1.closing || http1.webSocket != null) {
            return; // a pending upgrade: nothing is read until the WebSocket takes over the connection
        }
        Http1Exchange ex = http1.current;
        if (ex == null || (!ex.requestComplete && pending.isEmpty() && !ex.inboundFull())) {
            http1.ctx.read();
        }
    }

    private void startRequest(HttpRequest request) {
        http1.readTimeout.receiving();
        DecoderResult result = request.decoderResult();
        if (result.isFailure()) {
            ReferenceCountUtil.release(request);
            http1.rejection.rejectUndecodable(result.cause());
            return;
        }
        // the decoder made the head's fields with Http1RequestFields.FACTORY (ServerInitializer)
        Headers headers = head.read((Http1RequestFields) request.headers());
        HttpResponseStatus problem = head.problem(request.protocolVersion());
        if (problem != null) {
            ReferenceCountUtil.release(request);
            http1.rejection.reject(
                    problem,
                    problem == HttpResponseStatus.HTTP_VERSION_NOT_SUPPORTED
                            ? ErrorBodies.VERSION_NOT_SUPPORTED
                            : ErrorBodies.BAD_REQUEST);
            return;
        }
        long contentLength = -1;
        if (head.contentLength != null) {
            try {
                contentLength = Long.parseLong(head.contentLength.trim());
            } catch (NumberFormatException e) {
                ReferenceCountUtil.release(request);
                http1.rejection.reject(HttpResponseStatus.BAD_REQUEST, ErrorBodies.BAD_REQUEST);
                return;
            }
        }
        if (head.upgrade != null && HttpFields.hasToken(head.upgrade, "websocket")) {
            http1.webSocketHandOff.start(request, headers, contentLength, head);
            return;
        }
        if (contentLength > dispatcher.maxBodySize()) {
            // Decided from the head alone: the body is never read.
            ReferenceCountUtil.release(request);
            http1.rejection.reject(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, ErrorBodies.TOO_LARGE);
            return;
        }
        HttpVersion version = request.protocolVersion();
        boolean expectContinue = false;
        if (head.expect != null) {
            if (!HttpHeaderValues.CONTINUE.contentEqualsIgnoreCase(head.expect.trim())) {
                ReferenceCountUtil.release(request);
                http1.rejection.reject(HttpResponseStatus.EXPECTATION_FAILED, ErrorBodies.EXPECTATION_FAILED);
                return;
            }
            // HTTP/1.0 clients cannot wait for 100 Continue (RFC 9110 10.1.1).
            expectContinue = version != HttpVersion.HTTP_1_0 && (contentLength > 0 || head.chunked);
        }
        boolean keepAlive = version.isKeepAliveDefault()
                ? !HttpFields.hasToken(head.connection, "close")
                : HttpFields.hasToken(head.connection, "keep-alive");
        Scope scope = Scopes.http(
                request.method().name(),
                request.uri(),
                headers,
                http1.ctx.channel(),
                http1.scheme,
                version == HttpVersion.HTTP_1_0 ? "1.0" : "1.1");
        Http1Exchange ex =
                new Http1Exchange(http1.writer, dispatcher, scope, contentLength, expectContinue, version, keepAlive);
        http1.current = ex;
        boolean inline;
        try {
            inline = dispatcher.app().runsInline(scope);
        } catch (Throwable error) {
            ReferenceCountUtil.release(request);
            ex.failed(error); // answers 500; the body, if any, is discarded as it arrives
            return;
        }
        ex.begin(inline);
        if (request instanceof HttpContent content) {
            // A full request (e.g. an upgrade request that was not upgraded): head and body at once.
            onContent(ex, content);
        }
    }

    private void onContent(Http1Exchange ex, HttpContent content) {
        if (content.decoderResult().isFailure()) {
            content.release();
            http1.rejection.reject(HttpResponseStatus.BAD_REQUEST, ErrorBodies.BAD_REQUEST);
            return;
        }
        ByteBuf buf = content.content();
        ex.received += buf.readableBytes();
        if (ex.received > dispatcher.maxBodySize()) {
            // A chunked body grew past the limit: stop here rather than read the rest.
            content.release();
            http1.rejection.reject(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, ErrorBodies.TOO_LARGE);
            return;
        }
        boolean last = content instanceof LastHttpContent;
        if (last) {
            http1.readTimeout.received();
        }
        ex.onBody(buf, last);
        if (last && ex.inline) {
            ex.callInline();
        }
    }

    /** Skips the rest of a body whose response is already complete, keeping the connection usable. */
    private void discard(HttpContent content) {
        discarded += content.content().readableBytes();
        boolean last = content instanceof LastHttpContent;
        boolean failed = content.decoderResult().isFailure();
        content.release();
        if (failed || discarded > dispatcher.maxBodySize()) {
            http1.closing = true;
            http1.ctx.close();
        } else if (last) {
            discarded = 0;
            http1.readTimeout.received();
        }
    }

    /** Drops whatever was read and not served yet: the connection is closing. */
    void releasePending() {
        HttpObject obj;
        while ((obj = pending.poll()) != null) {
            ReferenceCountUtil.release(obj);
        }
    }
}
