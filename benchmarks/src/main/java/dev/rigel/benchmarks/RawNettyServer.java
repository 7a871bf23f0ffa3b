package dev.rigel.benchmarks;

import dev.rigel.benchmarks.rawnetty.RawHttpHandler;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpRequestDecoder;

/**
 * The baseline contender, meant as the ceiling for a server on Netty's HTTP/1.1 decoder: the
 * benchmark routes answered on the event loop by {@link RawHttpHandler}, with pre-encoded heads
 * and bodies for plaintext and json, and the users routes behind the same bearer check with a
 * Jackson encode per request. Nothing a framework adds is here, so every other row is reported as
 * a ratio to it.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.rigel.benchmarks.RawNettyServer [port]}.
 */
public final class RawNettyServer {

    private RawNettyServer() {}

    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8080;
        EventLoopGroup loops = loops();
        try {
            Channel server = start(loops, port);
            System.out.println("raw netty listening on http://127.0.0.1:" + port + " ("
                    + (Epoll.isAvailable() ? "epoll" : "nio") + ")");
            server.closeFuture().sync();
        } finally {
            loops.shutdownGracefully();
        }
    }

    /** One event loop per core, accepting and serving, as Rigel's server is set up by default. */
    static EventLoopGroup loops() {
        IoHandlerFactory io = Epoll.isAvailable() ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        return new MultiThreadIoEventLoopGroup(Runtime.getRuntime().availableProcessors(), io);
    }

    /** Binds 127.0.0.1:{@code port} (0 for any free port) on {@code loops}; returns the listening channel. */
    static Channel start(EventLoopGroup loops, int port) throws InterruptedException {
        Class<? extends ServerChannel> channel =
                Epoll.isAvailable() ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        return new ServerBootstrap()
                .group(loops)
                .channel(channel)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        // Netty's decoder with its defaults: validated header names and values.
                        ch.pipeline().addLast(new HttpRequestDecoder(new HttpDecoderConfig()), new RawHttpHandler());
                    }
                })
                .bind("127.0.0.1", port)
                .sync()
                .channel();
    }
}
