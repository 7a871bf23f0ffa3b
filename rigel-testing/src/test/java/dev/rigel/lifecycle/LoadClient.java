package dev.rigel.lifecycle;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keep-alive HTTP/1.1 clients on raw sockets, counting exactly what they sent and what was
 * answered: each sends a request, reads the whole response, and again; reconnects after
 * {@code Connection: close}; stops when the server refuses to connect (nothing was sent then).
 */
final class LoadClient {

    /** What the clients saw. */
    static final class Tally {
        final AtomicLong sent = new AtomicLong();
        final AtomicLong answered = new AtomicLong();
        final AtomicLong not2xx = new AtomicLong();
        final List<String> losses = Collections.synchronizedList(new ArrayList<>());
        /** Requests that lost the idle-close race after the drain began, which clients retry. */
        final List<String> raced = Collections.synchronizedList(new ArrayList<>());

        final CountDownLatch serving;
        final long graceNanos;
        volatile long signalledNanos;

        Tally(int clients, long graceNanos) {
            this.serving = new CountDownLatch(clients);
            this.graceNanos = graceNanos;
        }
    }

    /** A response as read: its status, its body, whether it closes the connection. */
    record Response(int status, boolean close, String body) {}

    private LoadClient() {}

    static void run(int port, String path, Tally tally, long untilNanos) {
        boolean first = true;
        while (System.nanoTime() < untilNanos) {
            Socket socket = new Socket();
            try {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
                socket.setSoTimeout(15_000);
            } catch (ConnectException refused) {
                return;
            } catch (IOException e) {
                return;
            }
            try (socket) {
                OutputStream out = socket.getOutputStream();
                InputStream in = new BufferedInputStream(socket.getInputStream());
                boolean open = true;
                int onConnection = 0;
                long lastAnswer = System.nanoTime();
                while (open && System.nanoTime() < untilNanos) {
                    long sentAt = System.nanoTime();
                    long gapMillis = (sentAt - lastAnswer) / 1_000_000;
                    onConnection++;
                    try {
                        out.write(("GET " + path + " HTTP/1.1\r\nHost: test\r\n\r\n")
                                .getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                    } catch (IOException e) {
                        break; // closed before the request went out: not sent
                    }
                    tally.sent.incrementAndGet();
                    try {
                        Response response = read(in);
                        if (response == null) {
                            long signalled = tally.signalledNanos;
                            String what = "EOF instead of the response to request " + onConnection
                                    + " on its connection, sent " + gapMillis + " ms after the previous answer and "
                                    + (signalled == 0
                                            ? "before the signal"
                                            : (sentAt - signalled) / 1_000_000 + " ms after it");
                            // the drain closes a kept-alive connection that stays quiet for 500 ms: a request
                            // crossing that close is the race every idle close has, which an HTTP client
                            // retries on a new connection (RFC 9112 9.3.1), as this one does; before the
                            // drain (the grace period) the server closes nothing, so there it is a loss
                            boolean idleCloseRace =
                                    onConnection > 1 && signalled != 0 && sentAt - signalled >= tally.graceNanos;
                            (idleCloseRace ? tally.raced : tally.losses).add(what);
                            break;
                        }
                        lastAnswer = System.nanoTime();
                        tally.answered.incrementAndGet();
                        if (response.status() / 100 != 2) {
                            tally.not2xx.incrementAndGet();
                        }
                        if (first) {
                            first = false;
                            tally.serving.countDown();
                        }
                        open = !response.close();
                    } catch (IOException e) {
                        tally.losses.add(e + " waiting for the response");
                        break;
                    }
                }
            } catch (IOException ignored) {
                // closing failed: nothing to count
            }
        }
    }

    /** One request on a fresh connection; null when the server refuses to connect. */
    static Response once(int port, String path) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
            socket.setSoTimeout(5_000);
            socket.getOutputStream()
                    .write(("GET " + path + " HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            return read(new BufferedInputStream(socket.getInputStream()));
        } catch (ConnectException refused) {
            return null;
        }
    }

    static Response read(InputStream in) throws IOException {
        String statusLine = line(in);
        if (statusLine == null) {
            return null;
        }
        int length = 0;
        boolean close = false;
        for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
            String lower = header.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Integer.parseInt(lower.substring(15).trim());
            } else if (lower.startsWith("connection:") && lower.contains("close")) {
                close = true;
            }
        }
        byte[] body = in.readNBytes(length);
        if (body.length < length) {
            throw new IOException("response body cut short");
        }
        return new Response(
                Integer.parseInt(statusLine.split(" ")[1]), close, new String(body, StandardCharsets.UTF_8));
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                String text = line.toString(StandardCharsets.US_ASCII);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            line.write(b);
        }
        if (line.size() > 0) {
            throw new IOException("connection closed in the middle of a response head");
        }
        return null;
    }
}
