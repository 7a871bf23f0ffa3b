package dev.rigel.netty.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpServerUpgradeHandler;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ByteProcessor;
import java.util.List;

/**
 * Netty's request decoder, refusing three leniencies it has no switch for (RFC 9112): a request
 * line whose parts are separated by anything but one space (Netty also splits on tabs and runs of
 * whitespace), an HTTP-name that is not exactly {@code HTTP} (Netty upper-cases {@code http/1.1}),
 * and obs-fold, a header line continued on the next line by leading whitespace (Netty joins it
 * to the previous value; RFC 9112 5.2 lets a server reject it). Such a request comes out with a
 * failed decoder result, which {@link Http1RequestReader} answers with 400. Netty splits the line
 * and the header fields; this only looks at the bytes it split them from. Tells {@link
 * Http1ResponseEncoder} about every request, as Netty's {@code HttpServerCodec} does internally,
 * and knows whether a request head is partly here ({@link #midHead}).
 */
final class Http1RequestDecoder extends HttpRequestDecoder implements HttpServerUpgradeHandler.SourceCodec {

    private final Http1ResponseEncoder encoder;

    /** Where the method and the request target end in the request line being split. */
    private int methodEnd;

    private int targetEnd;
    /** The bytes being decoded belong to a request head, not a body. */
    private boolean inHead = true;
    /** The last head byte seen ended a line. */
    private boolean lineStart = true;
    /** The head seen so far has a line that starts with whitespace: obs-fold. */
    private boolean folded;
    /** Bytes of a head other than the empty lines a client may send before it have been consumed. */
    private boolean headBegun;
    /** Part of a request head is here and the rest is not (see {@link #midHead}). */
    private boolean midHead;

    Http1RequestDecoder(HttpDecoderConfig config, Http1ResponseEncoder encoder) {
        super(config);
        this.encoder = encoder;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
        int from = in.readerIndex();
        int before = out.size();
        super.decode(ctx, in, out);
        // Netty consumes a head whole lines at a time, and never head and body bytes in one call.
        int consumed = in.readerIndex() - from;
        if (inHead && consumed > 0) {
            if (!folded) {
                findFold(in, from, from + consumed);
            }
            if (!headBegun) {
                headBegun = in.forEachByte(from, consumed, ByteProcessor.FIND_NON_CRLF) >= 0;
            }
        }
        for (int i = before; i < out.size(); i++) {
            Object decoded = out.get(i);
            if (decoded instanceof HttpRequest request) {
                if (folded && request.decoderResult().isSuccess()) {
                    request.setDecoderResult(DecoderResult.failure(new IllegalArgumentException("obs-fold")));
                }
                encoder.requestDecoded(request.method());
                inHead = false;
                headBegun = false;
            }
            if (decoded instanceof LastHttpContent) {
                inHead = true;
                lineStart = true;
                folded = false;
            }
        }
        // Unconsumed bytes are an incomplete line: Netty takes a head whole lines at a time.
        midHead = inHead && (headBegun || in.forEachByte(ByteProcessor.FIND_NON_CRLF) >= 0);
    }

    /**
     * Sets {@link #folded} if a line of {@code in[from, to)} starts with whitespace, the first one
     * included when the bytes before it ended a line. Jumps from line end to line end ({@code
     * indexOf} compares eight bytes at a time) instead of looking at every byte of the head.
     */
    private void findFold(ByteBuf in, int from, int to) {
        int next = from;
        while (next < to) {
            if (lineStart && isBlank(in.getByte(next))) {
                folded = true;
                return;
            }
            int lineEnd = in.indexOf(next, to, (byte) '\n');
            if (lineEnd < 0) {
                lineStart = false;
                return;
            }
            lineStart = true;
            next = lineEnd + 1;
        }
    }

    private static boolean isBlank(byte b) {
        return b == ' ' || b == '\t';
    }

    /**
     * Whether, after the last read, a request head has begun to arrive and is incomplete: what
     * the header-read timeout measures. Empty lines before a request do not count (RFC 9112 2.2).
     */
    boolean midHead() {
        return midHead;
    }

    @Override
    protected void handleTransferEncodingChunkedWithContentLength(HttpMessage message) {
        super.handleTransferEncodingChunkedWithContentLength(message);
        encoder.closeAfterResponse();
    }

    @Override
    protected String splitFirstWordInitialLine(byte[] line, int start, int length) {
        methodEnd = start + length;
        return super.splitFirstWordInitialLine(line, start, length);
    }

    @Override
    protected String splitSecondWordInitialLine(byte[] line, int start, int length) {
        requireOneSpace(line, methodEnd, start);
        targetEnd = start + length;
        return super.splitSecondWordInitialLine(line, start, length);
    }

    @Override
    protected String splitThirdWordInitialLine(byte[] line, int start, int length) {
        requireOneSpace(line, targetEnd, start);
        if (length < 5
                || line[start] != 'H'
                || line[start + 1] != 'T'
                || line[start + 2] != 'T'
                || line[start + 3] != 'P'
                || line[start + 4] != '/') {
            throw new IllegalArgumentException("HTTP-name is case-sensitive");
        }
        return super.splitThirdWordInitialLine(line, start, length);
    }

    /** {@code request-line = method SP request-target SP HTTP-version}: exactly one SP between the parts. */
    private static void requireOneSpace(byte[] line, int previousEnd, int start) {
        if (start != previousEnd + 1 || line[previousEnd] != ' ') {
            throw new IllegalArgumentException("request-line parts must be separated by one SP");
        }
    }

    /** An h2c upgrade: the connection stops speaking HTTP/1, both halves go. */
    @Override
    public void upgradeFrom(ChannelHandlerContext ctx) {
        ctx.pipeline().remove(this);
        ctx.pipeline().remove(encoder);
    }
}
