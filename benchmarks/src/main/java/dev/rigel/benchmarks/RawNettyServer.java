package dev.rigel.benchmarks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rigel.benchmarks.common.BenchData;
import dev.rigel.benchmarks.common.BenchUser;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;

/**
 * The baseline contender: a bare Netty 4.2 HTTP/1.1 handler answering {@code /plaintext} and
 * {@code /json} on the event loop with pre-encoded bodies, and the users routes
 * ({@code /api/v1/users}, {@code /api/v1/users/{id}}) with the same bearer check and a Jackson
 * encode per request. No framework can beat this on the same transport, so every other row is
 * reported as a ratio to it.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.rigel.benchmarks.RawNettyServer [port]}.
 */
public final class RawNettyServer {

    private static final byte[] PLAINTEXT = "Hello, World!".getBytes(StandardCharsets.UTF_8);
    private static final byte[] JSON = "{\"message\":\"Hello, World!\"}".getBytes(StandardCharsets.UTF_8);

    private static final byte[] EMPTY = new byte[0];
    private static final String USERS = "/api/v1/users";
    private static final String USER_PREFIX = "/api/v1/users/";
    private static final byte[] TOKEN = BenchData.TOKEN.getBytes(StandardCharsets.UTF_8);
    private static final BenchData DATA = new BenchData();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private RawNettyServer() {}

    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8080;
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        Class<? extends ServerChannel> channel = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        // one event loop per core, accepting and serving, as Rigel's server is set up by default
        EventLoopGroup workers =
                new MultiThreadIoEventLoopGroup(Runtime.getRuntime().availableProcessors(), io);
        try {
            Channel server = new ServerBootstrap()
                    .group(workers)
                    .channel(channel)
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline()
                                    .addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 20), new Handler());
                        }
                    })
                    .bind("127.0.0.1", port)
                    .sync()
                    .channel();
            System.out.println(
                    "raw netty listening on http://127.0.0.1:" + port + " (" + (epoll ? "epoll" : "nio") + ")");
            server.closeFuture().sync();
        } finally {
            workers.shutdownGracefully();
        }
    }

    private static byte[] encode(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            String uri = request.uri();
            byte[] body;
            String type = "application/json";
            HttpResponseStatus status = HttpResponseStatus.OK;
            if (uri.equals("/plaintext")) {
                body = PLAINTEXT;
                type = "text/plain; charset=utf-8";
            } else if (uri.equals("/json")) {
                body = JSON;
            } else if (uri.startsWith(USERS)) {
                String auth = request.headers().get(HttpHeaderNames.AUTHORIZATION);
                if (auth == null
                        || !java.security.MessageDigest.isEqual(
                                TOKEN, auth.trim().getBytes(StandardCharsets.UTF_8))) {
                    body = EMPTY;
                    status = HttpResponseStatus.UNAUTHORIZED;
                } else if (uri.equals(USERS)) {
                    body = encode(DATA.users());
                } else {
                    BenchUser user = null;
                    try {
                        user = DATA.user(Long.parseLong(uri.substring(USER_PREFIX.length())));
                    } catch (NumberFormatException | IndexOutOfBoundsException e) {
                        // not a user id: 404 below
                    }
                    if (user == null) {
                        body = EMPTY;
                        status = HttpResponseStatus.NOT_FOUND;
                    } else {
                        body = encode(user);
                    }
                }
            } else {
                body = EMPTY;
                type = "text/plain";
                status = HttpResponseStatus.NOT_FOUND;
            }
            ByteBuf content = Unpooled.wrappedBuffer(body);
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, content);
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, type);
            response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
            boolean keepAlive = HttpUtil.isKeepAlive((HttpRequest) request);
            if (keepAlive) {
                ctx.writeAndFlush(response);
            } else {
                response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
                ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
            }
        }
    }
}
