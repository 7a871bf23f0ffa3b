package dev.rigel.netty.internal;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.Utf8FrameValidator;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionData;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionUtil;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketServerExtension;
import io.netty.handler.codec.http.websocketx.extensions.compression.PerMessageDeflateServerExtensionHandshaker;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Turns an HTTP/1.1 connection into a WebSocket once the application accepted it: Netty's
 * handshaker writes the 101 and swaps the HTTP codec for the frame encoder and decoder; then the
 * connection gets, in order, permessage-deflate (when the client offered it and the server allows
 * it; reserved bits are refused unless it was agreed, and then only RSV1 is allowed), UTF-8 validation of text, reassembly of fragmented messages up to the size limit, and the
 * {@link WebSocketFrameHandler} in place of the {@link Http1Handler}.
 *
 * <pre>
 * ... Connection wsencoder wsdecoder [ws-rsv ws-inflate ws-deflate] ws-utf8 ws-aggregator ws-frames
 * </pre>
 */
final class WebSocketUpgrade {

    private WebSocketUpgrade() {}

    /**
     * Event loop: completes the handshake of {@code exchange}, answering with {@code subprotocol}
     * (null for none) and {@code extraHeaders}, then hands the connection over (the HTTP/1 handler
     * lets go of the exchange, the connection learns it is a WebSocket now), replaces the HTTP/1
     * handler and completes {@code upgraded} with the frame handler (or exceptionally, and the
     * connection closes).
     */
    static void perform(
            ChannelHandlerContext http1,
            WebSocketExchange exchange,
            String subprotocol,
            HttpHeaders extraHeaders,
            Dispatcher dispatcher,
            Consumer<WebSocketFrameHandler> handOver,
            CompletableFuture<WebSocketFrameHandler> upgraded) {
        FullHttpRequest request = new DefaultFullHttpRequest(
                HttpVersion.HTTP_1_1,
                HttpMethod.GET,
                exchange.uri,
                Unpooled.EMPTY_BUFFER,
                exchange.requestHeaders,
                EmptyHttpHeaders.INSTANCE);
        WebSocketServerExtension deflate = dispatcher.webSocketCompression()
                ? negotiateDeflate(exchange.requestHeaders, dispatcher.webSocketMaxMessageSize())
                : null;
        // RSV bits only with an extension that defines one (RFC 6455 5.2); WebSocketRsvCheck narrows it to RSV1
        WebSocketDecoderConfig decoding = WebSocketDecoderConfig.newBuilder()
                .maxFramePayloadLength(dispatcher.webSocketMaxFrameSize())
                .allowExtensions(deflate != null)
                .closeOnProtocolViolation(true)
                .build();
        WebSocketServerHandshaker handshaker = new WebSocketServerHandshakerFactory(
                        exchange.scope.scheme() + "://" + exchange.requestHeaders.get(HttpHeaderNames.HOST, "")
                                + exchange.uri,
                        subprotocol,
                        decoding)
                .newHandshaker(request);
        if (deflate != null) {
            extraHeaders.set(HttpHeaderNames.SEC_WEBSOCKET_EXTENSIONS, headerValue(deflate.newReponseData()));
        }
        ChannelPromise handshake = http1.newPromise();
        try {
            // validated when the request arrived, so this only fails if the handshaker disagrees
            handshaker.handshake(http1.channel(), request, extraHeaders, handshake);
        } catch (RuntimeException e) {
            upgraded.completeExceptionally(e);
            http1.close();
            return;
        }
        ChannelHandler http1Handler = http1.handler();
        handshake.addListener(done -> {
            if (!done.isSuccess()) {
                upgraded.completeExceptionally(done.cause());
                http1.channel().close();
                return;
            }
            ChannelPipeline pipeline = http1.pipeline();
            String previous = "wsdecoder";
            if (deflate != null) {
                pipeline.addAfter(previous, "ws-rsv", new WebSocketRsvCheck());
                previous = "ws-rsv";
                pipeline.addAfter(previous, "ws-inflate", deflate.newExtensionDecoder());
                pipeline.addAfter("ws-inflate", "ws-deflate", deflate.newExtensionEncoder());
                previous = "ws-deflate";
            }
            pipeline.addAfter(previous, "ws-utf8", new Utf8FrameValidator(true));
            pipeline.addAfter(
                    "ws-utf8", "ws-aggregator", new WebSocketFrameAggregator(dispatcher.webSocketMaxMessageSize()));
            WebSocketFrameHandler frames = new WebSocketFrameHandler(exchange);
            handOver.accept(frames);
            pipeline.replace(http1Handler, "ws-frames", frames);
            upgraded.complete(frames);
            frames.start();
        });
    }

    /** The first permessage-deflate offer (RFC 7692) the server can agree to, or null. */
    private static WebSocketServerExtension negotiateDeflate(HttpHeaders request, int maxMessageSize) {
        String offers = request.get(HttpHeaderNames.SEC_WEBSOCKET_EXTENSIONS);
        if (offers == null) {
            return null;
        }
        // the inflater's output is capped at the message limit: a small frame cannot inflate into a huge one
        PerMessageDeflateServerExtensionHandshaker deflate = new PerMessageDeflateServerExtensionHandshaker(
                6, false, PerMessageDeflateServerExtensionHandshaker.MAX_WINDOW_SIZE, false, false, maxMessageSize);
        for (WebSocketExtensionData offer : WebSocketExtensionUtil.extractExtensions(offers)) {
            WebSocketServerExtension accepted = deflate.handshakeExtension(offer);
            if (accepted != null) {
                return accepted;
            }
        }
        return null;
    }

    /** {@code name; param; param=value}, the form of a Sec-WebSocket-Extensions entry. */
    private static String headerValue(WebSocketExtensionData data) {
        StringBuilder value = new StringBuilder(data.name());
        for (Map.Entry<String, String> parameter : data.parameters().entrySet()) {
            value.append("; ").append(parameter.getKey());
            if (parameter.getValue() != null) {
                value.append('=').append(parameter.getValue());
            }
        }
        return value.toString();
    }
}
