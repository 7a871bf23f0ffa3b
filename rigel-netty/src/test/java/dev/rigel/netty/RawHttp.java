package dev.rigel.netty;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A deliberately dumb HTTP/1.x client on a plain socket, so tests control the exact bytes on
 * the wire (pipelining, partial requests, malformed input) and see the exact framing back.
 */
final class RawHttp implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    RawHttp(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(5000);
        socket.setTcpNoDelay(true);
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    RawHttp write(String text) throws IOException {
        return write(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    RawHttp write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    void timeout(int millis) throws IOException {
        socket.setSoTimeout(millis);
    }

    Response read() throws IOException {
        return read(false);
    }

    /** Reads one response; {@code head} says the request was HEAD (so no body follows). */
    Response read(boolean head) throws IOException {
        String statusLine = line();
        if (statusLine == null) {
            throw new IOException("connection closed before a response");
        }
        String[] parts = statusLine.split(" ", 3);
        int status = Integer.parseInt(parts[1]);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        String line;
        while ((line = line()) != null && !line.isEmpty()) {
            int colon = line.indexOf(':');
            headers.computeIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(line.substring(colon + 1).trim());
        }
        byte[] body;
        String te = first(headers, "transfer-encoding");
        String cl = first(headers, "content-length");
        if (head || status < 200 || status == 204 || status == 304) {
            body = new byte[0];
        } else if (te != null && te.equalsIgnoreCase("chunked")) {
            body = chunked();
        } else if (cl != null) {
            body = in.readNBytes(Integer.parseInt(cl));
        } else {
            body = in.readAllBytes();
        }
        return new Response(statusLine, status, headers, body);
    }

    /** True once the server has closed the connection (EOF), false if it is still open after the wait. */
    /** Reads raw bytes until what was read ends with {@code marker}; returns them as text. */
    String readUntil(String marker) throws IOException {
        StringBuilder seen = new StringBuilder();
        while (!seen.toString().endsWith(marker)) {
            int c = in.read();
            if (c == -1) {
                throw new IOException("connection closed before " + marker + "; got " + seen);
            }
            seen.append((char) c);
        }
        return seen.toString();
    }

    boolean closedByServer(int waitMillis) throws IOException {
        socket.setSoTimeout(waitMillis);
        try {
            return in.read() == -1;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    private byte[] chunked() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = line();
            int size = Integer.parseInt(sizeLine.split(";")[0].trim(), 16);
            if (size == 0) {
                String trailer;
                while ((trailer = line()) != null && !trailer.isEmpty()) {
                    // trailers ignored
                }
                return body.toByteArray();
            }
            body.write(in.readNBytes(size));
            line();
        }
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

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null ? null : values.get(0);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    record Response(String statusLine, int status, Map<String, List<String>> headers, byte[] body) {
        String header(String name) {
            return first(headers, name.toLowerCase(Locale.ROOT));
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }
}
