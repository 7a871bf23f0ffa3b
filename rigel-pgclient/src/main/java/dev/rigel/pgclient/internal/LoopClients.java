package dev.rigel.pgclient.internal;

import io.netty.channel.IoEventLoop;
import io.netty.channel.IoHandler;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.FastThreadLocalThread;
import io.netty.util.internal.ThreadExecutorMap;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.SqlClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The reactive client bound to the server's own event loops, as Vert.x binds it to its own: each
 * loop that serves a request gets a Vert.x context on that loop and a client whose connections are
 * registered there, so a query sent by a handler on the loop is written, answered, decoded and
 * completed on that same thread, and the response goes out from it too. Without this the client's
 * connections live on Vert.x's own threads and every query crosses threads twice.
 *
 * <p>A loop is used only if it runs the same I/O transport as Vert.x (epoll on both, say); a
 * request on any other thread (a virtual thread, a test) gets null and uses the shared client.
 * Vert.x finds a caller's context only while the caller runs {@linkplain #dispatching inside} it,
 * which {@code LoopDispatch} arranges around each request.
 */
public final class LoopClients {

    /** What a loop that cannot carry the client's connections maps to. */
    private static final Bound UNUSABLE = new Bound(null, null);

    private final ConcurrentHashMap<EventExecutor, Bound> byLoop = new ConcurrentHashMap<>();
    private final PoolOptions options;
    private volatile VertxInternal vertx;
    private volatile PgConnectOptions connect;
    private volatile Class<? extends IoHandler> vertxIoType;

    /** {@code options}: each loop's own client (its connections, wait queue and timeout; no event loops). */
    public LoopClients(PoolOptions options) {
        this.options = options;
    }

    /** Startup: clients may now be made, on {@code vertx}, connecting with {@code connect}. */
    public void open(Vertx vertx, PgConnectOptions connect) {
        VertxInternal internal = (VertxInternal) vertx;
        this.connect = connect;
        this.vertxIoType = ioType(internal.nettyEventLoopGroup().next());
        this.vertx = internal;
    }

    /** The client bound to the event loop running this code, or null (not an event loop, or an unusable one). */
    public SqlClient client() {
        Bound bound = current();
        return bound == null ? null : bound.client;
    }

    /** The context of the event loop running this code, or null, as {@link #client()}. */
    public ContextInternal context() {
        Bound bound = current();
        return bound == null ? null : bound.context;
    }

    private Bound current() {
        if (!(Thread.currentThread() instanceof FastThreadLocalThread) || vertx == null) {
            return null; // virtual threads and plain threads never run an event loop
        }
        // the loop running this thread: Netty's own record, the one Vert.x reads for the same purpose
        EventExecutor executor = ThreadExecutorMap.currentExecutor();
        if (executor == null) {
            return null;
        }
        Bound bound = byLoop.get(executor);
        if (bound == null) {
            bound = byLoop.computeIfAbsent(executor, this::bind);
        }
        return bound == UNUSABLE ? null : bound;
    }

    private Bound bind(EventExecutor executor) {
        VertxInternal owner = vertx;
        if (!(executor instanceof IoEventLoop loop) || vertxIoType == null || !loop.isIoType(vertxIoType)) {
            return UNUSABLE;
        }
        ContextInternal context = owner.contextBuilder()
                .withEventLoop(loop)
                .withClassLoader(Thread.currentThread().getContextClassLoader())
                .build();
        // the options give it no event loops of its own: connections open on the context of the
        // request that needs one, this loop's
        SqlClient client = PgBuilder.client()
                .with(options)
                .connectingTo(connect)
                .using(owner)
                .build();
        return new Bound(context, client);
    }

    /** Shutdown: closes every loop's client (their connections), waiting up to 5 s each. */
    public List<Exception> close() {
        vertx = null;
        List<Exception> failures = new ArrayList<>();
        for (Bound bound : byLoop.values()) {
            if (bound.client == null) {
                continue;
            }
            try {
                bound.client.close().await(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                failures.add(e);
            }
        }
        byLoop.clear();
        return failures;
    }

    /** The kind of I/O handler (epoll, NIO, io_uring) a Vert.x event loop runs, or null if none known. */
    @SuppressWarnings("unchecked")
    private static Class<? extends IoHandler> ioType(EventExecutor loop) {
        if (!(loop instanceof IoEventLoop ioLoop)) {
            return null;
        }
        for (String name : List.of(
                "io.netty.channel.epoll.EpollIoHandler",
                "io.netty.channel.nio.NioIoHandler",
                "io.netty.channel.uring.IoUringIoHandler",
                "io.netty.channel.kqueue.KQueueIoHandler")) {
            try {
                Class<?> type = Class.forName(name, false, LoopClients.class.getClassLoader());
                if (IoHandler.class.isAssignableFrom(type) && ioLoop.isIoType((Class<? extends IoHandler>) type)) {
                    return (Class<? extends IoHandler>) type;
                }
            } catch (ClassNotFoundException | LinkageError absent) {
                // that transport is not on the class path
            }
        }
        return null;
    }

    private record Bound(ContextInternal context, SqlClient client) {}
}
