package dev.rigel.netty.internal;

import dev.rigel.protocol.Headers;
import dev.rigel.protocol.Message;
import dev.rigel.protocol.Receive;
import dev.rigel.protocol.Scope;
import dev.rigel.protocol.Send;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
import io.netty.util.concurrent.EventExecutor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One WebSocket connection, from the upgrade request on: the {@link Receive} and {@link Send}
 * the application is called with (on its own virtual thread), and the hand-over between the
 * application and the connection's channel handlers.
 *
 * <p>Until the application answers the handshake, the HTTP/1 connection keeps it ({@link
 * Http1WebSocketHandOff}). An
 * accept upgrades it ({@link WebSocketUpgrade}) and a {@link WebSocketFrameHandler} takes over;
 * a close, an HTTP response or a failure is written as the HTTP answer instead, and the
 * connection closes. Messages sent after accepting go straight to the frame handler, which is
 * safe from any thread; handshake answers and closes take {@link #control}.
 */
final class WebSocketExchange implements Receive, Send, Runnable {

    private static final int HANDSHAKE = 0;
    private static final int OPEN = 1;
    /** The application closed or refused, or failed: nothing more may be sent. */
    private static final int DONE = 2;

    private static final AsciiString APPLICATION_JSON = AsciiString.cached("application/json");

    final Dispatcher dispatcher;
    final Scope scope;
    /** The upgrade request's header fields, which the handshake answer is computed from. */
    final HttpHeaders requestHeaders;

    final String uri;
    final WebSocketInbox inbox;
    private final Http1WebSocketHandOff handOff;
    private final Connection connection;
    private final EventExecutor loop;
    private final ReentrantLock control = new ReentrantLock();
    private volatile int phase = HANDSHAKE;
    private volatile WebSocketFrameHandler frames;
    // application thread
    private boolean connectDelivered;
    private Message.ResponseStart refusal;
    private ByteArrayOutputStream refusalBody;
    // event loop
    private boolean counted = true;

    /** Event loop: {@code handOff} has just read a valid upgrade request. */
    WebSocketExchange(
            Http1WebSocketHandOff handOff, Dispatcher dispatcher, Scope scope, HttpHeaders requestHeaders, String uri) {
        this.handOff = handOff;
        this.dispatcher = dispatcher;
        this.scope = scope;
        this.requestHeaders = requestHeaders;
        this.uri = uri;
        this.connection = handOff.connection();
        this.loop = handOff.executor();
        this.inbox = new WebSocketInbox(this::resumeReading);
        connection.exchangeStarted();
    }

    // ------------------------------------------------------------------ event loop side

    /** The connection is gone (or the server refused it): the application receives a disconnect. */
    void connectionLost() {
        inbox.end(1006, "");
        if (counted) {
            counted = false;
            connection.exchangeFinished();
        }
    }

    private void resumeReading() {
        try {
            loop.execute(() -> {
                WebSocketFrameHandler handler = frames;
                if (handler != null) {
                    handler.resumeReading();
                }
            });
        } catch (RejectedExecutionException shuttingDown) {
            // the event loop is gone, and with it the connection
        }
    }

    // ------------------------------------------------------------------ application side

    @Override
    public void run() {
        try {
            dispatcher.app().call(scope, this, this);
        } catch (Throwable error) {
            failed(error);
        } finally {
            try {
                afterCall();
            } finally {
                dispatcher.finished();
            }
        }
    }

    @Override
    public Message receive() throws InterruptedException {
        if (!connectDelivered) {
            connectDelivered = true;
            return Message.WebSocketConnect.INSTANCE;
        }
        return inbox.take();
    }

    @Override
    public void send(Message message) throws IOException {
        Objects.requireNonNull(message, "message");
        if (message instanceof Message.WebSocketSend data) {
            WebSocketFrameHandler handler = frames;
            if (phase != OPEN || handler == null) {
                if (phase == HANDSHAKE) {
                    throw new IllegalStateException("WebSocketAccept must be sent before WebSocketSend on " + scope);
                }
                throw new IOException("the WebSocket " + scope + " is closed");
            }
            handler.send(data);
            return;
        }
        control.lock();
        try {
            switch (message) {
                case Message.WebSocketAccept accept -> accept(accept);
                case Message.WebSocketClose close -> close(close);
                case Message.ResponseStart start
                when phase == HANDSHAKE && refusal == null -> {
                    refusal = start;
                    refusalBody = new ByteArrayOutputStream();
                }
                case Message.ResponseBody body
                when phase == HANDSHAKE && refusal != null -> {
                    refusalBody.writeBytes(body.body());
                    if (!body.moreBody()) {
                        refuse(refusal.status(), refusal.headers(), refusalBody.toByteArray());
                    }
                }
                default -> throw new IllegalStateException("cannot send " + message + " now on the WebSocket " + scope);
            }
        } finally {
            control.unlock();
        }
    }

    private void accept(Message.WebSocketAccept accept) throws IOException {
        if (phase != HANDSHAKE || refusal != null) {
            throw new IllegalStateException("the handshake of " + scope + " was already answered");
        }
        HttpHeaders extra =
                DefaultHttpHeadersFactory.headersFactory().withValidation(false).newHeaders();
        Headers headers = accept.headers();
        for (int i = 0, n = headers.size(); i < n; i++) {
            HttpFields.validate(headers.nameAt(i), headers.valueAt(i));
            extra.add(headers.nameAt(i), headers.valueAt(i));
        }
        CompletableFuture<WebSocketFrameHandler> upgraded = new CompletableFuture<>();
        try {
            loop.execute(() -> handOff.accept(this, accept.subprotocol(), extra, upgraded));
        } catch (RejectedExecutionException shuttingDown) {
            phase = DONE;
            throw new IOException("the server is shutting down", shuttingDown);
        }
        try {
            frames = upgraded.get();
            phase = OPEN;
        } catch (ExecutionException e) {
            phase = DONE;
            throw new IOException(
                    "the WebSocket handshake of " + scope + " failed: "
                            + e.getCause().getMessage(),
                    e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            phase = DONE;
            throw new InterruptedIOException("interrupted during the WebSocket handshake of " + scope);
        }
    }

    private void close(Message.WebSocketClose close) {
        if (phase == HANDSHAKE) {
            // ASGI's rule: closing before accepting refuses the handshake with 403
            refuse(403, null, ErrorBodies.json(403, ErrorBodies.FORBIDDEN));
            return;
        }
        if (phase == OPEN) {
            phase = DONE;
            inbox.endNow(close.code(), close.reason());
            frames.close(close.code(), close.reason());
        }
    }

    /** Answers the upgrade request with an HTTP response instead of the 101, then the connection closes. */
    private void refuse(int status, Headers headers, byte[] body) {
        phase = DONE;
        FullHttpResponse response = refusalResponse(status, headers, body);
        try {
            loop.execute(() -> handOff.refuse(this, response));
        } catch (RejectedExecutionException shuttingDown) {
            response.release();
        }
    }

    private FullHttpResponse refusalResponse(int status, Headers headers, byte[] body) {
        FullHttpResponse response = new DefaultFullHttpResponse(
                HttpVersion.HTTP_1_1,
                HttpFields.status(status),
                body.length == 0 ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body),
                DefaultHttpHeadersFactory.headersFactory().withValidation(false),
                DefaultHttpHeadersFactory.trailersFactory());
        HttpHeaders out = response.headers();
        if (headers != null) {
            for (int i = 0, n = headers.size(); i < n; i++) {
                String name = headers.nameAt(i);
                HttpFields.validate(name, headers.valueAt(i));
                int kind = HttpFields.kind(name);
                if (kind != HttpFields.CONTENT_LENGTH
                        && kind != HttpFields.TRANSFER_ENCODING
                        && kind != HttpFields.CONNECTION) {
                    out.add(name, headers.valueAt(i));
                }
            }
        } else {
            out.set(HttpHeaderNames.CONTENT_TYPE, APPLICATION_JSON);
        }
        out.setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        out.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        if (!out.contains(HttpHeaderNames.DATE)) {
            out.set(HttpHeaderNames.DATE, HttpDate.now());
        }
        AsciiString server = dispatcher.serverHeader();
        if (server != null && !out.contains(HttpHeaderNames.SERVER)) {
            out.set(HttpHeaderNames.SERVER, server);
        }
        return response;
    }

    /** The application threw: before the handshake was answered that is a 500, after it a close with 1011. */
    private void failed(Throwable error) {
        control.lock();
        try {
            switch (phase) {
                case HANDSHAKE -> {
                    ServerLog.LOG.error("Unhandled exception in {}", scope, error);
                    refuse(500, null, ErrorBodies.json(500, ErrorBodies.INTERNAL_ERROR));
                }
                case OPEN -> {
                    ServerLog.LOG.error("Unhandled exception in {}; closing it with 1011", scope, error);
                    close(new Message.WebSocketClose(1011, ""));
                }
                default -> ServerLog.LOG.debug("{} ended after it was closed: {}", scope, error.toString());
            }
        } finally {
            control.unlock();
        }
    }

    /** The application returned: a handshake it never answered is a 500, an open connection closes normally. */
    private void afterCall() {
        control.lock();
        try {
            if (phase == HANDSHAKE) {
                ServerLog.LOG.warn("{} returned without answering the WebSocket handshake", scope);
                refuse(500, null, ErrorBodies.json(500, ErrorBodies.INTERNAL_ERROR));
            } else if (phase == OPEN) {
                close(Message.WebSocketClose.NORMAL);
            }
        } finally {
            control.unlock();
        }
    }

    @Override
    public String toString() {
        return "WebSocketExchange[" + scope + "]";
    }
}
