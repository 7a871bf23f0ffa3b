package dev.rigel.netty.internal;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelPromise;
import io.netty.handler.timeout.IdleStateEvent;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Fires {@link IdleStateEvent}s (which {@link Connection} acts on) when a connection has neither
 * read nor written anything for the idle timeout: Netty's {@code IdleStateHandler} with all-idle
 * time, minus its cost per response. That handler learns of writes through a listener on every
 * write's promise, so each response paid for a promise, a listener array and their notification.
 * This one notes the time a write is handed to it, and when the timer finds the connection quiet,
 * looks at the outbound buffer: bytes still leaving for a slowly reading client are activity, a
 * buffer that has not moved for the whole period is not. Event loop only.
 */
final class IdleTimeout extends ChannelDuplexHandler {

    private final long idleNanos;
    private ScheduledFuture<?> timer;
    /** When the last read ended or the last write was handed down (event loop's clock). */
    private long lastActivity;
    /** Between channelRead and channelReadComplete: a read under way is activity. */
    private boolean reading;
    /** The outbound buffer as the last check saw it, to tell bytes leaving from bytes stuck. */
    private int lastMessage;

    private long lastPending;
    private long lastProgress;
    private boolean firstEvent = true;

    IdleTimeout(long idleMillis) {
        this.idleNanos = TimeUnit.MILLISECONDS.toNanos(idleMillis);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive() && ctx.channel().isRegistered()) {
            start(ctx);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        start(ctx);
        ctx.fireChannelActive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        stop();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        stop();
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        reading = true;
        firstEvent = true;
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (reading) {
            reading = false;
            lastActivity = now(ctx);
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        lastActivity = now(ctx);
        firstEvent = true;
        ctx.write(msg, promise);
    }

    private void start(ChannelHandlerContext ctx) {
        if (timer == null) {
            lastActivity = now(ctx);
            timer = ctx.executor().schedule(() -> check(ctx), idleNanos, TimeUnit.NANOSECONDS);
        }
    }

    private void stop() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private void check(ChannelHandlerContext ctx) {
        if (timer == null || !ctx.channel().isOpen()) {
            return;
        }
        long quietFor = now(ctx) - lastActivity;
        if (reading || quietFor < idleNanos) {
            schedule(ctx, reading ? idleNanos : idleNanos - quietFor);
            return;
        }
        if (outputMoved(ctx)) {
            lastActivity = now(ctx);
            schedule(ctx, idleNanos);
            return;
        }
        schedule(ctx, idleNanos);
        IdleStateEvent event =
                firstEvent ? IdleStateEvent.FIRST_ALL_IDLE_STATE_EVENT : IdleStateEvent.ALL_IDLE_STATE_EVENT;
        firstEvent = false;
        ctx.fireUserEventTriggered(event);
    }

    private void schedule(ChannelHandlerContext ctx, long delayNanos) {
        timer = ctx.executor().schedule(() -> check(ctx), delayNanos, TimeUnit.NANOSECONDS);
    }

    /** Whether the outbound buffer changed since the last check: a write is still making its way out. */
    private boolean outputMoved(ChannelHandlerContext ctx) {
        ChannelOutboundBuffer buffer = ctx.channel().unsafe().outboundBuffer();
        if (buffer == null) {
            return false;
        }
        int message = System.identityHashCode(buffer.current());
        long pending = buffer.totalPendingWriteBytes();
        long progress = buffer.currentProgress();
        boolean moved = pending > 0 && (message != lastMessage || pending != lastPending || progress != lastProgress);
        lastMessage = message;
        lastPending = pending;
        lastProgress = progress;
        return moved;
    }

    private static long now(ChannelHandlerContext ctx) {
        return ctx.executor().ticker().nanoTime();
    }
}
