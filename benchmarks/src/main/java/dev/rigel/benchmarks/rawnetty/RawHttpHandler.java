package dev.rigel.benchmarks.rawnetty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rigel.benchmarks.common.BenchData;
import dev.rigel.benchmarks.common.BenchUser;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Answers the benchmark routes straight from the request heads Netty's {@code HttpRequestDecoder}
 * produces, on the event loop, one connection per instance.
 *
 * <p>What makes it fast, each measured against Vert.x (benchmarks/README.md): responses are
 * encoded by hand into one pooled direct buffer from pre-encoded heads ({@link ResponseHead})
 * instead of going through a header map and {@code HttpResponseEncoder}; the request body is
 * never aggregated (a GET's is dropped as it arrives); and responses are written without a flush,
 * which happens once at the end of each read, so a batch of pipelined requests costs one write
 * syscall.
 *
 * <p>What keeps it correct: responses leave in request order (each is written when its head is
 * read); HTTP/1.1 keeps the connection unless the client says {@code close}; HTTP/1.0 keeps it
 * only on {@code keep-alive} and then says so; a closing response says {@code connection: close}
 * and the connection closes once it is written, with nothing read after it answered; every
 * response has content-length, date and server; HEAD gets the GET's head without the body;
 * methods other than GET and HEAD get 405 and a close (the body they may carry is not read);
 * a request Netty cannot decode gets 400 and a close.
 */
public final class RawHttpHandler extends ChannelInboundHandlerAdapter {

    private static final String JSON_TYPE = "application/json";
    private static final byte[] PLAINTEXT = "Hello, World!".getBytes(StandardCharsets.UTF_8);
    private static final byte[] JSON = "{\"message\":\"Hello, World!\"}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] EMPTY = new byte[0];

    private static final ResponseHead PLAINTEXT_OK =
            ResponseHead.of("200 OK", "text/plain; charset=utf-8", PLAINTEXT.length);
    private static final ResponseHead JSON_OK = ResponseHead.of("200 OK", JSON_TYPE, JSON.length);
    private static final ResponseHead JSON_OK_ANY_LENGTH = ResponseHead.of("200 OK", JSON_TYPE);
    private static final ResponseHead UNAUTHORIZED = ResponseHead.of("401 Unauthorized", null, 0);
    private static final ResponseHead NOT_FOUND = ResponseHead.of("404 Not Found", null, 0);
    private static final ResponseHead BAD_REQUEST = ResponseHead.of("400 Bad Request", null, 0);
    private static final ResponseHead NOT_ALLOWED =
            ResponseHead.of("405 Method Not Allowed", null, 0).withField("allow", "GET, HEAD");

    private static final String USERS = "/api/v1/users";
    private static final String USER_PREFIX = "/api/v1/users/";
    private static final byte[] TOKEN = BenchData.TOKEN.getBytes(StandardCharsets.UTF_8);
    private static final BenchData DATA = new BenchData();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** A response was written during the current read and awaits the flush at its end. */
    private boolean flushPending;
    /** A closing response was sent: whatever else arrives is dropped. */
    private boolean closing;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof HttpRequest request && !closing) {
                serve(ctx, request);
            }
        } finally {
            ReferenceCountUtil.release(msg); // a body chunk, or a full request Netty made of a failed head
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (flushPending) {
            flushPending = false;
            ctx.flush();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    private void serve(ChannelHandlerContext ctx, HttpRequest request) {
        if (request.decoderResult().isFailure()) {
            send(ctx, BAD_REQUEST, EMPTY, false, false, true);
            return;
        }
        HttpMethod method = request.method();
        boolean head = method == HttpMethod.HEAD;
        if (method != HttpMethod.GET && !head) {
            send(ctx, NOT_ALLOWED, EMPTY, false, false, true);
            return;
        }
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        boolean http10 = request.protocolVersion() == HttpVersion.HTTP_1_0;
        String uri = request.uri();
        if (uri.equals("/plaintext")) {
            send(ctx, PLAINTEXT_OK, PLAINTEXT, head, http10, !keepAlive);
        } else if (uri.equals("/json")) {
            send(ctx, JSON_OK, JSON, head, http10, !keepAlive);
        } else if (uri.startsWith(USERS)) {
            String auth = request.headers().get(HttpHeaderNames.AUTHORIZATION);
            if (auth == null || !MessageDigest.isEqual(TOKEN, auth.trim().getBytes(StandardCharsets.UTF_8))) {
                send(ctx, UNAUTHORIZED, EMPTY, head, http10, !keepAlive);
            } else if (uri.equals(USERS)) {
                send(ctx, JSON_OK_ANY_LENGTH, encode(DATA.users()), head, http10, !keepAlive);
            } else {
                BenchUser user = user(uri);
                if (user == null) {
                    send(ctx, NOT_FOUND, EMPTY, head, http10, !keepAlive);
                } else {
                    send(ctx, JSON_OK_ANY_LENGTH, encode(user), head, http10, !keepAlive);
                }
            }
        } else {
            send(ctx, NOT_FOUND, EMPTY, head, http10, !keepAlive);
        }
    }

    private static BenchUser user(String uri) {
        try {
            return DATA.user(Long.parseLong(uri.substring(USER_PREFIX.length())));
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            return null; // not a user id
        }
    }

    /**
     * Writes one response. A keep-alive response waits for the flush at the end of the read; a
     * closing one is flushed now (with everything written before it) and closes the connection.
     */
    private void send(
            ChannelHandlerContext ctx, ResponseHead status, byte[] body, boolean head, boolean http10, boolean close) {
        ByteBuf out = ctx.alloc().ioBuffer(status.maxSize() + (head ? 0 : body.length));
        ResponseHead.Connection connection =
                close ? ResponseHead.Connection.CLOSE : http10 ? ResponseHead.Connection.KEEP_ALIVE : null;
        status.write(out, body.length, connection);
        if (!head) {
            out.writeBytes(body);
        }
        if (close) {
            closing = true;
            flushPending = false;
            ctx.writeAndFlush(out).addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.write(out, ctx.voidPromise());
            flushPending = true;
        }
    }

    private static byte[] encode(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
