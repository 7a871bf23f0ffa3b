package dev.rigel.benchmarks;

import dev.rigel.App;
import dev.rigel.channels.ChannelsBackend;
import dev.rigel.channels.ChannelsPlugin;
import dev.rigel.channels.MemoryChannelsBackend;
import dev.rigel.netty.RigelServer;
import dev.rigel.netty.ServerConfig;
import dev.rigel.redis.RedisChannelsPubSubBackend;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Channels fan-out on the real server: one publisher, N WebSocket subscribers of one channel
 * (Rigel's {@code ChannelsPlugin} WebSocket route), for the memory and Redis Pub/Sub backends.
 *
 * <p>Server and clients share this JVM, so publish and receive times come from one
 * {@code System.nanoTime()} clock: every message carries its publish time and each client records
 * publish → receive. All clients run on one Netty event loop (1,000 JDK WebSocket clients would
 * cost far more threads on a 2-core machine). Two phases per backend, after a warm-up:
 *
 * <ul>
 *   <li><b>steady</b>: {@code RATE} messages a second, paced; delivered/s and latency percentiles;
 *   <li><b>max</b>: as fast as the subscribers keep up: the publisher keeps at most
 *       {@code WINDOW} messages in flight (not yet delivered to every subscriber), so no backlog
 *       overflows and nothing is dropped; delivered/s is then the fan-out throughput.
 * </ul>
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.rigel.benchmarks.FanoutBenchmark} with settings
 * from system properties: {@code clients} (1000), {@code rate} (20), {@code seconds} (10),
 * {@code warmup} (3), {@code window} (8), {@code backends} ({@code memory,redis}), {@code redis}
 * ({@code redis://127.0.0.1:6379/0}).
 */
public final class FanoutBenchmark {

    private static final String CHANNEL = "fanout";

    private FanoutBenchmark() {}

    public static void main(String[] args) throws Exception {
        int clients = Integer.getInteger("clients", 1000);
        int rate = Integer.getInteger("rate", 20);
        int seconds = Integer.getInteger("seconds", 10);
        int warmup = Integer.getInteger("warmup", 3);
        int window = Integer.getInteger("window", 8);
        String redisUrl = System.getProperty("redis", "redis://127.0.0.1:6379/0");
        List<String> backends =
                Arrays.asList(System.getProperty("backends", "memory,redis").split(","));

        System.out.printf(
                Locale.ROOT,
                "fan-out: %d WebSocket subscribers, steady %d msg/s, %d s per phase (warm-up %d s), max window %d%n",
                clients,
                rate,
                seconds,
                warmup,
                window);
        System.out.printf(
                Locale.ROOT,
                "%-8s %-7s %10s %12s %14s %9s %9s %9s %9s %8s%n",
                "backend",
                "phase",
                "published",
                "delivered",
                "delivered/s",
                "p50 ms",
                "p99 ms",
                "p99.9 ms",
                "max ms",
                "lost");
        for (String name : backends) {
            ChannelsBackend backend = switch (name.trim()) {
                case "memory" -> new MemoryChannelsBackend();
                case "redis" ->
                    RedisChannelsPubSubBackend.builder(redisUrl)
                            .prefix("rigel-bench-" + UUID.randomUUID() + ":")
                            .build();
                default -> throw new IllegalArgumentException("Unknown backend " + name + " (memory, redis)");
            };
            run(name.trim(), backend, clients, rate, seconds, warmup, window);
        }
    }

    private static void run(
            String name, ChannelsBackend backend, int clients, int rate, int seconds, int warmup, int window)
            throws Exception {
        ChannelsPlugin channels = ChannelsPlugin.builder(backend)
                .channels(CHANNEL)
                .createWsRouteHandlers(true)
                .wsHandlerBasePath("/ws")
                .build();
        App app = App.builder().plugins(channels).build();
        RigelServer server = new RigelServer(
                        app, ServerConfig.builder().host("127.0.0.1").port(0).build())
                .start();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        Recorder recorder = new Recorder();
        try {
            URI uri = URI.create(server.url().replace("http://", "ws://") + "/ws/" + CHANNEL);
            connect(group, uri, clients, recorder);

            Phase warm = new Phase();
            recorder.phase = warm;
            publishAtRate(channels, rate, warmup, warm);
            awaitDelivered(warm, clients);

            Phase steady = new Phase();
            recorder.phase = steady;
            long start = System.nanoTime();
            publishAtRate(channels, rate, seconds, steady);
            awaitDelivered(steady, clients);
            report(name, "steady", steady, clients, System.nanoTime() - start);

            Phase max = new Phase();
            recorder.phase = max;
            start = System.nanoTime();
            publishWindowed(channels, seconds, window, clients, max);
            awaitDelivered(max, clients);
            report(name, "max", max, clients, System.nanoTime() - start);
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
            server.stop();
        }
    }

    /** Opens the clients in batches (a burst of 1,000 connects would overflow the accept queue). */
    private static void connect(EventLoopGroup group, URI uri, int clients, Recorder recorder) throws Exception {
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline()
                                .addLast(
                                        new HttpClientCodec(),
                                        new HttpObjectAggregator(8192),
                                        new WebSocketClientProtocolHandler(WebSocketClientProtocolConfig.newBuilder()
                                                .webSocketUri(uri)
                                                .handleCloseFrames(true)
                                                .build()),
                                        recorder);
                    }
                });
        List<Channel> open = new ArrayList<>();
        for (int done = 0; done < clients; ) {
            int batch = Math.min(100, clients - done);
            CountDownLatch handshaken = new CountDownLatch(batch);
            recorder.handshakes = handshaken;
            for (int i = 0; i < batch; i++) {
                open.add(bootstrap.connect(uri.getHost(), uri.getPort()).sync().channel());
            }
            if (!handshaken.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException(
                        "WebSocket handshakes did not complete: " + handshaken.getCount() + " left");
            }
            done += batch;
        }
    }

    private static void publishAtRate(ChannelsPlugin channels, int rate, int seconds, Phase phase) {
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        for (long next = start; next < end; next += interval) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            publish(channels, phase);
        }
    }

    private static void publishWindowed(ChannelsPlugin channels, int seconds, int window, int clients, Phase phase) {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < end) {
            while (phase.published.get() * clients - phase.delivered.get() >= (long) window * clients) {
                LockSupport.parkNanos(20_000);
            }
            publish(channels, phase);
        }
    }

    private static void publish(ChannelsPlugin channels, Phase phase) {
        phase.published.incrementAndGet();
        channels.publish(Long.toString(System.nanoTime()), CHANNEL);
    }

    /** Waits (up to 10 s) for the deliveries still on their way; what never came is reported as lost. */
    private static void awaitDelivered(Phase phase, int clients) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (phase.delivered.get() < phase.published.get() * clients && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    private static void report(String backend, String phaseName, Phase phase, int clients, long elapsedNanos) {
        long[] latencies = phase.latencies();
        Arrays.sort(latencies);
        long published = phase.published.get();
        long delivered = phase.delivered.get();
        double perSecond = delivered / (elapsedNanos / 1e9);
        System.out.printf(
                Locale.ROOT,
                "%-8s %-7s %10d %12d %14.0f %9.2f %9.2f %9.2f %9.2f %8d%n",
                backend,
                phaseName,
                published,
                delivered,
                perSecond,
                millis(latencies, 0.50),
                millis(latencies, 0.99),
                millis(latencies, 0.999),
                latencies.length == 0 ? 0 : latencies[latencies.length - 1] / 1e6,
                published * clients - delivered);
    }

    private static double millis(long[] sorted, double quantile) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }

    /** What one phase saw; latencies are appended on the clients' single event loop thread only. */
    private static final class Phase {
        final AtomicLong published = new AtomicLong();
        final AtomicLong delivered = new AtomicLong();
        private long[] latencies = new long[1 << 16];
        private int size;

        void record(long nanos) {
            if (size == latencies.length) {
                latencies = Arrays.copyOf(latencies, size * 2);
            }
            latencies[size++] = nanos;
            delivered.incrementAndGet();
        }

        long[] latencies() {
            return Arrays.copyOf(latencies, size);
        }
    }

    /** Shared by every client channel: they all run on the one event loop. */
    @io.netty.channel.ChannelHandler.Sharable
    private static final class Recorder extends SimpleChannelInboundHandler<TextWebSocketFrame> {
        volatile Phase phase = new Phase();
        volatile CountDownLatch handshakes;

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
            if (event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
                handshakes.countDown();
            }
            super.userEventTriggered(ctx, event);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
            long received = System.nanoTime();
            phase.record(received - parseLong(frame.content()));
        }

        private static long parseLong(ByteBuf text) {
            long value = 0;
            boolean negative = false;
            for (int i = text.readerIndex(); i < text.writerIndex(); i++) {
                byte b = text.getByte(i);
                if (b == '-') {
                    negative = true;
                } else {
                    value = value * 10 + (b - '0');
                }
            }
            return negative ? -value : value;
        }
    }
}
