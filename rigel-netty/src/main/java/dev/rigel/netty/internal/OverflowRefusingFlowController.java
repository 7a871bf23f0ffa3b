package dev.rigel.netty.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http2.Http2Connection;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2FrameWriter;
import io.netty.handler.codec.http2.Http2LocalFlowController;
import io.netty.handler.codec.http2.Http2Stream;

/**
 * Netty's local flow controller, with DATA past a window (RFC 9113 6.9.1) refused before it is
 * counted.
 *
 * <p>Why: when DATA overflows a window, Netty's controller has already taken the bytes off the
 * window it throws for, and the decoder then hands the frame's bytes back through {@link
 * #consumeBytes} to the stream, which never counted them. The books no longer balance, and when
 * the stream closes Netty logs an ERROR ("Attempting to return too many bytes for stream 0") for
 * what is only a client breaking the protocol. Here the overflow is found first: a frame that
 * does not fit the connection's window is a connection error, one that does not fit its stream's
 * window is a stream error, and the bytes the decoder then hands back for that frame are ignored.
 * A refused stream frame still counts against the connection's window (the peer counted it) and
 * is given back to it at once, as Netty does for frames on closed streams.
 */
final class OverflowRefusingFlowController implements Http2LocalFlowController {

    private final Http2LocalFlowController delegate;
    private final Http2Stream connectionStream;

    /** The stream whose refused frame's bytes the decoder is about to hand back, else null. */
    private Http2Stream refusedStream;

    private int refusedBytes;

    private OverflowRefusingFlowController(Http2LocalFlowController delegate, Http2Stream connectionStream) {
        this.delegate = delegate;
        this.connectionStream = connectionStream;
    }

    /** Puts this in front of the connection's local flow controller. */
    static void install(Http2Connection connection) {
        connection
                .local()
                .flowController(new OverflowRefusingFlowController(
                        connection.local().flowController(), connection.connectionStream()));
    }

    @Override
    public void receiveFlowControlledFrame(Http2Stream stream, ByteBuf data, int padding, boolean endOfStream)
            throws Http2Exception {
        refusedStream = null;
        int length = data.readableBytes() + padding;
        if (length > delegate.windowSize(connectionStream)) {
            refuse(stream, length);
            throw Http2Exception.connectionError(
                    Http2Error.FLOW_CONTROL_ERROR, "DATA of %d bytes past the connection's window", length);
        }
        if (hasWindow(stream) && length > delegate.windowSize(stream)) {
            // counted against (and given back to) the connection only, as for a closed stream
            delegate.receiveFlowControlledFrame(null, data, padding, endOfStream);
            refuse(stream, length);
            throw Http2Exception.streamError(
                    stream.id(),
                    Http2Error.FLOW_CONTROL_ERROR,
                    "DATA of %d bytes past stream %d's window",
                    length,
                    stream.id());
        }
        delegate.receiveFlowControlledFrame(stream, data, padding, endOfStream);
    }

    /** Only active streams have a window of their own; Netty counts others on the connection. */
    private static boolean hasWindow(Http2Stream stream) {
        if (stream == null) {
            return false;
        }
        return switch (stream.state()) {
            case OPEN, HALF_CLOSED_LOCAL, HALF_CLOSED_REMOTE -> true;
            default -> false;
        };
    }

    private void refuse(Http2Stream stream, int length) {
        refusedStream = stream;
        refusedBytes = length;
    }

    @Override
    public boolean consumeBytes(Http2Stream stream, int numBytes) throws Http2Exception {
        if (refusedStream != null && stream == refusedStream && numBytes == refusedBytes) {
            // the decoder handing back the refused frame's bytes, which no window counted
            refusedStream = null;
            return false;
        }
        return delegate.consumeBytes(stream, numBytes);
    }

    @Override
    public Http2LocalFlowController frameWriter(Http2FrameWriter frameWriter) {
        delegate.frameWriter(frameWriter);
        return this;
    }

    @Override
    public int unconsumedBytes(Http2Stream stream) {
        return delegate.unconsumedBytes(stream);
    }

    @Override
    public int initialWindowSize(Http2Stream stream) {
        return delegate.initialWindowSize(stream);
    }

    @Override
    public void channelHandlerContext(ChannelHandlerContext ctx) throws Http2Exception {
        delegate.channelHandlerContext(ctx);
    }

    @Override
    public void initialWindowSize(int newWindowSize) throws Http2Exception {
        delegate.initialWindowSize(newWindowSize);
    }

    @Override
    public int initialWindowSize() {
        return delegate.initialWindowSize();
    }

    @Override
    public int windowSize(Http2Stream stream) {
        return delegate.windowSize(stream);
    }

    @Override
    public void incrementWindowSize(Http2Stream stream, int delta) throws Http2Exception {
        delegate.incrementWindowSize(stream, delta);
    }
}
