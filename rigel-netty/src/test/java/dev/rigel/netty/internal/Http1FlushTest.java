package dev.rigel.netty.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigel.protocol.Application;
import dev.rigel.protocol.Headers;
import dev.rigel.protocol.Message;
import dev.rigel.protocol.Scope;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * When the server flushes an HTTP/1 connection: once per read for responses made during it, at
 * once for a response that comes later from a virtual thread. Counted at the head of the server's
 * own pipeline on an embedded channel, where every flush becomes a write syscall on a socket.
 */
class Http1FlushTest {

    /** Answers with its path; inline for paths under /inline, on a virtual thread otherwise. */
    private static final Application APP = new Application() {
        @Override
        public void call(Scope scope, dev.rigel.protocol.Receive receive, dev.rigel.protocol.Send send)
                throws Exception {
            send.send(new Message.ResponseStart(200, Headers.of("content-type", "text/plain")));
            send.send(new Message.ResponseBody(scope.rawPath().getBytes(StandardCharsets.UTF_8), false));
        }

        @Override
        public boolean runsInline(Scope scope) {
            return scope.rawPath().startsWith("/inline");
        }
    };

    /** Counts the flushes that reach the head of the pipeline. */
    private static final class FlushCounter extends ChannelOutboundHandlerAdapter {
        int flushes;

        @Override
        public void flush(ChannelHandlerContext ctx) {
            flushes++;
            ctx.flush();
        }
    }

    private static EmbeddedChannel connection(FlushCounter counter) {
        Dispatcher dispatcher = new Dispatcher(
                APP, 1 << 20, Duration.ofSeconds(30), Duration.ofSeconds(10), "Rigel", 65536, 1 << 20, false);
        ServerInitializer initializer = new ServerInitializer(
                dispatcher,
                null,
                new DefaultChannelGroup(GlobalEventExecutor.INSTANCE),
                false,
                Duration.ofSeconds(60),
                0,
                4096,
                16384,
                Duration.ofSeconds(5));
        return new EmbeddedChannel(counter, initializer); // the counter sits next to the head
    }

    private static ByteBuf requests(String... paths) {
        StringBuilder text = new StringBuilder();
        for (String path : paths) {
            text.append("GET ").append(path).append(" HTTP/1.1\r\nHost: t\r\n\r\n");
        }
        return Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII);
    }

    private static String written(EmbeddedChannel channel) {
        StringBuilder out = new StringBuilder();
        ByteBuf buf;
        while ((buf = channel.readOutbound()) != null) {
            out.append(buf.toString(StandardCharsets.ISO_8859_1));
            buf.release();
        }
        return out.toString();
    }

    @Test
    void pipelinedRequestsReadTogetherAreAnsweredInOrderWithOneFlush() {
        FlushCounter counter = new FlushCounter();
        EmbeddedChannel channel = connection(counter);
        try {
            channel.writeInbound(requests("/inline/1", "/inline/2", "/inline/3"));

            assertThat(counter.flushes).isEqualTo(1);
            String out = written(channel);
            assertThat(out.split("HTTP/1.1 200 OK", -1)).hasSize(4);
            assertThat(out.indexOf("/inline/1")).isLessThan(out.indexOf("/inline/2"));
            assertThat(out.indexOf("/inline/2")).isLessThan(out.indexOf("/inline/3"));
        } finally {
            channel.finishAndReleaseAll();
        }
    }

    @Test
    void aResponseFromAVirtualThreadIsFlushedWithoutWaitingForAnotherRead() throws Exception {
        FlushCounter counter = new FlushCounter();
        EmbeddedChannel channel = connection(counter);
        try {
            channel.writeInbound(requests("/vt/1"));
            // The virtual thread hands its response to the event loop, which here runs only when told.
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            String out = "";
            while (out.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(5);
                channel.runPendingTasks();
                out = written(channel);
            }

            assertThat(out).startsWith("HTTP/1.1 200 OK").endsWith("/vt/1");
            assertThat(counter.flushes).isEqualTo(1);
        } finally {
            channel.finishAndReleaseAll();
        }
    }
}
