package dev.rigel.examples.seed;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.1 request written by hand over a socket, for what {@code java.net.http} refuses to
 * send (a request target with a malformed percent-encoding is exactly what a hostile client sends).
 */
final class RawRequest {

    private RawRequest() {}

    /** The status and body of the answer to one request, on a connection of its own. */
    static String[] send(
            URI base,
            String method,
            String target,
            Map<String, String> headers,
            byte[] body,
            String contentType,
            String token) {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            StringBuilder head = new StringBuilder()
                    .append(method)
                    .append(' ')
                    .append(target)
                    .append(" HTTP/1.1\r\nHost: ")
                    .append(base.getHost())
                    .append(':')
                    .append(base.getPort())
                    .append("\r\nConnection: close\r\nAuthorization: Bearer ")
                    .append(token)
                    .append("\r\n");
            headers.forEach((name, value) ->
                    head.append(name).append(": ").append(value).append("\r\n"));
            if (body != null) {
                if (contentType != null) {
                    head.append("Content-Type: ").append(contentType).append("\r\n");
                }
                head.append("Content-Length: ").append(body.length).append("\r\n");
            }
            head.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                out.write(body);
            }
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int headEnd = response.indexOf("\r\n\r\n");
            String status = response.substring(response.indexOf(' ') + 1, response.indexOf(' ') + 4);
            String rest = headEnd < 0 ? "" : response.substring(headEnd + 4);
            boolean chunked = headEnd > 0
                    && response.substring(0, headEnd).toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked");
            return new String[] {status, chunked ? dechunk(rest) : rest};
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + target + " over a raw socket failed", e);
        }
    }

    private static String dechunk(String chunked) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (true) {
            int lineEnd = chunked.indexOf("\r\n", at);
            if (lineEnd < 0) {
                break;
            }
            int size = Integer.parseInt(chunked.substring(at, lineEnd).trim(), 16);
            if (size == 0) {
                break;
            }
            out.writeBytes(chunked.substring(lineEnd + 2, lineEnd + 2 + size).getBytes(StandardCharsets.UTF_8));
            at = lineEnd + 2 + size + 2;
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
