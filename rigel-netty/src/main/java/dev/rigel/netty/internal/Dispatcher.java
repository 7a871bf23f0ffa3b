package dev.rigel.netty.internal;

import dev.rigel.protocol.Application;
import io.netty.util.AsciiString;
import java.time.Duration;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What every connection of one server shares: the application, the limits, and the virtual
 * threads that run blocking exchanges. Counts running application calls so a graceful stop can
 * wait for them.
 */
public final class Dispatcher {

    private final Application app;
    /**
     * One name for all: a numbered name costs a string built per request, and a virtual thread
     * already has a unique id for dumps and profiles.
     */
    private final ThreadFactory virtualThreads =
            Thread.ofVirtual().name("rigel-handler").factory();

    private final AtomicInteger running = new AtomicInteger();
    private final long maxBodySize;
    private final long readTimeoutNanos;
    private final long headerReadTimeoutNanos;
    private final AsciiString serverHeader;
    private final byte[] serverLine;
    private final int webSocketMaxFrameSize;
    private final int webSocketMaxMessageSize;
    private final boolean webSocketCompression;

    /** The limits are the server configuration's; {@code serverHeader} is null when none is sent. */
    public Dispatcher(
            Application app,
            long maxBodySize,
            Duration readTimeout,
            Duration headerReadTimeout,
            String serverHeader,
            int webSocketMaxFrameSize,
            int webSocketMaxMessageSize,
            boolean webSocketCompression) {
        this.app = app;
        this.maxBodySize = maxBodySize;
        this.readTimeoutNanos = readTimeout.toNanos();
        this.headerReadTimeoutNanos = headerReadTimeout.toNanos();
        this.serverHeader = serverHeader == null ? null : new AsciiString(serverHeader);
        this.serverLine = serverHeader == null ? null : Http1EncodedResponse.fieldLine("server", serverHeader);
        this.webSocketMaxFrameSize = webSocketMaxFrameSize;
        this.webSocketMaxMessageSize = webSocketMaxMessageSize;
        this.webSocketCompression = webSocketCompression;
    }

    Application app() {
        return app;
    }

    long maxBodySize() {
        return maxBodySize;
    }

    long readTimeoutNanos() {
        return readTimeoutNanos;
    }

    long headerReadTimeoutNanos() {
        return headerReadTimeoutNanos;
    }

    /** The Server header value or null; pre-encoded because it goes into every response. */
    AsciiString serverHeader() {
        return serverHeader;
    }

    /** The Server field as an HTTP/1 line ({@code server: value\r\n}) or null. */
    byte[] serverLine() {
        return serverLine;
    }

    int webSocketMaxFrameSize() {
        return webSocketMaxFrameSize;
    }

    int webSocketMaxMessageSize() {
        return webSocketMaxMessageSize;
    }

    boolean webSocketCompression() {
        return webSocketCompression;
    }

    /** Runs a blocking exchange (HTTP or WebSocket) on its own virtual thread; it calls {@link #finished()} at the end. */
    void startVirtual(Runnable exchange) {
        running.incrementAndGet();
        try {
            virtualThreads.newThread(exchange).start();
        } catch (RuntimeException | Error e) {
            running.decrementAndGet();
            throw e;
        }
    }

    /** An inline call goes on after it returned (an asynchronous handler); it calls {@link #finished()} at the end. */
    void started() {
        running.incrementAndGet();
    }

    void finished() {
        running.decrementAndGet();
    }

    /** Application calls on virtual threads that have not returned yet, and inline calls finishing later. */
    public int running() {
        return running.get();
    }
}
