package dev.rigel.benchmarks.rawnetty;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A response head encoded once: the status line and the fields that never change for it
 * ({@code server}, {@code content-type}, and {@code content-length} when the body is a constant).
 * Writing a response is then a few bulk copies into one buffer; Netty's {@code HttpResponseEncoder}
 * would instead build a header map and encode every name and value per response.
 */
final class ResponseHead {

    private static final byte[] CONTENT_LENGTH = "content-length: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CLOSE = "connection: close\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] KEEP_ALIVE = "connection: keep-alive\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final short CRLF = ('\r' << 8) | '\n';

    /** How many bytes a head takes at most beyond {@link #fixed}: length, date and connection lines. */
    static final int VARIABLE_PART = 96;

    private final byte[] fixed;
    private final boolean lengthIncluded;

    private ResponseHead(byte[] fixed, boolean lengthIncluded) {
        this.fixed = fixed;
        this.lengthIncluded = lengthIncluded;
    }

    /** A head for bodies of any length: content-length is written per response. */
    static ResponseHead of(String status, String contentType) {
        return new ResponseHead(encode(status, contentType, -1), false);
    }

    /** A head for a body that is always {@code length} bytes long. */
    static ResponseHead of(String status, String contentType, int length) {
        return new ResponseHead(encode(status, contentType, length), true);
    }

    /** This head with one more constant field, e.g. {@code allow}. */
    ResponseHead withField(String name, String value) {
        byte[] line = (name + ": " + value + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] longer = Arrays.copyOf(fixed, fixed.length + line.length);
        System.arraycopy(line, 0, longer, fixed.length, line.length);
        return new ResponseHead(longer, lengthIncluded);
    }

    private static byte[] encode(String status, String contentType, int length) {
        StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append("\r\n");
        head.append("server: raw-netty\r\n");
        if (contentType != null) {
            head.append("content-type: ").append(contentType).append("\r\n");
        }
        if (length >= 0) {
            head.append("content-length: ").append(length).append("\r\n");
        }
        return head.toString().getBytes(StandardCharsets.US_ASCII);
    }

    int maxSize() {
        return fixed.length + VARIABLE_PART;
    }

    /**
     * Writes the head for a body of {@code length} bytes. {@code connection} is what the client
     * must be told about the connection: null for nothing (the protocol's default holds),
     * otherwise close or keep-alive.
     */
    void write(ByteBuf out, int length, Connection connection) {
        out.writeBytes(fixed);
        if (!lengthIncluded) {
            out.writeBytes(CONTENT_LENGTH);
            writeDecimal(out, length);
            out.writeShort(CRLF);
        }
        out.writeBytes(DateLine.now());
        if (connection == Connection.CLOSE) {
            out.writeBytes(CLOSE);
        } else if (connection == Connection.KEEP_ALIVE) {
            out.writeBytes(KEEP_ALIVE);
        }
        out.writeShort(CRLF);
    }

    /** The connection field a response carries, if any. */
    enum Connection {
        CLOSE,
        KEEP_ALIVE
    }

    private static void writeDecimal(ByteBuf out, int value) {
        if (value >= 10) {
            writeDecimal(out, value / 10);
        }
        out.writeByte('0' + value % 10);
    }
}
