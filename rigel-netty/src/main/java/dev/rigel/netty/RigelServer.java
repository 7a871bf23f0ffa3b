package dev.rigel.netty;

import dev.rigel.netty.internal.Connection;
import dev.rigel.netty.internal.Dispatcher;
import dev.rigel.netty.internal.IoTransport;
import dev.rigel.netty.internal.NettyDefaults;
import dev.rigel.netty.internal.Preinitializer;
import dev.rigel.netty.internal.ServerInitializer;
import dev.rigel.netty.internal.ShutdownSignals;
import dev.rigel.protocol.Application;
import dev.rigel.protocol.Lifespan;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rigel's embedded HTTP server: serves an {@link Application} over HTTP/1.1 and HTTP/2 on Netty.
 *
 * <pre>{@code
 * try (RigelServer server = new RigelServer(app, ServerConfig.builder().port(8080).build()).start()) {
 *     server.awaitShutdown();
 * }
 * }</pre>
 *
 * <p>Each request becomes one {@code app.call(scope, receive, send)}. When
 * {@link Application#runsInline} says a request never blocks, the server buffers its body and
 * calls the application right on the I/O thread; otherwise the call runs on a fresh virtual
 * thread and the body streams to it with backpressure.
 *
 * <p>An application that implements {@link Lifespan} gets {@code startup()} before the port is
 * bound, {@code startDraining()} when a stop begins and {@code shutdown()} after the last in-flight
 * request has finished.
 *
 * <p>Signals: while it runs, the server stops {@linkplain #stop() gracefully} on SIGTERM (what
 * Kubernetes, Docker and systemd send) and SIGINT (Ctrl-C) and then exits the JVM with status 0;
 * on any other JVM shutdown ({@code System.exit}) a shutdown hook stops it the same way. Each
 * running server has one hook, removed when it stops, so tests that start many servers leave none
 * behind. Turn this off with {@link ServerConfig.Builder#handleSignals(boolean)
 * handleSignals(false)} when the program handles signals itself or runs more than the server.
 */
public final class RigelServer implements AutoCloseable {

    static {
        NettyDefaults.apply(); // before this class's first use of Netty reads them
    }

    private static final Logger LOG = LoggerFactory.getLogger(RigelServer.class);

    private enum State {
        NEW,
        RUNNING,
        STOPPED
    }

    private final Application app;
    private final ServerConfig config;
    private final CountDownLatch stopped = new CountDownLatch(1);
    // Written under the lock in start()/stop(); volatile so the getters never wait for a stop in progress.
    private volatile State state = State.NEW;
    private volatile IoTransport transport;
    private volatile int port = -1;
    private volatile String scheme = "http";
    private EventLoopGroup group;
    private Channel serverChannel;
    private ChannelGroup channels;
    private Dispatcher dispatcher;
    private Thread shutdownHook;
    // one object for register and unregister
    private final Runnable stopOnSignal = this::stop;

    public RigelServer(Application app, ServerConfig config) {
        this.app = Objects.requireNonNull(app, "app");
        this.config = Objects.requireNonNull(config, "config");
    }

    /** A server with the default configuration (127.0.0.1:8000). */
    public RigelServer(Application app) {
        this(app, ServerConfig.defaults());
    }

    /**
     * Begins, on a background thread, the one-time work of a process's first server start (loading
     * Netty's native transport, the buffer allocator, the HTTP codec), so that it overlaps with
     * building the app. Call it first thing in a {@code main} that builds an app and then starts a
     * server; {@code Rigel.cli} does. It holds no resources and never keeps the JVM running; calling
     * it again does nothing.
     */
    public static void preinitialize() {
        Preinitializer.start();
    }

    /** Creates and {@linkplain #start() starts} a server in one step. */
    public static RigelServer start(Application app, ServerConfig config) {
        return new RigelServer(app, config).start();
    }

    /**
     * Runs the application's startup, binds, and starts serving. Returns once the port is bound.
     *
     * @throws IllegalStateException if already started, or the address cannot be bound
     */
    public synchronized RigelServer start() {
        if (state != State.NEW) {
            throw new IllegalStateException("a RigelServer can only be started once");
        }
        SslContext sslContext = Tls.serverContext(config);
        scheme = sslContext == null ? "http" : "https";
        if (app instanceof Lifespan lifespan) {
            lifespan.startup();
        }
        transport = IoTransport.select(config.nativeTransport());
        group = new MultiThreadIoEventLoopGroup(
                config.ioThreads(), new DefaultThreadFactory("rigel-io"), transport.handlerFactory());
        dispatcher = new Dispatcher(
                app,
                config.maxBodySize(),
                config.readTimeout(),
                config.headerReadTimeout(),
                config.serverHeader().orElse(null),
                config.webSocketMaxFrameSize(),
                config.webSocketMaxMessageSize(),
                config.webSocketCompression());
        channels = new DefaultChannelGroup("rigel-connections", GlobalEventExecutor.INSTANCE);
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(transport.serverChannel())
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childHandler(new ServerInitializer(
                        dispatcher,
                        sslContext,
                        channels,
                        config.http2(),
                        config.idleTimeout(),
                        config.maxConnectionsPerAddress(),
                        config.maxInitialLineLength(),
                        config.maxHeaderSize(),
                        config.shutdownTimeout()));
        try {
            serverChannel = bootstrap
                    .bind(config.host(), config.port())
                    .syncUninterruptibly()
                    .channel();
        } catch (Exception e) { // Netty rethrows the bind's IOException unchecked
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            if (app instanceof Lifespan lifespan) {
                lifespan.shutdown();
            }
            state = State.STOPPED;
            stopped.countDown();
            throw new IllegalStateException("cannot listen on " + config.host() + ":" + config.port(), e);
        }
        port = ((InetSocketAddress) serverChannel.localAddress()).getPort();
        state = State.RUNNING;
        if (config.handleSignals()) {
            shutdownHook = new Thread(this::stop, "rigel-shutdown-" + port);
            Runtime.getRuntime().addShutdownHook(shutdownHook);
            ShutdownSignals.add(stopOnSignal);
        }
        LOG.info(
                "Rigel listening on {} ({}, {}{})",
                url(),
                transport.name(),
                config.http2() ? (scheme.equals("https") ? "HTTP/1.1 + h2" : "HTTP/1.1 + h2c") : "HTTP/1.1",
                config.ioThreads() == 1 ? ", 1 I/O thread" : ", " + config.ioThreads() + " I/O threads");
        return this;
    }

    /** The bound port (the real one when configured with port 0); -1 before {@link #start()}. */
    public int port() {
        return port;
    }

    /** The base URL clients use, e.g. {@code http://127.0.0.1:8000}. */
    public String url() {
        String host = config.host();
        if (host.indexOf(':') >= 0) {
            host = "[" + host + "]"; // IPv6 literal
        }
        return scheme + "://" + host + ":" + port;
    }

    public boolean isRunning() {
        return state == State.RUNNING;
    }

    public ServerConfig config() {
        return config;
    }

    /** The I/O transport in use: {@code "epoll"} or {@code "nio"}; null before start. */
    public String transport() {
        return transport == null ? null : transport.name();
    }

    /** Blocks until {@link #stop()} has completed (from another thread or a shutdown hook). */
    public void awaitShutdown() throws InterruptedException {
        stopped.await();
    }

    /**
     * Stops gracefully: tells the application it is draining ({@link Lifespan#startDraining()}, so
     * readiness answers 503), keeps serving for {@link ServerConfig#shutdownGracePeriod()} (zero by
     * default), then stops accepting, closes idle connections, lets in-flight requests finish
     * (HTTP/2 connections get a GOAWAY, WebSockets a close with 1001) for up to
     * {@link ServerConfig#shutdownTimeout()}, closes whatever is left, runs the application's
     * {@link Lifespan#shutdown()} and releases the I/O threads. Does nothing if the server is not
     * running. A signal or the JVM's shutdown calls this too (see the class comment).
     *
     * <p>Call it from outside request handling: an application call that stops its own server
     * would wait for itself. A handler that wants to shut the server down should start a thread
     * that calls this.
     */
    public synchronized void stop() {
        if (state != State.RUNNING) {
            return;
        }
        boolean interrupted = false;
        try {
            interrupted = drainFirst();
            long deadline = System.nanoTime() + config.shutdownTimeout().toNanos();
            serverChannel.close().syncUninterruptibly();
            Set<Channel> told = Collections.newSetFromMap(new IdentityHashMap<>());
            tellToDrain(told);
            boolean quiet = awaitQuiet(deadline, told);
            if (!quiet) {
                LOG.warn(
                        "Shutdown timeout of {} reached with {} connection(s) open and {} handler(s) running; "
                                + "closing connections",
                        config.shutdownTimeout(),
                        channels.size(),
                        dispatcher.running());
                for (Channel ch : channels) {
                    ch.pipeline().fireUserEventTriggered(Connection.Signal.FORCE);
                }
                channels.close().awaitUninterruptibly(1, TimeUnit.SECONDS);
            }
            if (app instanceof Lifespan lifespan) {
                try {
                    lifespan.shutdown();
                } catch (RuntimeException e) {
                    LOG.error("Application shutdown failed", e);
                }
            }
        } finally {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
            state = State.STOPPED;
            forgetSignals();
            stopped.countDown();
            LOG.info("Rigel stopped listening on {}", url());
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Tells the application, then serves on through the grace period so traffic can move
     * elsewhere. Returns whether the wait was interrupted (cut short; the drain after it is not).
     */
    private boolean drainFirst() {
        if (app instanceof Lifespan lifespan) {
            try {
                lifespan.startDraining();
            } catch (RuntimeException e) {
                LOG.warn("Application startDraining failed; stopping anyway", e);
            }
        }
        Duration grace = config.shutdownGracePeriod();
        if (grace.isZero()) {
            return false;
        }
        LOG.info("Draining {}: serving for {} more before refusing new connections", url(), grace);
        try {
            Thread.sleep(grace);
            return false;
        } catch (InterruptedException e) {
            return true;
        }
    }

    /** The JVM shutdown hook while the server runs (null otherwise); for tests. */
    Thread shutdownHook() {
        return shutdownHook;
    }

    private void forgetSignals() {
        if (shutdownHook == null) {
            return;
        }
        ShutdownSignals.remove(stopOnSignal);
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down (perhaps this is the hook): nothing to remove
        }
        shutdownHook = null;
    }

    /**
     * Fires the graceful signal at every connection not told yet. A connection accepted just before
     * the listener closed may join the group only after the first round, so each wait repeats it.
     */
    private void tellToDrain(Set<Channel> told) {
        for (Channel ch : channels) {
            if (told.add(ch)) {
                ch.pipeline().fireUserEventTriggered(Connection.Signal.GRACEFUL);
            }
        }
    }

    /** Waits until no connection is open and no handler runs, or the deadline passes. */
    private boolean awaitQuiet(long deadline, Set<Channel> told) {
        while (!channels.isEmpty() || dispatcher.running() > 0) {
            tellToDrain(told);
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }
}
