package dev.rigel.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersEncoder;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2Exception;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;

/**
 * An HTTP/2 client (prior knowledge) on a plain socket that writes frames byte by byte, so tests
 * can break the rules a real client's codec enforces (flow-control windows, reset storms) and
 * see exactly which frames and error codes come back. Header blocks are HPACK-encoded by Netty.
 */
final class RawH2 implements AutoCloseable {

    static final int DATA = 0;
    static final int HEADERS = 1;
    static final int RST_STREAM = 3;
    static final int SETTINGS = 4;
    static final int GOAWAY = 7;
    static final int WINDOW_UPDATE = 8;

    static final int END_STREAM = 0x1;
    static final int END_HEADERS = 0x4;

    static final long NO_ERROR = 0x0;
    static final long PROTOCOL_ERROR = 0x1;
    static final long FLOW_CONTROL_ERROR = 0x3;
    static final long CANCEL = 0x8;
    static final long ENHANCE_YOUR_CALM = 0xb;

    record Frame(int type, int flags, int streamId, byte[] payload) {
        /** The error code of a RST_STREAM or GOAWAY. */
        long errorCode() {
            int at = type == GOAWAY ? 4 : 0;
            return ByteBuffer.wrap(payload, at, 4).getInt() & 0xffffffffL;
        }
    }

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final DefaultHttp2HeadersEncoder hpack = new DefaultHttp2HeadersEncoder();
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    /** Connects and queues the connection preface and an empty SETTINGS frame (sent with the first {@link #flush}). */
    RawH2(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(5000);
        socket.setTcpNoDelay(true);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
        ByteBuf preface = Http2CodecUtil.connectionPrefaceBuf();
        byte[] bytes = new byte[preface.readableBytes()];
        preface.readBytes(bytes);
        preface.release();
        pending.writeBytes(bytes);
        frame(SETTINGS, 0, 0, new byte[0]);
    }

    /** Queues a frame; nothing is sent before {@link #flush}, so a burst goes out in one write. */
    RawH2 frame(int type, int flags, int streamId, byte[] payload) {
        pending.write(payload.length >>> 16);
        pending.write(payload.length >>> 8);
        pending.write(payload.length);
        pending.write(type);
        pending.write(flags);
        pending.writeBytes(ByteBuffer.allocate(4).putInt(streamId).array());
        pending.writeBytes(payload);
        return this;
    }

    /** Queues a request's HEADERS, ending the stream unless a body follows. */
    RawH2 headers(int streamId, String method, String path, boolean endStream) throws Http2Exception {
        ByteBuf block = Unpooled.buffer();
        try {
            hpack.encodeHeaders(
                    streamId,
                    new DefaultHttp2Headers()
                            .method(method)
                            .path(path)
                            .scheme("http")
                            .authority("127.0.0.1:" + socket.getPort()),
                    block);
            byte[] bytes = new byte[block.readableBytes()];
            block.readBytes(bytes);
            return frame(HEADERS, END_HEADERS | (endStream ? END_STREAM : 0), streamId, bytes);
        } finally {
            block.release();
        }
    }

    RawH2 rstStream(int streamId, long errorCode) {
        return frame(
                RST_STREAM,
                0,
                streamId,
                ByteBuffer.allocate(4).putInt((int) errorCode).array());
    }

    RawH2 windowUpdate(int streamId, int increment) {
        return frame(
                WINDOW_UPDATE,
                0,
                streamId,
                ByteBuffer.allocate(4).putInt(increment).array());
    }

    RawH2 flush() throws IOException {
        out.write(pending.toByteArray());
        out.flush();
        pending.reset();
        return this;
    }

    /** The next frame from the server; an IOException at EOF. */
    Frame read() throws IOException {
        int length = in.readUnsignedByte() << 16 | in.readUnsignedByte() << 8 | in.readUnsignedByte();
        int type = in.readUnsignedByte();
        int flags = in.readUnsignedByte();
        int streamId = in.readInt() & 0x7fffffff;
        return new Frame(type, flags, streamId, in.readNBytes(length));
    }

    /** Skips frames until one of {@code type} (on {@code streamId}, or any stream when negative) arrives. */
    Frame await(int type, int streamId) throws IOException {
        while (true) {
            Frame frame = read();
            if (frame.type() == type && (streamId < 0 || frame.streamId() == streamId)) {
                return frame;
            }
        }
    }

    /** True once the server has closed the connection, after whatever frames it still sent. */
    boolean closedByServer() throws IOException {
        try {
            while (true) {
                read();
            }
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (IOException endOrReset) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
