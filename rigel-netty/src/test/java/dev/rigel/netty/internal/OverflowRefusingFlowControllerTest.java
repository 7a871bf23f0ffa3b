package dev.rigel.netty.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http2.DefaultHttp2Connection;
import io.netty.handler.codec.http2.DefaultHttp2FrameWriter;
import io.netty.handler.codec.http2.DefaultHttp2LocalFlowController;
import io.netty.handler.codec.http2.Http2Connection;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2LocalFlowController;
import io.netty.handler.codec.http2.Http2Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The flow controller's books after DATA past a window: what the connection holds unconsumed is
 * what its streams hold, so the bytes the application later reads, and those a stream gives back
 * when it closes, go back to the connection without Netty's "too many bytes" error. The tests
 * play the calls Netty's decoder makes for a refused frame ({@link #receiveAsTheDecoderDoes}).
 */
class OverflowRefusingFlowControllerTest {

    private static final int FRAME = 16 * 1024;

    private final EmbeddedChannel channel = new EmbeddedChannel(new ChannelInboundHandlerAdapter());
    private final Http2Connection connection = new DefaultHttp2Connection(true);
    private Http2LocalFlowController flow;
    private Http2Stream stream;

    @BeforeEach
    void setUp() throws Http2Exception {
        DefaultHttp2LocalFlowController netty = new DefaultHttp2LocalFlowController(connection);
        netty.frameWriter(new DefaultHttp2FrameWriter());
        connection.local().flowController(netty);
        OverflowRefusingFlowController.install(connection);
        flow = connection.local().flowController();
        ChannelHandlerContext ctx = channel.pipeline().firstContext();
        flow.channelHandlerContext(ctx);
        stream = connection.remote().createStream(1, false);
    }

    @Test
    void dataPastTheConnectionWindowIsAConnectionErrorAndCountsNowhere() throws Http2Exception {
        // both windows are 65,535 bytes: the fourth 16 KiB frame overflows them, the connection's first
        receive(3);
        assertThatThrownBy(() -> receive(1)).isInstanceOfSatisfying(Http2Exception.class, e -> {
            assertThat(e.error()).isEqualTo(Http2Error.FLOW_CONTROL_ERROR);
            assertThat(e).isNotInstanceOf(Http2Exception.StreamException.class);
        });

        assertThat(flow.unconsumedBytes(connection.connectionStream())).isEqualTo(3 * FRAME);
        assertThat(flow.unconsumedBytes(stream)).isEqualTo(3 * FRAME);
        applicationReadsAndStreamCloses();
    }

    @Test
    void dataPastAStreamWindowIsAStreamErrorCountedOnlyOnTheConnection() throws Http2Exception {
        flow.incrementWindowSize(connection.connectionStream(), 65_535); // room on the connection
        int connectionWindow = flow.windowSize(connection.connectionStream());
        receive(3);
        assertThatThrownBy(() -> receive(1)).isInstanceOfSatisfying(Http2Exception.StreamException.class, e -> {
            assertThat(e.error()).isEqualTo(Http2Error.FLOW_CONTROL_ERROR);
            assertThat(e.streamId()).isEqualTo(1);
        });

        assertThat(flow.unconsumedBytes(connection.connectionStream())).isEqualTo(3 * FRAME);
        assertThat(flow.unconsumedBytes(stream)).isEqualTo(3 * FRAME);
        // the peer spent the refused frame's bytes of the connection's window: they count, and are given back
        assertThat(flow.windowSize(connection.connectionStream())).isEqualTo(connectionWindow - 4 * FRAME);
        applicationReadsAndStreamCloses();
    }

    @Test
    void dataWithinTheWindowsIsCountedAsNettyCountsIt() throws Http2Exception {
        receive(2);
        flow.consumeBytes(stream, FRAME);
        assertThat(flow.unconsumedBytes(connection.connectionStream())).isEqualTo(FRAME);
        assertThat(flow.unconsumedBytes(stream)).isEqualTo(FRAME);
    }

    private void receive(int frames) throws Http2Exception {
        for (int i = 0; i < frames; i++) {
            flow.receiveFlowControlledFrame(stream, Unpooled.wrappedBuffer(new byte[FRAME]), 0, false);
        }
    }

    /**
     * One frame as {@code DefaultHttp2ConnectionDecoder.onDataRead} hands it over: when receiving
     * throws, it corrects the bytes to give back by what the stream's unconsumed count moved, and
     * gives them back (in a {@code finally}) before the error goes on.
     */
    private void receiveAsTheDecoderDoes() throws Http2Exception {
        int unconsumed = flow.unconsumedBytes(stream);
        int bytesToReturn = FRAME;
        try {
            flow.receiveFlowControlledFrame(stream, Unpooled.wrappedBuffer(new byte[FRAME]), 0, false);
        } catch (Http2Exception e) {
            bytesToReturn -= unconsumed - flow.unconsumedBytes(stream);
            throw e;
        } finally {
            flow.consumeBytes(stream, bytesToReturn);
        }
    }

    private void applicationReadsAndStreamCloses() throws Http2Exception {
        flow.consumeBytes(stream, 3 * FRAME);
        stream.close(); // Netty's controller gives back what the stream still holds
        assertThat(flow.unconsumedBytes(connection.connectionStream())).isZero();
    }
}
