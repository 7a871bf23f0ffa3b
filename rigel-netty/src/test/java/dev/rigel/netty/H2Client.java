package dev.rigel.netty;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.handler.codec.http2.Http2StreamFrame;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * An HTTP/2 client speaking prior knowledge (the connection preface right away, no upgrade),
 * built from Netty's client-side frame codec: the JDK client cannot do this.
 */
final class H2Client implements AutoCloseable {

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel channel;
    private final int port;

    H2Client(int port) {
        this.port = port;
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(Http2FrameCodecBuilder.forClient().build());
                        ch.pipeline().addLast(new Http2MultiplexHandler(new ChannelInboundHandlerAdapter()));
                    }
                });
        channel = bootstrap.connect("127.0.0.1", port).syncUninterruptibly().channel();
    }

    Response get(String path) throws Exception {
        return request("GET", path, null);
    }

    Response request(String method, String path, byte[] body, String... headers) throws Exception {
        return send(method, path, body, true, headers);
    }

    /** Sends only the HEADERS of a request that announces a body, and waits for the answer. */
    Response headOnly(String method, String path, String... headers) throws Exception {
        return send(method, path, null, false, headers);
    }

    /** Sends only the HEADERS of a request that announces a body, without waiting for anything. */
    CompletableFuture<Response> startRequest(String method, String path, String... headers) {
        CompletableFuture<Response> result = new CompletableFuture<>();
        open(result, method, path, null, false, headers);
        return result;
    }

    private Response send(String method, String path, byte[] body, boolean end, String... headers) throws Exception {
        CompletableFuture<Response> result = new CompletableFuture<>();
        open(result, method, path, body, end, headers);
        return result.get(5, TimeUnit.SECONDS);
    }

    private void open(
            CompletableFuture<Response> result,
            String method,
            String path,
            byte[] body,
            boolean end,
            String... headers) {
        Http2StreamChannel stream = new Http2StreamChannelBootstrap(channel)
                .handler(new Collector(result))
                .open()
                .syncUninterruptibly()
                .getNow();
        Http2Headers h = new DefaultHttp2Headers()
                .method(method)
                .path(path)
                .scheme("http")
                .authority("127.0.0.1:" + port);
        for (int i = 0; i < headers.length; i += 2) {
            h.add(headers[i], headers[i + 1]);
        }
        if (body == null) {
            stream.writeAndFlush(new DefaultHttp2HeadersFrame(h, end));
        } else {
            stream.write(new DefaultHttp2HeadersFrame(h, false));
            stream.writeAndFlush(new DefaultHttp2DataFrame(Unpooled.wrappedBuffer(body), true));
        }
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    record Response(Http2Headers headers, byte[] body, boolean reset) {
        int status() {
            return Integer.parseInt(headers.status().toString());
        }

        String header(String name) {
            CharSequence value = headers.get(name);
            return value == null ? null : value.toString();
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** Collects one stream's response: the final HEADERS (1xx skipped) and all DATA. */
    private static final class Collector extends SimpleChannelInboundHandler<Http2StreamFrame> {
        private final CompletableFuture<Response> result;
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private Http2Headers headers;

        Collector(CompletableFuture<Response> result) {
            this.result = result;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Http2StreamFrame frame) {
            boolean end = false;
            if (frame instanceof Http2HeadersFrame h) {
                if (headers == null
                        && h.headers().status() != null
                        && h.headers().status().charAt(0) == '1') {
                    return;
                }
                if (headers == null) {
                    headers = h.headers();
                }
                end = h.isEndStream();
            } else if (frame instanceof Http2DataFrame d) {
                ByteBuf content = d.content();
                byte[] bytes = new byte[content.readableBytes()];
                content.readBytes(bytes);
                body.writeBytes(bytes);
                end = d.isEndStream();
            }
            if (end) {
                result.complete(new Response(headers, body.toByteArray(), false));
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (headers != null) {
                result.complete(new Response(headers, body.toByteArray(), true));
            } else {
                result.completeExceptionally(new IOException("stream closed without a response"));
            }
        }
    }
}
