package dev.rigel.netty.internal;

import dev.rigel.protocol.Headers;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.DefaultByteBufHolder;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;

/**
 * A complete HTTP/1 response with a body, already encoded to bytes: head and body in one pooled
 * buffer, written by the sending thread. This is the common response, and Netty's way (a header
 * map per response, then {@code HttpResponseEncoder} walking it on the event loop) cost a map,
 * an entry per field, a string per Content-Length and a second buffer for the body; here the
 * application's fields are copied once, straight to the wire format. Encoding on the sending
 * thread also means a handler on a virtual thread does this work off the event loop, and that the
 * application may reuse its {@link Headers} as soon as its send returns.
 *
 * <p>{@link Http1ResponseEncoder} passes the bytes on; unusual responses (no body by rule, 205, a
 * HEAD request) keep going through Netty's encoder, which knows their special framing.
 */
final class Http1EncodedResponse extends DefaultByteBufHolder {

    private static final byte[] CONTENT_LENGTH = "content-length: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CLOSE = "connection: close\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] KEEP_ALIVE = "connection: keep-alive\r\n".getBytes(StandardCharsets.US_ASCII);
    /** Status lines by code, per version; made on first use (equal values, so races are harmless). */
    private static final byte[][] STATUS_LINES_11 = new byte[1000][];

    private static final byte[][] STATUS_LINES_10 = new byte[1000][];

    private Http1EncodedResponse(ByteBuf bytes) {
        super(bytes);
    }

    /**
     * Encodes a response: the status line; the application's fields except those whose bit is
     * set in {@code dropped} (field {@code i} is bit {@code i}; the caller has validated them);
     * then date and server when given (null when the application set its own), content-length,
     * and the connection field when {@code connection} is not null; then the body.
     */
    static Http1EncodedResponse encode(
            ByteBufAllocator alloc,
            HttpVersion version,
            int status,
            Headers headers,
            long dropped,
            byte[] dateLine,
            byte[] serverLine,
            ConnectionField connection,
            byte[] body) {
        byte[] statusLine = statusLine(version, status);
        int size = statusLine.length + CONTENT_LENGTH.length + 12 + 2;
        int fields = headers.size();
        for (int i = 0; i < fields; i++) {
            if ((dropped & (1L << i)) == 0) {
                size += headers.nameAt(i).length() + headers.valueAt(i).length() + 4;
            }
        }
        size += (dateLine == null ? 0 : dateLine.length) + (serverLine == null ? 0 : serverLine.length);
        size += connection == null ? 0 : KEEP_ALIVE.length;
        // The head is put together in a heap array and copied to the pooled (direct) buffer in one
        // go: written there a byte at a time, each byte went through the JDK's checks on a direct
        // ByteBuffer (4.7% of the seed's samples on a cached read, JFR).
        byte[] head = new byte[size];
        int at = put(head, 0, statusLine);
        for (int i = 0; i < fields; i++) {
            if ((dropped & (1L << i)) == 0) {
                at = putAscii(head, at, headers.nameAt(i));
                head[at++] = ':';
                head[at++] = ' ';
                at = putAscii(head, at, headers.valueAt(i));
                head[at++] = '\r';
                head[at++] = '\n';
            }
        }
        if (dateLine != null) {
            at = put(head, at, dateLine);
        }
        if (serverLine != null) {
            at = put(head, at, serverLine);
        }
        at = put(head, at, CONTENT_LENGTH);
        at = putDecimal(head, at, body.length);
        head[at++] = '\r';
        head[at++] = '\n';
        if (connection == ConnectionField.CLOSE) {
            at = put(head, at, CLOSE);
        } else if (connection == ConnectionField.KEEP_ALIVE) {
            at = put(head, at, KEEP_ALIVE);
        }
        head[at++] = '\r';
        head[at++] = '\n';
        ByteBuf out = alloc.buffer(at + body.length);
        out.writeBytes(head, 0, at);
        out.writeBytes(body);
        return new Http1EncodedResponse(out);
    }

    /** The connection field a response carries, when it carries one. */
    enum ConnectionField {
        CLOSE,
        KEEP_ALIVE
    }

    /** {@code name: value\r\n} as bytes, for a field the server adds to every response. */
    static byte[] fieldLine(CharSequence name, CharSequence value) {
        return (name + ": " + value + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] statusLine(HttpVersion version, int code) {
        byte[][] lines = version == HttpVersion.HTTP_1_0 ? STATUS_LINES_10 : STATUS_LINES_11;
        byte[] line = lines[code];
        if (line == null) {
            HttpResponseStatus status = HttpFields.status(code);
            line = (version.text() + " " + status.codeAsText() + " " + status.reasonPhrase() + "\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1);
            lines[code] = line;
        }
        return line;
    }

    private static int put(byte[] to, int at, byte[] bytes) {
        System.arraycopy(bytes, 0, to, at, bytes.length);
        return at + bytes.length;
    }

    /** One byte per char, as Netty's own encoding of a String field ('?' above Latin-1); validated: no CR, LF or NUL. */
    private static int putAscii(byte[] to, int at, String text) {
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            to[at++] = c > 255 ? (byte) '?' : (byte) c;
        }
        return at;
    }

    private static int putDecimal(byte[] to, int at, int value) {
        int end = at + 1;
        for (int rest = value / 10; rest > 0; rest /= 10) {
            end++;
        }
        int digit = end;
        int rest = value;
        do {
            to[--digit] = (byte) ('0' + rest % 10);
            rest /= 10;
        } while (rest > 0);
        return end;
    }
}
