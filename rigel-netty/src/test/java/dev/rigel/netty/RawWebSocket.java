package dev.rigel.netty;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * A WebSocket client on a plain socket that writes and reads frames byte by byte, so tests can
 * send what no well-behaved client would (unmasked frames, broken UTF-8, oversized frames) and
 * see exactly which frames come back (opcodes, RSV bits, close codes).
 */
final class RawWebSocket implements AutoCloseable {

    /** The RFC 6455 example key, whose accept value is known: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=. */
    static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";

    static final String ACCEPT = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";

    static final int CONTINUATION = 0;
    static final int TEXT = 1;
    static final int BINARY = 2;
    static final int CLOSE = 8;
    static final int PING = 9;
    static final int PONG = 10;

    record Frame(boolean fin, int rsv, int opcode, byte[] payload) {
        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        int closeCode() {
            return payload.length < 2 ? 1005 : ((payload[0] & 0xff) << 8) | (payload[1] & 0xff);
        }

        String closeReason() {
            return payload.length <= 2 ? "" : new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8);
        }
    }

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    final int status;
    final Map<String, List<String>> headers = new LinkedHashMap<>();
    final byte[] body;

    private RawWebSocket(int port, String method, String path, String extraHeaders) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(5000);
        socket.setTcpNoDelay(true);
        in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
        out = socket.getOutputStream();
        out.write((method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n" + extraHeaders + "\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        String statusLine = line();
        if (statusLine == null) {
            throw new EOFException("connection closed before the handshake response");
        }
        status = Integer.parseInt(statusLine.split(" ", 3)[1]);
        String line;
        while ((line = line()) != null && !line.isEmpty()) {
            int colon = line.indexOf(':');
            headers.computeIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(line.substring(colon + 1).trim());
        }
        String length = header("content-length");
        body = status == 101 || length == null ? new byte[0] : in.readNBytes(Integer.parseInt(length));
    }

    /** A standard handshake for {@code path} plus {@code extraHeaders} (each "Name: value"). */
    static RawWebSocket connect(int port, String path, String... extraHeaders) throws IOException {
        StringBuilder headers = new StringBuilder("Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: "
                + KEY + "\r\nSec-WebSocket-Version: 13\r\n");
        for (String header : extraHeaders) {
            headers.append(header).append("\r\n");
        }
        return new RawWebSocket(port, "GET", path, headers.toString());
    }

    /** Sends exactly {@code headerLines} (each ending in CRLF) after the request line and Host. */
    static RawWebSocket handshake(int port, String method, String path, String headerLines) throws IOException {
        return new RawWebSocket(port, method, path, headerLines);
    }

    String header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null ? null : values.get(0);
    }

    String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    // ---- writing

    void send(boolean fin, int rsv, int opcode, byte[] payload, boolean masked) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
        frame.write((fin ? 0x80 : 0) | (rsv << 4) | opcode);
        int maskBit = masked ? 0x80 : 0;
        if (payload.length < 126) {
            frame.write(maskBit | payload.length);
        } else if (payload.length <= 0xffff) {
            frame.write(maskBit | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length & 0xff);
        } else {
            frame.write(maskBit | 127);
            frame.writeBytes(ByteBuffer.allocate(8).putLong(payload.length).array());
        }
        byte[] data = payload;
        if (masked) {
            byte[] mask = new byte[4];
            ThreadLocalRandom.current().nextBytes(mask);
            frame.writeBytes(mask);
            data = new byte[payload.length];
            for (int i = 0; i < payload.length; i++) {
                data[i] = (byte) (payload[i] ^ mask[i & 3]);
            }
        }
        frame.writeBytes(data);
        out.write(frame.toByteArray());
        out.flush();
    }

    /** Writes {@code bytes} as they are: frames (or anything else) built by the caller. */
    void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    void sendText(String text) throws IOException {
        send(true, 0, TEXT, text.getBytes(StandardCharsets.UTF_8), true);
    }

    void sendClose(int code, String reason) throws IOException {
        byte[] text = reason.getBytes(StandardCharsets.UTF_8);
        byte[] payload = new byte[2 + text.length];
        payload[0] = (byte) (code >>> 8);
        payload[1] = (byte) code;
        System.arraycopy(text, 0, payload, 2, text.length);
        send(true, 0, CLOSE, payload, true);
    }

    // ---- reading

    /** The next frame from the server; EOF if the connection closed. */
    Frame read() throws IOException {
        int first = in.readUnsignedByte();
        int second = in.readUnsignedByte();
        long length = second & 0x7f;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        byte[] mask = null;
        if ((second & 0x80) != 0) {
            mask = in.readNBytes(4);
        }
        byte[] payload = in.readNBytes((int) length);
        if (mask != null) {
            for (int i = 0; i < payload.length; i++) {
                payload[i] ^= mask[i & 3];
            }
        }
        return new Frame((first & 0x80) != 0, (first >>> 4) & 7, first & 0x0f, payload);
    }

    /** True once the server has closed the connection (EOF or reset), false if it is still open after the wait. */
    boolean closedByServer(int waitMillis) throws IOException {
        socket.setSoTimeout(waitMillis);
        try {
            while (true) {
                read(); // skip whatever else comes first
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException endOrReset) {
            return true;
        } finally {
            socket.setSoTimeout(5000);
        }
    }

    void timeout(int millis) throws IOException {
        socket.setSoTimeout(millis);
    }

    private String line() throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                int len = sb.length();
                if (len > 0 && sb.charAt(len - 1) == '\r') {
                    sb.setLength(len - 1);
                }
                return sb.toString();
            }
            sb.append((char) c);
        }
        return sb.isEmpty() ? null : sb.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    // ---- permessage-deflate (RFC 7692 7.2.1): raw deflate with the 00 00 ff ff tail left off

    static byte[] deflate(byte[] data) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        deflater.setInput(data);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        while ((n = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH)) > 0) {
            out.write(buffer, 0, n);
        }
        deflater.end();
        byte[] all = out.toByteArray();
        return java.util.Arrays.copyOf(all, all.length - 4);
    }

    static byte[] inflate(byte[] data) throws Exception {
        Inflater inflater = new Inflater(true);
        byte[] input = java.util.Arrays.copyOf(data, data.length + 4);
        input[data.length + 2] = (byte) 0xff;
        input[data.length + 3] = (byte) 0xff;
        inflater.setInput(input);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        while ((n = inflater.inflate(buffer)) > 0) {
            out.write(buffer, 0, n);
        }
        inflater.end();
        return out.toByteArray();
    }
}
