package dev.rigel.netty.internal;

import dev.rigel.netty.ServerConfig;
import dev.rigel.protocol.Application;
import io.netty.util.AsciiString;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What every connection of one server shares: the application, the limits, and the virtual
 * threads that run blocking exchanges. Counts running application calls so a graceful stop can
 * wait for them.
 */
public final class Dispatcher {

    private final Application app;
    private final ServerConfig config;
    private final ThreadFactory virtualThreads =
            Thread.ofVirtual().name("rigel-handler-", 0).factory();
    private final AtomicInteger running = new AtomicInteger();
    private final long maxBodySize;
    private final long readTimeoutNanos;
    private final AsciiString serverHeader;

    public Dispatcher(Application app, ServerConfig config) {
        this.app = app;
        this.config = config;
        this.maxBodySize = config.maxBodySize();
        this.readTimeoutNanos = config.readTimeout().toNanos();
        this.serverHeader = config.serverHeader().map(AsciiString::new).orElse(null);
    }

    Application app() {
        return app;
    }

    ServerConfig config() {
        return config;
    }

    long maxBodySize() {
        return maxBodySize;
    }

    long readTimeoutNanos() {
        return readTimeoutNanos;
    }

    /** The Server header value or null; pre-encoded because it goes into every response. */
    AsciiString serverHeader() {
        return serverHeader;
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

    void finished() {
        running.decrementAndGet();
    }

    /** Application calls on virtual threads that have not returned yet. */
    public int running() {
        return running.get();
    }
}
