package dev.rigel.testing.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * Sends one HTTP/1.1 request over a plain socket with the request target exactly as given: no
 * client normalises {@code ..} or decodes {@code %2e} on the way, so path traversal attempts
 * reach the server as an attacker would send them.
 */
public final class RawHttp {

    private RawHttp() {}

    /** The status code the server at {@code base} answers {@code GET target} with. */
    public static int status(URI base, String target) throws IOException {
        String response = get(base, target);
        return Integer.parseInt(response.substring(response.indexOf(' ') + 1, response.indexOf(' ') + 4));
    }

    /** The whole response (status line, headers, body) to {@code GET target}, as ISO-8859-1 text. */
    public static String get(URI base, String target) throws IOException {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + target + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                            + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
